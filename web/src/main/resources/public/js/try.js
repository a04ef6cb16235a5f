// /try.html?model=<id>[&device=auto|wasm|webgpu|server][&variant=<name>]: a demo page for any
// bundle, made from its manifest (GET /api/v1/models/<id>). The input follows the task's input
// kind (text → a text box; image → a file picker, drop zone, paste and a drawing canvas; features
// → a form from preprocessing.features), the result view follows the result's shape (ranked
// labels, an embedding, values, token spans). Without ?model= it lists the models to choose from.
//
// Ids tests rely on, besides page.js's (#device-select, #status, #error, #ran-on, #ms, #notice …):
//   #variant-select, #model-title, #model-meta, #input-area, #predict, #result-summary, #ran-variant,
//   #model-version; #result has data-kind (scores|embedding|values|spans|json), data-run (results
//   shown so far), data-input (the text, the record as JSON, or the image's name and size) and, for
//   scores, data-label/data-score (the best), for embeddings data-dim/data-norm.
//   text: #text-input. image: #image-file, #dropzone, #draw-canvas (dispatch 'tandem:changed' after
//   drawing on it from a script), #clear, #image-preview, #image-info. features: #feature-<i> with
//   data-feature=<name>, #clear. views.js: #top-label, #top-score, #bars li[data-label][data-score],
//   #embedding-dim, #embedding-norm, #embedding-first li[data-value], #embedding-json, #values
//   tr[data-name] td[data-value], #spans-text mark[data-entity], #legend, #spans.
//   Text embeddings: #compare-a, #compare-b, #compare, #cosine[data-value].
import { debounce, oneAtATime, deviceSwitch, setStatus, showError, showFacts } from '/js/page.js';
import {
  el, describeError, resultKind, renderScores, renderEmbedding, renderValues, renderSpans, renderJson,
  featureForm, formatBytes, cosine, norm, score4, formatNumber,
} from '/js/views.js';

const $ = (id) => document.getElementById(id);
const DEVICES = ['auto', 'wasm', 'webgpu', 'server'];
const KINDS = ['text', 'image', 'features'];
const BY_PREPROCESSING = { 'bert-wordpiece': 'text', image: 'image', 'digit-image': 'image', tabular: 'features' };
const SAMPLE_TEXT = {
  'text-embedding': 'A cat sits on the mat.',
  'text-classification': 'I loved this film: the story, the music, everything.',
  'token-classification': 'Ada Lovelace worked with Charles Babbage in London.',
};
// Largest image the page decodes (a phone photo is 12 MP; the pipeline resizes anyway).
const MAX_PIXELS = 40e6;

const params = new URLSearchParams(location.search);
const modelId = params.get('model');

let manifest = null;
let task = '';
let inputKind = '';
let model = null;
let input = null;     // the input view: { element, current() → {value, describe, text?} | null }
let runs = 0;         // results shown
let shown = false;    // a result is on screen (a reload predicts again)
let pending = false;  // Predict was asked for while the model was loading

/** GET a JSON document; failures are Errors with the server's {error, message} as code and message. */
async function fetchJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw Object.assign(new Error(`cannot reach the server for ${url} (${describeError(e)})`), { code: 'network' });
  }
  let body = null;
  try {
    body = await response.json();
  } catch (ignored) {
    // not JSON: said below
  }
  if (!response.ok) {
    const message = body && typeof body.message === 'string' ? body.message : `${url} answered HTTP ${response.status}`;
    throw Object.assign(new Error(message), { code: body && typeof body.error === 'string' ? body.error : `http_${response.status}` });
  }
  if (body === null || typeof body !== 'object') {
    throw Object.assign(new Error(`${url} did not answer a JSON object`), { code: 'bad_response' });
  }
  return body;
}

/** The manifest from the API; offline, the copy /tandem.js stored at this model's last load. */
async function loadManifest(id) {
  try {
    return await fetchJson(`/api/v1/models/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e.code !== 'network' || !('caches' in self)) throw e;
    try {
      const cache = await caches.open('tandem-models-v1');
      const stored = await cache.match(new URL(`/models/${encodeURIComponent(id)}/manifest.json`, location.href).href);
      if (stored) return await stored.json();
    } catch (ignored) {
      // no usable copy
    }
    throw e;
  }
}

function inputKindOf(m, summary) {
  if (summary && KINDS.includes(summary.input)) return summary.input;
  const byType = BY_PREPROCESSING[m.preprocessing && m.preprocessing.type];
  if (byType) return byType;
  if (/^(text|token)-/.test(task)) return 'text';
  if (/^image-/.test(task)) return 'image';
  if (/^tabular-/.test(task)) return 'features';
  return '';
}

function variants() {
  return Array.isArray(manifest.variants) ? manifest.variants.filter((v) => v && typeof v.name === 'string') : [];
}

const lists = (v, device) => Array.isArray(v.devices) && v.devices.includes(device);

/** The variants a device can be asked for: all for auto; the server runs only its own (the first it lists). */
function variantsFor(device) {
  if (device === 'auto') return variants();
  if (device === 'server') return variants().filter((v) => lists(v, 'server')).slice(0, 1);
  return variants().filter((v) => lists(v, device));
}

function fillVariants(device, wanted) {
  const select = $('variant-select');
  const list = variantsFor(device);
  const first = list[0];
  const defaultText = device === 'auto' ? 'default for the device' : (first ? `default (${first.name})` : 'none for this device');
  select.replaceChildren(el('option', { value: '', text: defaultText }),
    ...list.map((v) => el('option', {
      value: v.name,
      text: `${v.name}${v.precision && v.precision !== v.name ? ` (${v.precision})` : ''}`
        + `${typeof v.bytes === 'number' ? `, ${formatBytes(v.bytes)}` : ''}`,
    })));
  select.value = list.some((v) => v.name === wanted) ? wanted : '';
}

function showHeader() {
  const title = manifest.title ? String(manifest.title) : String(manifest.id ?? modelId);
  document.title = `${title} — Tandem`;
  $('model-title').textContent = title;
  $('model-summary').textContent = `${task || 'unknown task'}: ${inputKind || 'unknown'} input. Give it an input and see what it `
    + 'answers, on this device or on the server.';
  const meta = $('model-meta');
  const labels = Array.isArray(manifest.labels) ? manifest.labels : [];
  const licence = manifest.provenance && manifest.provenance.licence;
  const rows = [
    ['Model', String(manifest.id ?? modelId)],
    ['Task', task || '—'],
    ['Input', inputKind || '—'],
    ['Version', manifest.version ? String(manifest.version) : '—'],
    ['Variants', variants().map((v) => `${v.name} (${Array.isArray(v.devices) ? v.devices.join(', ') : '—'})`).join('; ') || '—'],
  ];
  if (labels.length) rows.push(['Labels', labels.length <= 12 ? labels.map(String).join(', ') : `${labels.length} labels`]);
  if (licence) rows.push(['Licence', String(licence)]);
  meta.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { dataset: { field: k.toLowerCase() }, text: v })]));
  meta.hidden = false;
}

// ---- inputs -------------------------------------------------------------------------------------

function buttons(...extra) {
  return el('div', { class: 'buttons' }, el('button', { type: 'submit', id: 'predict', text: 'Predict' }), ...extra);
}

function textInput() {
  const area = el('textarea', { id: 'text-input', rows: 5, placeholder: 'Type or paste a text', spellcheck: 'false' });
  area.value = SAMPLE_TEXT[task] ?? 'Type a text here.';
  const form = el('form', { id: 'input-form', class: 'text-form' },
    el('label', { for: 'text-input', text: 'Text' }), area,
    buttons(el('span', { class: 'hint', text: 'Ctrl+Enter predicts too' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    requestPredict();
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      requestPredict();
    }
  });
  return {
    element: form,
    current: () => ({ value: area.value, text: area.value, describe: area.value.length <= 2000 ? area.value : `${area.value.length} characters` }),
  };
}

function imageInput() {
  const canvas = el('canvas', { id: 'draw-canvas', width: 280, height: 280, role: 'img',
    'aria-label': 'Drawing area: draw with the mouse, a finger or a pen; or choose a file instead' });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const preview = el('canvas', { id: 'image-preview', width: 140, height: 140, role: 'img', 'aria-label': 'What the model is given' });
  const pctx = preview.getContext('2d');
  const info = el('p', { id: 'image-info', class: 'muted', text: 'Nothing yet: draw, or choose, drop or paste an image.' });
  const file = el('input', { id: 'image-file', type: 'file', accept: 'image/*' });
  const drop = el('div', { id: 'dropzone', class: 'dropzone' },
    el('label', { for: 'image-file', text: 'Choose an image' }), file,
    el('span', { class: 'hint', text: 'or drop one here, or paste one (Ctrl+V)' }));
  const clear = el('button', { type: 'button', id: 'clear', text: 'Clear drawing' });
  let source = null;  // { value: canvas | ImageData, describe }

  const blank = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  const showPreview = (image, w, h) => {
    const scale = Math.min(preview.width / w, preview.height / h);
    pctx.imageSmoothingEnabled = scale < 1;
    pctx.fillStyle = '#fff';
    pctx.fillRect(0, 0, preview.width, preview.height);
    const dw = Math.max(1, Math.round(w * scale));
    const dh = Math.max(1, Math.round(h * scale));
    pctx.drawImage(image, (preview.width - dw) / 2, (preview.height - dh) / 2, dw, dh);
  };
  const useDrawing = () => {
    source = { value: canvas, describe: `drawing (${canvas.width} × ${canvas.height} px)` };
    info.textContent = `Your drawing, ${canvas.width} × ${canvas.height} px.`;
    showPreview(canvas, canvas.width, canvas.height);
  };

  // Drawing: pointer events cover mouse, touch and pen.
  let last = null;
  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * (canvas.width / r.width), y: (e.clientY - r.top) * (canvas.height / r.height) };
  };
  const stroke = (from, to) => {
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 18;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
    stroke(last, last);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = point(e);
    stroke(last, p);
    last = p;
  });
  const endStroke = () => {
    if (last) {
      last = null;
      useDrawing();
      requestPredict();
    }
  };
  canvas.addEventListener('pointerup', endStroke);
  canvas.addEventListener('pointercancel', endStroke);
  canvas.addEventListener('tandem:changed', () => {
    useDrawing();
    requestPredict();
  });
  clear.addEventListener('click', () => {
    blank();
    if (source && source.value === canvas) {
      source = null;
      info.textContent = 'Nothing yet: draw, or choose, drop or paste an image.';
      pctx.clearRect(0, 0, preview.width, preview.height);
    }
  });

  const useFile = async (f) => {
    if (!f) return;
    if (f.type && !f.type.startsWith('image/')) {
      showError(`${f.name} is not an image (${f.type}); choose a PNG, JPEG, GIF, WebP or BMP file`);
      return;
    }
    let bitmap;
    try {
      bitmap = await createImageBitmap(f, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    } catch (e) {
      showError(`${f.name || 'the file'} cannot be read as an image (${describeError(e)})`);
      return;
    }
    try {
      const { width: w, height: h } = bitmap;
      if (w * h > MAX_PIXELS) {
        showError(`${f.name} is ${w} × ${h} px; this page takes at most ${MAX_PIXELS / 1e6} million pixels`);
        return;
      }
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const cx = c.getContext('2d', { willReadFrequently: true });
      cx.drawImage(bitmap, 0, 0);
      source = { value: cx.getImageData(0, 0, w, h), describe: `${f.name} (${w} × ${h} px)` };
      info.textContent = `${f.name || 'pasted image'}, ${w} × ${h} px.`;
      showPreview(bitmap, w, h);
      showError(null);
      requestPredict();
    } finally {
      bitmap.close();
    }
  };
  file.addEventListener('change', () => useFile(file.files[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    useFile(e.dataTransfer && e.dataTransfer.files[0]);
  });
  document.addEventListener('paste', (e) => {
    const item = [...(e.clipboardData ? e.clipboardData.items : [])].find((i) => i.kind === 'file' && i.type.startsWith('image/'));
    if (item) {
      e.preventDefault();
      useFile(item.getAsFile());
    }
  });

  blank();
  const form = el('form', { id: 'input-form', class: 'image-form' },
    drop,
    el('div', { class: 'image-row' },
      el('div', { class: 'pad' }, el('span', { class: 'hint', text: 'Or draw:' }), canvas, clear),
      el('figure', { class: 'preview' }, preview, el('figcaption', {}, info))),
    buttons());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    requestPredict();
  });
  return {
    element: form,
    current: () => (source ? { value: source.value, describe: source.describe } : null),
  };
}

function featuresInput() {
  const features = manifest.preprocessing && manifest.preprocessing.features;
  if (!Array.isArray(features) || features.length === 0) {
    throw Object.assign(new Error('the manifest lists no features (preprocessing.features), so there is no form to show'), { code: 'bad_bundle' });
  }
  const fields = featureForm(features);
  const clear = el('button', { type: 'button', id: 'clear', text: 'Clear (all missing)' });
  const form = el('form', { id: 'input-form', class: 'feature-form', novalidate: true }, fields.element, buttons(clear));
  form.addEventListener('input', debounce(() => requestPredict(), 200));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    requestPredict();
  });
  clear.addEventListener('click', () => {
    fields.clear();
    requestPredict();
  });
  return {
    element: form,
    current: () => {
      const record = fields.read();
      return { value: record, describe: JSON.stringify(record) };
    },
  };
}

function buildInput(kind) {
  if (kind === 'text') return textInput();
  if (kind === 'image') return imageInput();
  if (kind === 'features') return featuresInput();
  throw Object.assign(new Error(`this page does not know the input kind of task '${task}'`), { code: 'unsupported' });
}

// ---- predictions and results --------------------------------------------------------------------

const predict = oneAtATime(async () => {
  const current = model;
  const given = input && input.current();
  if (!current || !given) return;
  try {
    const r = await current.predict(given.value);
    if (current === model) {
      showResult(r, given);
      showError(null);
    }
  } catch (e) {
    if (current === model) {
      clearResult();
      showFacts(null);
      showError(e);
    }
  }
});

function requestPredict() {
  if (!model) {
    pending = true;
    if (document.body.dataset.status === 'loading') $('result-summary').textContent = 'The model is still loading; the result follows.';
    return;
  }
  if (input && !input.current()) {
    $('result-summary').textContent = 'Give the model an input first.';
    return;
  }
  predict();
}

function clearResult() {
  const box = $('result');
  for (const key of ['label', 'score', 'dim', 'norm', 'input']) delete box.dataset[key];
  box.dataset.kind = '';
  box.replaceChildren();
  $('result-summary').textContent = '—';
  $('ran-variant').textContent = '—';
}

function showResult(r, given) {
  const box = $('result');
  clearResult();
  const kind = resultKind(r.output, task);
  let view;
  let summary;
  if (kind === 'scores') {
    const best = r.output[0];
    view = renderScores(r.output);
    box.dataset.label = best ? String(best.label) : '';
    box.dataset.score = best ? String(best.score) : '';
    summary = best ? `${best.label}: ${score4(best.score)}` : 'No labels.';
  } else if (kind === 'embedding') {
    const v = Array.from(r.output);
    view = renderEmbedding(v);
    box.dataset.dim = String(v.length);
    box.dataset.norm = String(norm(v));
    summary = `An embedding of ${v.length} numbers, norm ${norm(v).toFixed(4)}.`;
    if (inputKind === 'text') $('compare-section').hidden = false;
  } else if (kind === 'values') {
    const entries = Object.entries(r.output);
    view = renderValues(r.output);
    summary = entries.slice(0, 3).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ') + (entries.length > 3 ? ', …' : '');
  } else if (kind === 'spans') {
    view = renderSpans(typeof given.text === 'string' ? given.text : '', r.output);
    summary = `${r.output.length} ${r.output.length === 1 ? 'entity' : 'entities'} found.`;
  } else {
    view = renderJson(r.output);
    summary = 'A result this page has no view for, shown as JSON.';
  }
  box.dataset.kind = kind;
  box.dataset.input = given.describe;
  box.replaceChildren(view);
  box.dataset.run = String(++runs);
  shown = true;
  $('result-summary').textContent = summary;
  showFacts(r);
  $('ran-variant').textContent = r.variant || (model && model.variant) || '—';
  $('model-version').textContent = r.modelVersion || (manifest.version ? String(manifest.version) : '—');
}

function wireCompare() {
  $('compare-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const current = model;
    const out = $('cosine');
    if (!current) {
      showError('the model is still loading');
      return;
    }
    out.textContent = '…';
    out.dataset.value = '';
    try {
      const a = await current.predict($('compare-a').value);
      const b = await current.predict($('compare-b').value);
      if (resultKind(a.output, task) !== 'embedding' || resultKind(b.output, task) !== 'embedding') {
        throw new Error('this model does not answer embeddings');
      }
      const c = cosine(Array.from(a.output), Array.from(b.output));
      out.textContent = c.toFixed(4);
      out.dataset.value = String(c);
      showFacts(b);
      showError(null);
    } catch (err) {
      out.textContent = '—';
      showError(err);
    }
  });
}

// ---- the page -----------------------------------------------------------------------------------

function fail(e) {
  $('toolbar').hidden = false;
  for (const c of $('toolbar').querySelectorAll('select, label')) c.hidden = true;
  setStatus('error');
  showError(e);
}

async function showChooser(listing) {
  let models = listing;
  if (!models) {
    try {
      models = await fetchJson('/api/v1/models');
    } catch (e) {
      if (!modelId) fail(e);
      return;
    }
  }
  const list = Array.isArray(models.models) ? models.models : [];
  $('choose-list').replaceChildren(...list.map((m) => el('li', {},
    el('a', { href: `/try.html?model=${encodeURIComponent(String(m.id))}`, text: m.title ? String(m.title) : String(m.id) }),
    ` — ${m.task ?? ''}, ${m.input ?? ''} input`)));
  if (!list.length) $('choose-list').append(el('li', { text: 'The server has no models.' }));
  $('choose').hidden = false;
}

async function main() {
  if (!modelId) {
    setStatus('choose');
    await showChooser();
    return;
  }
  let listing = null;
  try {
    [manifest, listing] = await Promise.all([loadManifest(modelId), fetchJson('/api/v1/models').catch(() => null)]);
  } catch (e) {
    fail(e);
    await showChooser(listing);
    return;
  }
  task = typeof manifest.task === 'string' ? manifest.task : '';
  const summary = listing && Array.isArray(listing.models) ? listing.models.find((m) => m && m.id === modelId) : null;
  inputKind = inputKindOf(manifest, summary);
  showHeader();
  try {
    input = buildInput(inputKind);
  } catch (e) {
    fail(e);
    return;
  }
  $('input-area').replaceChildren(input.element);
  $('toolbar').hidden = false;
  $('runtime').hidden = false;
  $('workspace').hidden = false;
  $('model-version').textContent = manifest.version ? String(manifest.version) : '—';
  if (task === 'text-embedding' && inputKind === 'text') $('compare-section').hidden = false;
  wireCompare();

  const deviceSelect = $('device-select');
  const fromUrl = params.get('device');
  if (DEVICES.includes(fromUrl)) deviceSelect.value = fromUrl;
  fillVariants(deviceSelect.value, params.get('variant'));
  // Before deviceSwitch's own listener (which reloads): the variant list follows the device.
  deviceSelect.addEventListener('change', () => {
    fillVariants(deviceSelect.value, $('variant-select').value);
    const url = new URL(location.href);
    if ($('variant-select').value) url.searchParams.set('variant', $('variant-select').value);
    else url.searchParams.delete('variant');
    history.replaceState(null, '', url);
  });

  await deviceSwitch(modelId, async (loaded) => {
    model = loaded;
    setStatus('ready');
    if (pending || (shown && input.current())) {
      pending = false;
      predict();
    }
  }, () => {
    model = null;
    clearResult();
  }, {
    options: () => ($('variant-select').value ? { variant: $('variant-select').value } : {}),
    triggers: [$('variant-select')],
  });
}

main();
