// Starts the playground. Trunk would inject this as an inline <script type="module">, which the
// page's Content-Security-Policy (index.html: script-src 'self' 'wasm-unsafe-eval', no inline
// script) forbids, so Trunk.toml's `pattern_script` loads this file instead and passes the
// hashed names of the wasm-bindgen glue and the .wasm in data attributes.
const tag = document.querySelector('script[data-aslplay-js]');
if (tag) {
  const glue = await import(tag.dataset.aslplayJs);
  const wasm = await glue.default({ module_or_path: tag.dataset.aslplayWasm });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
