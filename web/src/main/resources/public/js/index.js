// The home page: registers the service worker, and lists every bundle of GET /api/v1/models
// (with the broken ones, when the server names any) under #models.
// A file rather than an inline script, so the Content-Security-Policy can forbid inline scripts.
import { renderCatalog, describeError } from '/js/views.js';

// Offline: the service worker keeps the app shell, /tandem.js and the WASM runtime (see /sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

/** The bundles that have a page of their own, besides /try.html. */
const DEMOS = {
  'mnist-cnn': { href: '/digits.html', name: 'Digits demo' },
  'minilm-l6-v2': { href: '/search.html', name: 'Search demo' },
  penguins: { href: '/penguins.html', name: 'Penguins demo' },
};

async function listModels() {
  const status = document.getElementById('models-status');
  const list = document.getElementById('models');
  try {
    const response = await fetch('/api/v1/models', { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok || !body || typeof body !== 'object') {
      throw Object.assign(new Error(body && typeof body.message === 'string' ? body.message : `the server answered HTTP ${response.status}`),
        { code: body && typeof body.error === 'string' ? body.error : `http_${response.status}` });
    }
    const cards = renderCatalog(body, DEMOS);
    list.replaceChildren(...cards);
    const models = Array.isArray(body.models) ? body.models.length : 0;
    const broken = Array.isArray(body.broken) ? body.broken.length : 0;
    status.textContent = `${models} ${models === 1 ? 'model' : 'models'}` + (broken ? `, ${broken} unavailable` : '') + '.';
    document.body.dataset.models = 'listed';
  } catch (e) {
    status.textContent = `The list of models cannot be shown: ${describeError(e)}`;
    document.body.dataset.models = 'error';
  }
}
listModels();
