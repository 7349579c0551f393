// Obriy's service worker: keeps the app shell and the last answer of each read the user opened,
// so the app opens without a connection (and says so). The build (xtask/src/web.rs) puts the
// shell's hashed file names in place of the list's placeholder below; a new build is a new worker
// with a new cache.
//
// - The shell (index.html at "/", boot, wasm-bindgen glue, wasm, style, favicon) is stored at
//   install; page addresses are answered from the network, else from the stored index.html.
// - GET /api/… reads the app makes (Accept: application/json) go to the network first; a 200
//   answer is kept in the data cache and given back, marked `X-Obriy-Offline: 1`, only when the
//   network fails. Public (rate-limited) answers, the live stream, health checks, files and
//   error answers are never kept. The app empties the data cache at every sign-in and sign-out,
//   so one person's data is never shown to the next.
// - Writes are never touched: the app queues them itself (frontend/src/offline).

const SHELL = __SHELL__;
const SHELL_CACHE = 'obriy-shell-__VERSION__';
const DATA_CACHE = 'obriy-data';
const NOT_KEPT = ['/api/public/', '/api/events', '/api/health', '/api/auth/login', '/api/auth/logout'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('obriy-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    const json = (request.headers.get('Accept') || '').includes('application/json');
    if (json && !NOT_KEPT.some((p) => url.pathname.startsWith(p))) {
      event.respondWith(networkFirst(event, request));
    }
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    // Hashed names never change: the stored copy is the file.
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});

async function networkFirst(event, request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get('Content-Type') || '';
    if (response.status === 200 && type.includes('application/json')) {
      const copy = response.clone();
      event.waitUntil(caches.open(DATA_CACHE).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    const cache = await caches.open(DATA_CACHE);
    const hit = await cache.match(request, { ignoreVary: true });
    if (!hit) throw error;
    const headers = new Headers(hit.headers);
    headers.set('X-Obriy-Offline', '1');
    return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
  }
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await caches.match('/', { cacheName: SHELL_CACHE });
    if (!hit) throw error;
    return hit;
  }
}
