// Penguins demo: a form of measurements → species with probabilities. Blank fields are sent as
// null (missing); the model's preprocessing decides what missing means.
import { debounce, oneAtATime, deviceSwitch, setStatus, showError, showFacts } from '/js/page.js';

const FIELDS = ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex'];
const form = document.getElementById('penguin-form');
const result = document.getElementById('result');
const bars = document.getElementById('bars');

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

const predict = oneAtATime(async () => {
  if (!model) {
    return;
  }
  const current = model;
  try {
    const r = await current.predict(record());
    if (current === model) {
      showScores(r.output);
      showFacts(r);
      showError(null);
    }
  } catch (e) {
    showError(e);
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
});
