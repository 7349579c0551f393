// Starts Obriy: loads the wasm app. A file of its own (not an inline script) so the
// Content-Security-Policy can allow only the app's own scripts. The build names the files by
// their content's hash, so a new build is never mixed with a cached old one.
import init from '__JS__';
init({ module_or_path: '__WASM__' });
