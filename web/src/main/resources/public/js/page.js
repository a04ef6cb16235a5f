// What the demo pages share: the device switch, status, error and "ran on / took" facts.
// Everything about models goes through /tandem.js; nothing here touches a tensor.
import { load } from '/tandem.js';
import { describeError, errorCode } from '/js/views.js';

const DEVICES = ['auto', 'wasm', 'webgpu', 'server'];

// Offline: the service worker keeps the app shell, /tandem.js and the WASM runtime (see /sw.js).
export const serviceWorker = 'serviceWorker' in navigator
  ? navigator.serviceWorker.register('/sw.js').catch((e) => { console.warn('service worker not registered:', e); return null; })
  : Promise.resolve(null);
const $ = (id) => document.getElementById(id);

// On a first visit the service worker downloads the runtime while it installs; a model loaded at
// the same moment would download the same 14 MB again. So the first load waits (at most 20 s)
// for the worker to be active; its download then fills the HTTP cache the page revalidates
// against. Later visits are already controlled and do not wait.
function serviceWorkerSettled() {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return Promise.resolve();
  return Promise.race([
    serviceWorker.then((registration) => (registration ? navigator.serviceWorker.ready : null)),
    new Promise((resolve) => setTimeout(resolve, 20000)),
  ]);
}

export function setStatus(text) {
  $('status').textContent = text;
  document.body.dataset.status = text;
}

/** Shows an error's message (and its code), whatever was thrown; empty clears it. */
export function showError(error) {
  $('error').textContent = describeError(error);
  $('error').dataset.code = errorCode(error);
}

/** Shows where a result ran and how long it took (and says so when it fell back while running). */
export function showFacts(result) {
  $('ran-on').textContent = result ? result.device : '—';
  $('ms').textContent = result ? result.ms.toFixed(1) : '—';
  if (result && result.fallback) {
    showNotice(`Fell back: ${result.fallback}.`);
    $('device-reason').textContent = result.device;
    $('device-select').dataset.device = result.device;
  }
}

/** A notice a person should read (fallback, storage, offline); empty hides it. */
export function showNotice(text) {
  $('notice').textContent = text || '';
}

/**
 * Test-only: ?_simulateFailure=wasm (etc.) and ?_simulateWarmUpMs=5000 are handed to load() to
 * exercise the fallback chain and auto's warm-up.
 */
function testOptions() {
  const params = new URLSearchParams(location.search);
  const options = {};
  if (params.get('_simulateFailure')) options._simulateFailure = params.get('_simulateFailure');
  if (params.get('_simulateWarmUpMs')) options._simulateWarmUpMs = Number(params.get('_simulateWarmUpMs'));
  return options;
}

function formatBytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/** load()'s onProgress: fills #download-progress and #download-text. */
function showProgress(p) {
  $('download-progress').value = p.percent;
  $('download-text').textContent = `${formatBytes(p.loaded)} of ${formatBytes(p.total)} (${p.percent.toFixed(0)}%)`
    + (p.fromCache ? ' from the cache' : '');
}

/** After a load: device and why, fallbacks, storage and offline notes. */
function showModel(m) {
  const info = m.loadInfo;
  if (info.networkBytes + info.cacheBytes === 0) {
    $('download-text').textContent = m.device === 'server' ? 'nothing to download (runs on the server)' : '—';
  } else {
    $('download-progress').value = 100;
    $('download-text').textContent = `${formatBytes(info.networkBytes + info.cacheBytes)}`
      + (info.cacheBytes > 0 ? (info.networkBytes > 0 ? `, ${formatBytes(info.cacheBytes)} from the cache` : ' from the cache') : ' downloaded')
      + ` in ${(info.ms / 1000).toFixed(1)} s`;
  }
  $('device-reason').textContent = `${m.device} — ${m.reason}`;
  const notes = [];
  if (m.fallbacks.length) notes.push(`Fallback happened: ${m.fallbacks.join('; ')}. Running on ${m.device}.`);
  notes.push(...m.notes);
  showNotice(notes.join(' '));
}

export function debounce(fn, waitMs) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}

/**
 * Wraps an async function so that one call runs at a time: calls made while it runs collapse into
 * a single run once it is done (the page's newest input wins; nothing queues up behind a slow model).
 */
export function oneAtATime(fn) {
  let busy = false;   // a run is under way
  let again = false;  // asked for again meanwhile
  const run = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      await fn();
    } finally {
      busy = false;
      if (again) {
        again = false;
        run();
      }
    }
  };
  return run;
}

/**
 * Wires #device-select (starting from ?device= when given) to (re)load the model: calls
 * onLoading() before each load and onReady(model, isCurrent) after it, where isCurrent() turns
 * false once the user has switched again. Resolves after the first load has settled.
 * `extra.options()` adds load options (e.g. a variant); a change of any `extra.triggers` select
 * reloads too, keeping its value in the URL under its `name` (removed when empty).
 */
export function deviceSwitch(modelId, onReady, onLoading = () => {}, extra = {}) {
  const moreOptions = extra.options || (() => ({}));
  const select = $('device-select');
  const fromUrl = new URLSearchParams(location.search).get('device');
  if (DEVICES.includes(fromUrl)) {
    select.value = fromUrl;
  }
  let model = null;
  let generation = 0;
  const reload = async () => {
    const mine = ++generation;
    const device = select.value;
    setStatus('loading');
    showError(null);
    showFacts(null);
    showNotice('');
    $('device-reason').textContent = '—';
    $('download-progress').value = 0;
    $('download-text').textContent = '—';
    onLoading();
    if (model) {
      model.close();
      model = null;
    }
    try {
      await serviceWorkerSettled();
      const loaded = await load(modelId, { device, ...moreOptions(), ...testOptions(), onProgress: (p) => { if (mine === generation) showProgress(p); } });
      if (mine !== generation) {
        loaded.close();
        return;
      }
      model = loaded;
      select.dataset.device = loaded.device;
      showModel(loaded);
      await onReady(loaded, () => mine === generation);
    } catch (e) {
      if (mine === generation) {
        setStatus('error');
        showError(e);
      }
    }
  };
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('device', select.value);
    history.replaceState(null, '', url);
    reload();
  });
  for (const trigger of extra.triggers || []) {
    trigger.addEventListener('change', () => {
      const url = new URL(location.href);
      if (trigger.value) url.searchParams.set(trigger.name, trigger.value);
      else url.searchParams.delete(trigger.name);
      history.replaceState(null, '', url);
      reload();
    });
  }
  return reload();
}
