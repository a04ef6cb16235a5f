// Digits demo: draw on #digit-canvas, predict while drawing (debounced), show the 10 scores.
import { debounce, oneAtATime, deviceSwitch, setStatus, showError, showFacts } from '/js/page.js';
import { imageStatistics, unlikeReference, uncertainty } from '/js/caution.js';

const LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const canvas = document.getElementById('digit-canvas');
const ctx = canvas.getContext('2d', { willReadFrequently: true });
const result = document.getElementById('result');
const bars = document.getElementById('bars');
const caution = document.getElementById('caution');

let model = null;
let inked = false;     // anything drawn since the last clear

function blank() {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  inked = false;
}

function buildBars() {
  bars.replaceChildren(...LABELS.map((label) => {
    const li = document.createElement('li');
    li.id = `bar-${label}`;
    li.dataset.label = label;
    li.dataset.score = '0';
    li.innerHTML = `<span class="label">${label}</span><span class="track"><span class="fill"></span></span><span class="pct">0%</span>`;
    return li;
  }));
}

function showScores(scores) {
  const best = scores[0];
  result.textContent = best ? best.label : '—';
  result.dataset.label = best ? best.label : '';
  result.dataset.score = best ? String(best.score) : '';
  const byLabel = new Map(scores.map((s) => [s.label, s.score]));
  for (const li of bars.children) {
    const score = byLabel.get(li.dataset.label) ?? 0;
    li.dataset.score = String(score);
    li.classList.toggle('best', !!best && li.dataset.label === best.label);
    li.querySelector('.fill').style.width = `${(score * 100).toFixed(1)}%`;
    li.querySelector('.pct').textContent = `${(score * 100).toFixed(1)}%`;
    li.setAttribute('aria-label', `${li.dataset.label}: ${(score * 100).toFixed(1)} percent`);
  }
}

/**
 * Says when the answer deserves less trust: the drawing's statistics (ink share, pixel mean and
 * spread of the tensor the model reads) lie outside what the bundle's training digits showed
 * (manifest `reference`), or the model itself is unsure (a low top score or a close second).
 * Empty (data-verdict "ok") otherwise.
 */
async function assess(current, scores) {
  const reasons = [];
  const reference = current.manifest.reference;
  const pre = current.manifest.preprocessing || {};
  if (reference && Array.isArray(reference.features)) {
    const feeds = await current.prepare(canvas);
    const tensor = Object.values(feeds)[0];
    const stats = imageStatistics(tensor.data, pre.mean ?? 0, pre.std ?? 1);
    reasons.push(...unlikeReference(stats, reference));
  }
  const unsure = uncertainty(scores);
  let verdict = 'ok';
  if (reasons.length) verdict = 'unusual';
  else if (unsure) verdict = 'uncertain';
  const parts = [];
  if (reasons.length) parts.push(`This drawing is unlike the digits the model learned from: ${reasons.join('; ')}.`);
  if (unsure) parts.push(unsure);
  if (parts.length) parts.push('Treat the answer with care.');
  return { verdict, text: parts.join(' ') };
}

function showCaution(c) {
  caution.textContent = c ? c.text : '';
  caution.dataset.verdict = c ? c.verdict : '';
}

/** No result on screen: the label, the bars and the caution (a new model, a failure, a clear). */
function resetResult() {
  result.textContent = '—';
  result.dataset.label = '';
  result.dataset.score = '';
  buildBars();
  showCaution(null);
  showFacts(null);
}

const predict = oneAtATime(async () => {
  if (!model || !inked) {
    return;
  }
  const current = model;
  try {
    const r = await current.predict(canvas);
    const c = await assess(current, r.output);
    if (current === model && inked) {
      showScores(r.output);
      showCaution(c);
      showFacts(r);
      showError(null);
    }
  } catch (e) {
    if (current === model) {
      resetResult();
      showError(e);
    }
  }
});
const predictSoon = debounce(predict, 120);

// Drawing: pointer events cover mouse, touch and pen.
let last = null;
function point(e) {
  const r = canvas.getBoundingClientRect();
  return { x: (e.clientX - r.left) * (canvas.width / r.width), y: (e.clientY - r.top) * (canvas.height / r.height) };
}
function stroke(from, to) {
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 18;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(to.x, to.y);
  ctx.stroke();
  inked = true;
}
canvas.addEventListener('pointerdown', (e) => {
  e.preventDefault();
  canvas.setPointerCapture(e.pointerId);
  last = point(e);
  stroke(last, last);
  predictSoon();
});
canvas.addEventListener('pointermove', (e) => {
  if (!last) return;
  const p = point(e);
  stroke(last, p);
  last = p;
  predictSoon();
});
const endStroke = () => {
  if (last) {
    last = null;
    predict();
  }
};
canvas.addEventListener('pointerup', endStroke);
canvas.addEventListener('pointercancel', endStroke);
// Scripts (tests) that draw on the canvas themselves dispatch this to ask for a prediction.
canvas.addEventListener('tandem:changed', () => {
  inked = true;
  predict();
});

function clear() {
  blank();
  resetResult();
}
document.getElementById('clear').addEventListener('click', clear);

clear();
deviceSwitch(document.body.dataset.model, async (loaded) => {
  model = loaded;
  setStatus('ready');
  predict();
}, () => {
  model = null;
  resetResult();
});
