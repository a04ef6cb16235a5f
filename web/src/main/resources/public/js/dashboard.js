// Dashboard: polls /metrics (Prometheus text) and plots, per model, predict latency (P50/P95/P99),
// throughput, batch sizes and input drift. Rates and batch means are differences between two
// polls, so the first numbers appear on the second poll. `?every=<ms>` sets the poll interval.
import { parseMetrics, select, sum } from '/js/prometheus.js';
import { drawLineChart } from '/js/chart.js';

const POINTS = 90;
const MODERATE = 0.1;    // PSI thresholds, as the server's verdicts use them
const SIGNIFICANT = 0.25;
const every = Math.max(200, Number(new URLSearchParams(location.search).get('every')) || 2000);

const container = document.getElementById('models');
const status = document.getElementById('dash-status');
const updated = document.getElementById('dash-updated');
const errorBox = document.getElementById('error');
const total = document.getElementById('throughput');

const models = new Map(); // id → {history, previous, el}

function setStatus(s) {
  status.textContent = s;
  document.body.dataset.status = s;
}

function show(output, value, digits, unit = '') {
  const ok = value != null && Number.isFinite(value);
  output.dataset.value = ok ? String(value) : '';
  output.textContent = ok ? value.toFixed(digits) + unit : '—';
}

const MIN_SAMPLES = 30;  // below this many inputs in the window the server gives no verdict either

/** One source's verdict: the PSI thresholds once the window holds enough inputs to mean anything. */
function verdict(score, samples) {
  if (!(samples > 0) || score == null || !Number.isFinite(score)) return 'no data';
  if (samples < MIN_SAMPLES) return 'too few samples';
  return score >= SIGNIFICANT ? 'significant' : score >= MODERATE ? 'moderate' : 'stable';
}

const SEVERITY = ['no data', 'too few samples', 'stable', 'moderate', 'significant'];

function card(id, title) {
  const section = document.createElement('section');
  section.className = 'card dash-model';
  section.id = `model-${id}`;
  section.innerHTML = `
    <h2></h2>
    <div class="facts">
      <span>throughput <output id="throughput-${id}">—</output></span>
      <span>predictions <output id="predictions-${id}">—</output></span>
      <span>P50 <output id="p50-${id}">—</output></span>
      <span>P95 <output id="p95-${id}">—</output></span>
      <span>P99 <output id="p99-${id}">—</output></span>
      <span id="latency-note-${id}" class="latency-note"></span>
      <span>batch <output id="batch-${id}">—</output></span>
    </div>
    <div class="facts">
      <span>drift (server) <output id="drift-${id}">—</output></span>
      <span>inputs in window <output id="drift-samples-${id}">—</output></span>
      <span>drift (browsers) <output id="drift-browser-${id}">—</output></span>
      <span>verdict <output id="drift-verdict-${id}">no data</output></span>
    </div>
    <div class="charts">
      <figure><figcaption>Latency, ms</figcaption><canvas id="chart-latency-${id}"></canvas></figure>
      <figure><figcaption>Throughput, predictions/s</figcaption><canvas id="chart-throughput-${id}"></canvas></figure>
      <figure><figcaption>Mean batch size per onnxruntime run</figcaption><canvas id="chart-batch-${id}"></canvas></figure>
      <figure><figcaption>Input drift, largest PSI (capped at 1)</figcaption><canvas id="chart-drift-${id}"></canvas></figure>
    </div>`;
  // The title comes from a manifest: text, never markup.
  section.querySelector('h2').append(`${title} `, Object.assign(document.createElement('code'), { textContent: id }));
  container.append(section);
  const el = (name) => document.getElementById(`${name}-${id}`);
  return {
    history: { p50: [], p95: [], p99: [], throughput: [], batch: [], driftServer: [], driftBrowser: [] },
    previous: null,
    el: {
      throughput: el('throughput'), predictions: el('predictions'), p50: el('p50'), p95: el('p95'), p99: el('p99'),
      batch: el('batch'), latencyNote: el('latency-note'), drift: el('drift'), driftSamples: el('drift-samples'), driftBrowser: el('drift-browser'), verdict: el('drift-verdict'),
      latencyChart: el('chart-latency'), throughputChart: el('chart-throughput'), batchChart: el('chart-batch'), driftChart: el('chart-drift'),
    },
  };
}

function push(list, value) {
  list.push(value);
  if (list.length > POINTS) list.shift();
}

/** Largest value of a metric over the model's series (versions, devices); null when there is none. */
function largest(samples, name, match) {
  const values = select(samples, name, match).map((s) => s.value).filter(Number.isFinite);
  return values.length ? Math.max(...values) : null;
}

function measure(samples, id, now, previous) {
  const counts = {
    predictions: sum(samples, 'tandem_predict_seconds_count', { model: id }),
    batchSum: sum(samples, 'tandem_batch_size_sum', { model: id }),
    batchCount: sum(samples, 'tandem_batch_size_count', { model: id }),
    at: now,
  };
  const q = (quantile) => {
    const s = largest(samples, 'tandem_predict_latency_seconds', { model: id, quantile });
    return s == null ? null : s * 1000;
  };
  const m = {
    counts,
    p50: q('0.5'), p95: q('0.95'), p99: q('0.99'),
    throughput: null, batch: null,
    driftServer: largest(samples, 'tandem_drift_score', { model: id, source: 'server' }),
    driftBrowser: largest(samples, 'tandem_drift_score', { model: id, source: 'browser' }),
    samplesServer: largest(samples, 'tandem_drift_samples', { model: id, source: 'server' }),
    samplesBrowser: largest(samples, 'tandem_drift_samples', { model: id, source: 'browser' }),
  };
  if (previous) {
    const seconds = (now - previous.at) / 1000;
    m.throughput = seconds > 0 ? Math.max(0, counts.predictions - previous.predictions) / seconds : null;
    const runs = counts.batchCount - previous.batchCount;
    m.batch = runs > 0 ? (counts.batchSum - previous.batchSum) / runs : null;
  }
  return m;
}

/**
 * The latency quantiles cover a recent window only: once no request has come for a while they
 * read 0 (or nothing), which is not a latency. Then they show '—' and "no recent requests" (or
 * "no requests yet"), and the chart has a gap rather than a dip to zero.
 */
function recentLatency(m) {
  const recent = [m.p50, m.p95, m.p99].some((v) => v != null && Number.isFinite(v) && v > 0);
  if (recent) return { p50: m.p50, p95: m.p95, p99: m.p99, note: '' };
  return { p50: null, p95: null, p99: null, note: m.counts.predictions > 0 ? 'no recent requests' : 'no requests yet' };
}

function render(model, m) {
  const { el, history } = model;
  const latency = recentLatency(m);
  m.p50 = latency.p50;
  m.p95 = latency.p95;
  m.p99 = latency.p99;
  show(el.throughput, m.throughput, 1, '/s');
  show(el.predictions, m.counts.predictions, 0);
  show(el.p50, m.p50, 1, ' ms');
  show(el.p95, m.p95, 1, ' ms');
  show(el.p99, m.p99, 1, ' ms');
  el.latencyNote.textContent = latency.note;
  show(el.batch, m.batch, 2);
  show(el.drift, m.driftServer, 3);
  show(el.driftBrowser, m.driftBrowser, 3);
  show(el.driftSamples, m.samplesServer, 0);
  const verdicts = [verdict(m.driftServer, m.samplesServer), verdict(m.driftBrowser, m.samplesBrowser)];
  el.verdict.textContent = verdicts.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
  el.verdict.dataset.value = el.verdict.textContent;
  for (const k of Object.keys(history)) push(history[k], m[k]);
  drawLineChart(el.latencyChart, [
    { name: 'P50', color: '#1f6feb', values: history.p50 },
    { name: 'P95', color: '#d97706', values: history.p95 },
    { name: 'P99', color: '#b42318', values: history.p99 },
  ], { unit: 'ms' });
  drawLineChart(el.throughputChart, [{ name: 'predictions/s', color: '#0b7a3e', values: history.throughput }], { unit: '/s' });
  drawLineChart(el.batchChart, [{ name: 'mean batch', color: '#6e40c9', values: history.batch }], { minMax: 1 });
  drawLineChart(el.driftChart, [
    { name: 'server', color: '#1f6feb', values: history.driftServer },
    { name: 'browsers', color: '#d97706', values: history.driftBrowser },
  ], {
    max: 1,
    guides: [
      { value: MODERATE, label: 'moderate 0.1', color: '#d97706' },
      { value: SIGNIFICANT, label: 'significant 0.25', color: '#b42318' },
    ],
  });
}

async function loadModels() {
  const r = await fetch('/api/v1/models', { cache: 'no-store' });
  if (!r.ok) throw new Error(`GET /api/v1/models answered ${r.status}`);
  for (const m of (await r.json()).models) {
    if (!models.has(m.id)) models.set(m.id, card(m.id, m.title));
  }
}

async function poll() {
  try {
    if (models.size === 0) await loadModels();
    const r = await fetch('/metrics', { cache: 'no-store' });
    if (!r.ok) throw new Error(`GET /metrics answered ${r.status}`);
    const samples = parseMetrics(await r.text());
    const now = performance.now();
    let all = null;
    for (const [id, model] of models) {
      const m = measure(samples, id, now, model.previous);
      model.previous = m.counts;
      render(model, m);
      if (m.throughput != null) all = (all || 0) + m.throughput;
    }
    show(total, all, 1, '/s');
    updated.textContent = new Date().toLocaleTimeString();
    errorBox.textContent = '';
    setStatus('live');
  } catch (e) {
    errorBox.textContent = `cannot read the server's metrics: ${e.message}`;
    setStatus('error');
  }
  setTimeout(poll, every);
}

setStatus('loading');
poll();
