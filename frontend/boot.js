// Starts Obriy: loads the wasm app. A file of its own (not an inline script) so the
// Content-Security-Policy can allow only the app's own scripts. The build puts its version in
// the addresses, so a new build is never mixed with a cached old one.
import init from '/pkg/obriy.js?v=__VERSION__';
init({ module_or_path: '/pkg/obriy_bg.wasm?v=__VERSION__' });
