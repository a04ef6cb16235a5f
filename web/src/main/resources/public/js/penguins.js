// Penguins demo: a form of measurements → species with probabilities. Blank fields are sent as
// null (missing); the model's preprocessing decides what missing means.
import { debounce, oneAtATime, deviceSwitch, setStatus, showError, showFacts } from '/js/page.js';
import { checkNumber, uncertainty } from '/js/caution.js';

const FIELDS = ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex'];
const form = document.getElementById('penguin-form');
const result = document.getElementById('result');
const bars = document.getElementById('bars');
const caution = document.getElementById('caution');
/** The measurements: sizes and a mass, which no penguin has at 0 or below. */
const UNITS = { bill_length_mm: 'mm', bill_depth_mm: 'mm', flipper_length_mm: 'mm', body_mass_g: 'g' };

let model = null;

/** The form as the model's record: numbers as numbers, choices as strings, blanks as null. */
function record() {
  const r = {};
  for (const name of FIELDS) {
    const el = document.getElementById(name);
    if (el.type === 'number') {
      r[name] = el.value === '' || Number.isNaN(el.valueAsNumber) ? null : el.valueAsNumber;
    } else {
      r[name] = el.value === '' ? null : el.value;
    }
  }
  return r;
}

function showScores(scores) {
  const best = scores[0];
  result.textContent = best ? best.label : '—';
  result.dataset.label = best ? best.label : '';
  result.dataset.score = best ? String(best.score) : '';
  // One bar per species, in the model's ranking.
  bars.replaceChildren(...scores.map((s) => {
    const li = document.createElement('li');
    const pct = `${(s.score * 100).toFixed(1)}%`;
    li.id = `bar-${s.label}`;
    li.dataset.label = s.label;
    li.dataset.score = String(s.score);
    li.classList.toggle('best', s === best);
    li.setAttribute('aria-label', `${s.label}: ${(s.score * 100).toFixed(1)} percent`);
    li.innerHTML = '<span class="label"></span><span class="track"><span class="fill"></span></span><span class="pct"></span>';
    li.querySelector('.label').textContent = s.label;
    li.querySelector('.fill').style.width = pct;
    li.querySelector('.pct').textContent = pct;
    return li;
  }));
}

/** No result on screen. */
function resetResult(text = '') {
  result.textContent = '—';
  result.dataset.label = '';
  result.dataset.score = '';
  bars.replaceChildren();
  caution.textContent = text;
  caution.dataset.verdict = text ? 'refused' : '';
  showFacts(null);
}

/**
 * Each measurement against the bundle: an impossible value (not a number, 0 or less) is refused
 * with a message beside its field; one far outside the training data is predicted but warned
 * about, beside the field and above the result. Returns {refused, warnings}.
 */
function checkFields(manifest) {
  const features = (manifest.preprocessing && manifest.preprocessing.features) || [];
  let refused = false;
  const warnings = [];
  for (const [name, unit] of Object.entries(UNITS)) {
    const input = document.getElementById(name);
    const message = document.getElementById(`${name}-message`);
    const value = input.validity.badInput ? NaN : record()[name];
    const label = document.querySelector(`label[for="${name}"]`).textContent.replace(/ \(.*\)$/, '');
    const check = checkNumber(value, features.find((f) => f.name === name), manifest.reference, { positive: true, unit });
    message.textContent = check.error ? `${label} ${check.error}.` : check.warning ? check.warning : '';
    message.dataset.kind = check.error ? 'error' : check.warning ? 'warning' : '';
    input.setAttribute('aria-invalid', check.error ? 'true' : 'false');
    if (check.error) refused = true;
    if (check.warning) warnings.push(label.toLowerCase());
  }
  return { refused, warnings };
}

const predict = oneAtATime(async () => {
  if (!model) {
    return;
  }
  const current = model;
  const { refused, warnings } = checkFields(current.manifest);
  if (refused) {
    resetResult('No prediction: correct the marked measurement first.');
    return;
  }
  try {
    const r = await current.predict(record());
    if (current === model) {
      showScores(r.output);
      const notes = [];
      if (warnings.length) notes.push(`Outside the training data: ${warnings.join(', ')}. The model has never seen such a penguin; do not trust this answer.`);
      const unsure = uncertainty(r.output);
      if (unsure) notes.push(unsure);
      caution.textContent = notes.join(' ');
      caution.dataset.verdict = warnings.length ? 'unusual' : unsure ? 'uncertain' : 'ok';
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

form.addEventListener('input', debounce(predict, 150));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  predict();
});
document.getElementById('clear').addEventListener('click', () => {
  for (const name of FIELDS) {
    document.getElementById(name).value = '';
  }
  predict();
});

deviceSwitch(document.body.dataset.model, async (loaded) => {
  model = loaded;
  setStatus('ready');
  predict();
}, () => {
  model = null;
  resetResult();
});
