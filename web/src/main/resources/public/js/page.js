// What the demo pages share: the device switch, status, error and "ran on / took" facts.
// Everything about models goes through /tandem.js; nothing here touches a tensor.
import { load, probe } from '/tandem.js';
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
    $('device-summary').textContent = `${WHERE[result.device] || result.device}, after ${result.fallback}`;
    $('device-reason').textContent = `${result.device} — ${result.fallback}`;
    $('device-select').dataset.device = result.device;
  }
}

/** Where a model runs, as a person reads it. */
const WHERE = { wasm: 'WebAssembly on this device', webgpu: 'WebGPU on this device', server: 'the server' };

/**
 * The short device line: where it runs and who chose it ("WebAssembly on this device, chosen
 * automatically"), plus what failed before ("after webgpu failed"). The client's full reason goes
 * under the Details disclosure (#device-reason).
 */
export function deviceSummary(m) {
  const reason = String(m.reason || '');
  const how = reason.startsWith('remembered:') ? 'as chosen automatically before'
    : reason.startsWith('auto') ? 'chosen automatically' : 'as you chose';
  const failed = (m.fallbacks || []).map((f) => String(f).split(':')[0]);
  return `${WHERE[m.device] || m.device}, ${how}` + (failed.length ? ` (after ${failed.join(', ')})` : '');
}

/**
 * What the capability probe rules out, device → reason (only devices that cannot work at all:
 * no WebAssembly, no WebGPU API, no WebGPU adapter). A software WebGPU adapter still works, slowly.
 */
export function unavailableDevices(caps) {
  const out = {};
  const gpu = (caps && caps.webgpu) || {};
  if (!gpu.api) out.webgpu = 'this browser has no WebGPU';
  else if (!gpu.adapter) out.webgpu = `no WebGPU adapter${gpu.error ? ` (${gpu.error})` : ''}`;
  if (caps && caps.wasm && !caps.wasm.available) out.wasm = 'this browser has no WebAssembly';
  return out;
}

/** Disables the devices the probe rules out, each option saying why, and a note beside the switch. */
function disableUnavailable(select, unavailable) {
  const notes = [];
  for (const option of select.options) {
    const why = unavailable[option.value];
    option.disabled = !!why;
    option.dataset.unavailable = why || '';
    if (why) {
      option.textContent = `${option.dataset.label || option.textContent} — unavailable: ${why}`;
      notes.push(`${option.dataset.label} is unavailable: ${why}.`);
    }
  }
  $('device-note').textContent = notes.join(' ');
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
function showProgress(p, timing) {
  if (p.loaded >= p.total) timing.downloaded = performance.now();
  $('download-progress').value = p.percent;
  $('download-text').textContent = `${formatBytes(p.loaded)} of ${formatBytes(p.total)} (${p.percent.toFixed(0)}%)`
    + (p.fromCache ? ' from the cache' : '');
}

const seconds = (ms) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/**
 * After a load: what was downloaded and how long that took, then separately how long the runtime
 * took to start (session creation, auto's warm-up), the device line and its details, fallbacks,
 * storage and offline notes. `timing`: {start, downloaded, ready} from performance.now().
 */
function showModel(m, timing) {
  const info = m.loadInfo;
  const bytes = info.networkBytes + info.cacheBytes;
  const downloaded = timing.downloaded ?? timing.start;
  if (bytes === 0) {
    $('download-text').textContent = m.device === 'server' ? 'nothing to download (runs on the server)' : '—';
  } else {
    $('download-progress').value = 100;
    $('download-text').textContent = `${formatBytes(bytes)}`
      + (info.cacheBytes > 0 ? (info.networkBytes > 0 ? `, ${formatBytes(info.cacheBytes)} from the cache,` : ' from the cache') : ' downloaded')
      + ` in ${seconds(downloaded - timing.start)}`;
  }
  $('startup-text').textContent = m.device === 'server' ? '—' : seconds(timing.ready - downloaded);
  $('device-summary').textContent = deviceSummary(m);
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
  for (const option of select.options) option.dataset.label = option.textContent;
  const fromUrl = new URLSearchParams(location.search).get('device');
  if (DEVICES.includes(fromUrl)) {
    select.value = fromUrl;
  }
  let unavailable = {};
  // What this browser cannot run is greyed out before the first load (the probe gives up on a
  // hanging WebGPU adapter request after 3 s). A device the URL asks for but the probe rules out
  // is replaced by auto, with a notice.
  const probed = probe().then((caps) => {
    unavailable = unavailableDevices(caps);
    disableUnavailable(select, unavailable);
  }, (e) => console.warn('capability probe failed:', e));
  let model = null;
  let generation = 0;
  const reload = async () => {
    const mine = ++generation;
    await probed;
    if (mine !== generation) return;
    let skipped = '';
    if (unavailable[select.value]) {
      skipped = `${select.value} is unavailable here (${unavailable[select.value]}); running on auto instead.`;
      select.value = 'auto';
    }
    const device = select.value;
    setStatus('loading');
    showError(null);
    showFacts(null);
    showNotice(skipped);
    $('device-summary').textContent = '—';
    $('device-reason').textContent = '—';
    $('download-progress').value = 0;
    $('download-text').textContent = '—';
    $('startup-text').textContent = '—';
    // What the previous model showed is not this one's: the page clears its result now.
    onLoading();
    if (model) {
      model.close();
      model = null;
    }
    try {
      await serviceWorkerSettled();
      const timing = { start: performance.now(), downloaded: null, ready: 0 };
      const loaded = await load(modelId, { device, ...moreOptions(), ...testOptions(), onProgress: (p) => { if (mine === generation) showProgress(p, timing); } });
      timing.ready = performance.now();
      if (mine !== generation) {
        loaded.close();
        return;
      }
      model = loaded;
      select.dataset.device = loaded.device;
      showModel(loaded, timing);
      if (skipped) showNotice(`${skipped} ${$('notice').textContent}`.trim());
      await onReady(loaded, () => mine === generation);
    } catch (e) {
      if (mine === generation) {
        setStatus('error');
        // The client's own message, as it gives it (client/README.md "Errors").
        showError(e);
        $('device-summary').textContent = `could not start on ${device}`;
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
