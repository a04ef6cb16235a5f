// Tandem's service worker: the app shell, /tandem.js and the ONNX Runtime Web files stay
// available offline. Network first for all of them (a new deploy is picked up on the next online
// visit), the stored copy when the network fails. Model files are not handled here: /tandem.js
// keeps them in Cache Storage itself ('tandem-models-v1', keyed by model version, cache first,
// manifests network first), so they are never fetched twice and old versions are evicted there.
// Predictions (/api/), /metrics (polled by the dashboard) and other origins are never touched.
const SHELL = 'tandem-shell-v2';
const PRECACHE = [
  '/', '/index.html', '/digits.html', '/search.html', '/penguins.html', '/try.html',
  '/css/site.css', '/js/index.js', '/js/page.js', '/js/views.js', '/js/caution.js', '/js/digits.js', '/js/search.js', '/js/penguins.js', '/js/try.js',
  // Every module a page imports must be here: the first visit loads them before this worker controls
  // the page, so only the precache has them offline (e2e ServiceWorkerPrecacheTest checks the list).
  '/404.html',
  '/data/search-sentences.json',
  '/tandem.js',
  // The WASM runtime (device 'wasm', and the fallback of 'webgpu'). The WebGPU runtime (26 MB)
  // is stored only once a page has used it.
  '/ort/ort.wasm.min.mjs', '/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('tandem-shell-') && n !== SHELL).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

function handled(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  return url.origin === self.location.origin && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/models/')
    && url.pathname !== '/sw.js' && url.pathname !== '/metrics';
}

// Pages are stored under their path alone (digits.html?device=wasm → /digits.html).
function keyOf(request) {
  const url = new URL(request.url);
  return url.origin + url.pathname;
}

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  const key = keyOf(request);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200) {
      const stored = await cache.match(key);
      const tag = response.headers.get('ETag');
      // Same ETag as the stored copy: nothing new to write (saves rewriting the 14 MB runtime).
      if (!stored || !tag || stored.headers.get('ETag') !== tag) {
        await cache.put(key, response.clone());
      }
    }
    return response;
  } catch (offline) {
    const stored = await cache.match(key);
    if (stored) return stored;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  if (handled(event.request)) {
    event.respondWith(networkFirst(event.request));
  }
});
