// Builders for the generated pages (/try.html and the home page's model list). Everything that
// comes from a bundle or a result — titles, labels, feature names, categories, entities, texts,
// reasons — reaches the page as text only (textContent, attribute values, option labels), never
// as HTML. No innerHTML here. Imports nothing, so tests can import it on any page.

/**
 * A new element: el('li', { class: 'x', text: 'shown as text', dataset: { label: 'a' } }, child, …).
 * Children are nodes or strings (strings become text nodes); null/undefined/false are skipped.
 * Keys other than text, class, dataset, on and the DOM properties value/checked/disabled/hidden
 * become attributes (names are always this file's own, never a bundle's).
 */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') e.textContent = String(value);
    else if (key === 'class') e.className = value;
    else if (key === 'dataset') for (const [k, v] of Object.entries(value)) e.dataset[k] = String(v);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) e.addEventListener(type, fn);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden') e[key] = value;
    else e.setAttribute(key, value === true ? '' : String(value));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c);
  }
  return e;
}

/**
 * A sentence for a person from anything thrown or rejected: a TandemError ({code, message}), the
 * server's {error, message}, an Error, a string. Never "[object Object]".
 */
export function describeError(e) {
  if (e === null || e === undefined) return '';
  if (typeof e === 'string') return e;
  const message = typeof e.message === 'string' ? e.message.trim() : '';
  const code = typeof e.code === 'string' && e.code ? e.code : (typeof e.error === 'string' ? e.error : '');
  if (message && code && !message.includes(code)) return `${message} (${code})`;
  if (message) return message;
  if (code) return code;
  let json = '';
  try {
    json = JSON.stringify(e);
  } catch (ignored) {
    // cyclic: fall through
  }
  if (json && json !== '{}') return json;
  const s = String(e);
  return s === '[object Object]' ? 'unknown error' : s;
}

/** The error's code when it has one ('' otherwise). */
export function errorCode(e) {
  if (!e || typeof e !== 'object') return '';
  if (typeof e.code === 'string') return e.code;
  return typeof e.error === 'string' ? e.error : '';
}

export function formatBytes(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/** A number in at most 6 significant digits, without trailing zeros: 43.8369, 0.000123457, 1.5e+21. */
export function formatNumber(v) {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
}

const isNumber = (x) => typeof x === 'number';
const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

/**
 * Which view a result needs, by its shape (the task only settles an empty array):
 * 'scores' ([{label, score}, …]), 'embedding' (numbers), 'spans' ([{entity, …}]),
 * 'values' ({name: number}), else 'json'.
 */
export function resultKind(output, task) {
  if (ArrayBuffer.isView(output)) return 'embedding';
  if (Array.isArray(output)) {
    if (output.length === 0) {
      if (task === 'token-classification') return 'spans';
      return task === 'text-embedding' ? 'embedding' : 'scores';
    }
    if (output.every(isNumber)) return 'embedding';
    if (output.every((x) => isObject(x) && typeof x.entity === 'string')) return 'spans';
    if (output.every((x) => isObject(x) && 'label' in x && isNumber(x.score))) return 'scores';
    return 'json';
  }
  if (isObject(output) && Object.keys(output).length > 0 && Object.values(output).every(isNumber)) return 'values';
  return 'json';
}

/** A score as the page shows it: four decimals. */
export const score4 = (s) => (isNumber(s) ? s.toFixed(4) : '—');

/**
 * Ranked labels with bars: the best label and its score, then one bar per label (the first
 * `limit`, and a note of how many more).
 */
export function renderScores(scores, limit = 10) {
  const best = scores[0];
  const top = el('p', { class: 'top-line' },
    el('span', { id: 'top-label', class: 'top', text: best ? String(best.label) : '—' }),
    ' ',
    el('span', { id: 'top-score', class: 'top-score', text: best ? score4(best.score) : '' }));
  const shown = scores.slice(0, limit);
  const bars = el('ol', { id: 'bars', class: 'bars ranked', 'aria-label': 'Scores, best first' },
    shown.map((s, i) => {
      const label = String(s.label);
      const pct = `${(Math.max(0, Math.min(1, s.score)) * 100).toFixed(1)}%`;
      const fill = el('span', { class: 'fill' });
      fill.style.width = pct;  // CSSOM, allowed by style-src 'self' (a style attribute would not be)
      return el('li', {
        class: i === 0 ? 'best' : null,
        dataset: { label, score: String(s.score), rank: String(i + 1) },
        'aria-label': `${label}: ${score4(s.score)}`,
      },
      el('span', { class: 'label', title: label, text: label }),
      el('span', { class: 'track', 'aria-hidden': 'true' }, fill),
      el('span', { class: 'pct', text: score4(s.score) }));
    }));
  const more = scores.length > limit
    ? el('p', { class: 'muted', text: `… and ${scores.length - limit} more labels.` }) : null;
  return el('div', { class: 'view-scores' }, top, bars, more);
}

export function norm(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

export function cosine(a, b) {
  if (a.length !== b.length) throw new Error(`the vectors differ in length (${a.length} and ${b.length})`);
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** An embedding: its dimension, L2 norm, the first `first` values, and all of them as JSON on request. */
export function renderEmbedding(vector, first = 8) {
  const values = Array.from(vector);
  return el('div', { class: 'view-embedding' },
    el('dl', { class: 'facts-list' },
      el('dt', { text: 'Dimension' }), el('dd', { id: 'embedding-dim', text: String(values.length) }),
      el('dt', { text: 'L2 norm' }), el('dd', { id: 'embedding-norm', text: norm(values).toFixed(4) })),
    el('p', { class: 'muted', text: `First ${Math.min(first, values.length)} values:` }),
    el('ol', { id: 'embedding-first', class: 'numbers', 'aria-label': 'First values' },
      values.slice(0, first).map((v, i) => el('li', { dataset: { index: String(i), value: String(v) }, text: v.toFixed(4) }))),
    el('details', {},
      el('summary', { text: `All ${values.length} values (JSON)` }),
      el('pre', { id: 'embedding-json', class: 'json', text: JSON.stringify(values) })));
}

/** Regression values: a table of name → number. */
export function renderValues(values) {
  return el('table', { id: 'values', class: 'values' },
    el('caption', { class: 'muted', text: 'Predicted values' }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Name' }), el('th', { scope: 'col', text: 'Value' }))),
    el('tbody', {}, Object.entries(values).map(([name, v]) => el('tr', { dataset: { name } },
      el('th', { scope: 'row', text: name }),
      el('td', { dataset: { value: String(v) }, title: String(v), text: formatNumber(v) })))));
}

/** Integer offsets into `text` for a span: its own start/end when they hold, else where its text is found from `from`. */
function locate(text, span, from) {
  const { start, end } = span;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length) {
    return { start, end };
  }
  if (typeof span.text === 'string' && span.text) {
    const at = text.indexOf(span.text, from);
    if (at >= 0) return { start: at, end: at + span.text.length };
  }
  return null;
}

/**
 * Token spans over their text: the text with each entity span highlighted (a colour per entity,
 * named in a legend), and a table of every span. Overlapping spans are listed but not highlighted
 * twice.
 */
export function renderSpans(text, spans) {
  const entities = [];
  for (const s of spans) if (!entities.includes(s.entity)) entities.push(s.entity);
  const colour = (entity) => `ent-${entities.indexOf(entity) % 8}`;
  const placed = [];
  let cursor = 0;
  const sorted = spans.map((s, i) => ({ s, i })).sort((a, b) => (a.s.start ?? 0) - (b.s.start ?? 0));
  for (const { s } of sorted) {
    const at = locate(text, s, cursor);
    if (at && at.start >= cursor) {
      placed.push({ s, ...at });
      cursor = at.end;
    }
  }
  const marked = el('p', { id: 'spans-text', class: 'spans-text' });
  let pos = 0;
  for (const p of placed) {
    if (p.start > pos) marked.append(text.slice(pos, p.start));
    marked.append(el('mark', {
      class: `ent ${colour(p.s.entity)}`,
      dataset: { entity: p.s.entity, score: String(p.s.score), start: String(p.start), end: String(p.end) },
      title: `${p.s.entity} ${score4(p.s.score)}`,
    }, text.slice(p.start, p.end), el('span', { class: 'ent-tag', text: p.s.entity })));
    pos = p.end;
  }
  if (pos < text.length) marked.append(text.slice(pos));
  if (!text) marked.append(el('span', { class: 'muted', text: '(empty text)' }));
  const legend = el('ul', { id: 'legend', class: 'legend', 'aria-label': 'Entities' },
    entities.map((e) => el('li', { dataset: { entity: e } },
      el('span', { class: `swatch ${colour(e)}`, 'aria-hidden': 'true' }),
      `${e} (${spans.filter((s) => s.entity === e).length})`)));
  const table = el('table', { id: 'spans', class: 'values' },
    el('thead', {}, el('tr', {}, ['Entity', 'Text', 'Score', 'Characters'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, spans.map((s) => el('tr', { dataset: { entity: s.entity } },
      el('td', { text: s.entity }),
      el('td', { text: typeof s.text === 'string' ? s.text : '' }),
      el('td', { text: score4(s.score) }),
      el('td', { text: Number.isInteger(s.start) && Number.isInteger(s.end) ? `${s.start}–${s.end}` : '' })))));
  return el('div', { class: 'view-spans' },
    spans.length ? null : el('p', { class: 'muted', text: 'No entities found.' }),
    marked, spans.length ? legend : null, spans.length ? table : null);
}

/** Any other result, as indented JSON text. */
export function renderJson(output) {
  let text;
  try {
    text = JSON.stringify(output, null, 2);
  } catch (e) {
    text = String(output);
  }
  return el('pre', { id: 'result-json', class: 'json', text: text === undefined ? String(output) : text });
}

/**
 * A form for a tabular bundle's `preprocessing.features`: a number input per numeric feature (its
 * mean as the placeholder), a select per categorical one (plus "not known"), a text input for any
 * other kind. Blank means missing (null). Returns { element, read(), clear() }; read() gives the
 * record in feature order, numbers as numbers and categories as the manifest has them.
 */
export function featureForm(features) {
  const rows = [];
  const fields = [];
  features.forEach((f, i) => {
    const name = String(f.name);
    const id = `feature-${i}`;
    const hintId = `${id}-hint`;
    let control;
    let hint;
    if (f.kind === 'numeric') {
      const mean = isNumber(f.mean) ? formatNumber(f.mean) : '';
      hint = mean ? `mean ${mean}${isNumber(f.std) ? ` ± ${formatNumber(f.std)}` : ''}` : '';
      control = el('input', { id, type: 'number', step: 'any', inputmode: 'decimal', placeholder: mean || null,
        dataset: { feature: name, kind: 'numeric' }, 'aria-describedby': hint ? hintId : null });
      fields.push({ name, read: () => (control.value === '' || Number.isNaN(control.valueAsNumber) ? null : control.valueAsNumber) });
    } else if (f.kind === 'categorical' && Array.isArray(f.categories)) {
      const categories = f.categories;
      control = el('select', { id, dataset: { feature: name, kind: 'categorical' } },
        el('option', { value: '', text: '— not known —' }),
        categories.map((c, k) => el('option', { value: String(k), text: String(c) })));
      hint = '';
      fields.push({ name, read: () => (control.value === '' ? null : categories[Number(control.value)]) });
    } else {
      hint = f.kind === undefined ? '' : String(f.kind);
      control = el('input', { id, type: 'text', dataset: { feature: name, kind: String(f.kind ?? 'text') }, 'aria-describedby': hint ? hintId : null });
      fields.push({ name, read: () => (control.value === '' ? null : control.value) });
    }
    rows.push(el('label', { for: id, text: name }), control, hint ? el('span', { id: hintId, class: 'hint', text: hint }) : null);
  });
  return {
    element: el('div', { class: 'feature-grid' },
      el('p', { class: 'hint', text: 'Leave a field blank when it is not known: the model treats it as missing.' }), rows),
    read() {
      const record = {};
      for (const f of fields) record[f.name] = f.read();
      return record;
    },
    clear() {
      for (const c of this.element.querySelectorAll('input, select')) c.value = '';
    },
  };
}

/**
 * The home page's list: a card per bundle of GET /api/v1/models (title, id, version, task, input
 * kind, variants with their devices, its own demo when there is one, and "Try it"), then a greyed
 * card per broken bundle with its reason. `listing.broken` may be absent.
 */
export function renderCatalog(listing, demos = {}) {
  const models = Array.isArray(listing && listing.models) ? listing.models : [];
  const broken = Array.isArray(listing && listing.broken) ? listing.broken : [];
  const cards = models.map((m) => {
    const id = String(m.id);
    const demo = Object.prototype.hasOwnProperty.call(demos, id) ? demos[id] : null;
    const variants = Array.isArray(m.variants) ? m.variants : [];
    const devices = [...new Set(variants.flatMap((v) => (Array.isArray(v.devices) ? v.devices.map(String) : [])))];
    return el('li', { class: 'card model-card', dataset: { model: id } },
      el('h3', { class: 'model-title', text: m.title ? String(m.title) : id }),
      el('p', { class: 'muted' }, el('code', { text: id }), m.version ? ` · version ${m.version}` : ''),
      el('dl', { class: 'facts-list' },
        el('dt', { text: 'Task' }), el('dd', { dataset: { field: 'task' }, text: m.task ? String(m.task) : '—' }),
        el('dt', { text: 'Input' }), el('dd', { dataset: { field: 'input' }, text: m.input ? String(m.input) : '—' }),
        el('dt', { text: 'Runs on' }), el('dd', { dataset: { field: 'devices' }, text: devices.join(', ') || '—' }),
        el('dt', { text: 'Variants' }), el('dd', { dataset: { field: 'variants' } },
          variants.length ? el('ul', { class: 'plain' }, variants.map((v) => el('li', {
            text: `${v.name}${v.precision && v.precision !== v.name ? ` (${v.precision})` : ''}`
              + `${isNumber(v.bytes) ? `, ${formatBytes(v.bytes)}` : ''}`
              + `${Array.isArray(v.devices) ? ` — ${v.devices.join(', ')}` : ''}`,
          }))) : '—')),
      el('p', { class: 'model-links' },
        demo ? el('a', { class: 'demo', href: demo.href, text: demo.name }) : null,
        demo ? ' ' : null,
        el('a', { class: 'try', href: `/try.html?model=${encodeURIComponent(id)}`, text: 'Try it',
          'aria-label': `Try it: ${m.title ? String(m.title) : id}` })));
  });
  const down = broken.map((b) => {
    const id = String(b && typeof b === 'object' ? b.id : b);
    const reason = b && typeof b === 'object' && b.reason !== undefined ? String(b.reason) : 'unknown reason';
    return el('li', { class: 'card model-card broken', dataset: { model: id, broken: 'true' }, 'aria-disabled': 'true' },
      el('h3', { class: 'model-title', text: id }),
      el('p', { class: 'broken-reason' }, el('strong', { text: 'Unavailable: ' }), reason));
  });
  return [...cards, ...down];
}
