// Starts the wasm app (an external module, so a strict Content-Security-Policy needs no inline
// script), then registers the service worker that keeps the page working offline.
const area = document.getElementById('app-error');
try {
  const { default: init } = await import('./pkg/asyncio_playground.js');
  await init();
} catch (err) {
  // A Rust panic is shown by the app's own panic hook: do not overwrite its message.
  if (area.hidden) {
    area.textContent = `The playground could not start: ${err}`;
    area.hidden = false;
  }
  throw err;
}
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('offline mode unavailable:', err));
}
