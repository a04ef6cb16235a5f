// Offline: the service worker keeps the app shell, /tandem.js and the WASM runtime (see /sw.js).
// A file rather than an inline script, so the Content-Security-Policy can forbid inline scripts.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
