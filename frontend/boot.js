// Starts Obriy: loads the wasm app. A file of its own (not an inline script) so the
// Content-Security-Policy can allow only the app's own scripts. The build names the files by
// their content's hash, so a new build is never mixed with a cached old one.
import init from '__JS__';

// The light shell speaks the language the user chose last time (the app keeps it there).
try {
  if (localStorage.getItem('obriy.lang') === 'en') {
    document.documentElement.lang = 'en';
    for (const el of document.querySelectorAll('#boot-shell [data-en]')) {
      el.textContent = el.dataset.en;
    }
  }
} catch (_) {
  // Storage may be off (private mode): the shell stays Ukrainian.
}

init({ module_or_path: '__WASM__' });

// The service worker keeps the app shell and the last data opened, so the app opens offline
// (frontend/sw.js). Registered once the page has loaded, so its downloads do not compete.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  });
}
