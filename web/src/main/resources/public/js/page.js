// What the demo pages share: the device switch, status, error and "ran on / took" facts.
// Everything about models goes through /tandem.js; nothing here touches a tensor.
import { load } from '/tandem.js';

const DEVICES = ['auto', 'wasm', 'webgpu', 'server'];
const $ = (id) => document.getElementById(id);

export function setStatus(text) {
  $('status').textContent = text;
  document.body.dataset.status = text;
}

export function showError(error) {
  $('error').textContent = error ? (error.message || String(error)) : '';
}

/** Shows where a result ran and how long it took. */
export function showFacts(result) {
  $('ran-on').textContent = result ? result.device : '—';
  $('ms').textContent = result ? result.ms.toFixed(1) : '—';
}

export function debounce(fn, waitMs) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}

/**
 * Wires #device-select (starting from ?device= when given) to (re)load the model: calls
 * onLoading() before each load and onReady(model, isCurrent) after it, where isCurrent() turns
 * false once the user has switched again. Resolves after the first load has settled.
 */
export function deviceSwitch(modelId, onReady, onLoading = () => {}) {
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
    onLoading();
    if (model) {
      model.close();
      model = null;
    }
    try {
      const loaded = await load(modelId, { device });
      if (mine !== generation) {
        loaded.close();
        return;
      }
      model = loaded;
      select.dataset.device = loaded.device;
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
  return reload();
}
