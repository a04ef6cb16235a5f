// Search demo: embed the bundled sentences once per model, then rank them against the query.
import { debounce, deviceSwitch, setStatus, showError, showFacts } from '/js/page.js';

const TOP = 8;
const query = document.getElementById('query');
const list = document.getElementById('result');
const progress = document.getElementById('progress');
const progressBar = document.getElementById('progress-bar');

let model = null;
let sentences = [];
let vectors = [];   // one embedding per sentence, from the current model
let asked = 0;      // the latest query's number; older answers are dropped

function cosine(a, b) {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const progressWrap = document.getElementById('progress-wrap');

/** Embedding progress; hidden (null) until the model is ready to embed. */
function showProgress(done, total) {
  progressWrap.hidden = done === null;
  if (done === null) return;
  progress.textContent = `${done} / ${total}`;
  progressBar.max = Math.max(total, 1);
  progressBar.value = done;
}

function showHits(hits) {
  list.replaceChildren(...hits.map(({ index, score }) => {
    const li = document.createElement('li');
    li.dataset.index = String(index);
    li.dataset.score = String(score);
    const s = document.createElement('span');
    s.className = 'score';
    s.textContent = score.toFixed(3);
    const t = document.createElement('span');
    t.className = 'sentence';
    t.textContent = sentences[index];
    li.append(s, ' ', t);
    return li;
  }));
}

async function search() {
  const text = query.value.trim();
  const mine = ++asked;
  if (!model || vectors.length !== sentences.length || sentences.length === 0) {
    return;
  }
  if (!text) {
    list.replaceChildren();
    showFacts(null);
    return;
  }
  try {
    const r = await model.predict(text);
    if (mine !== asked) {
      return;
    }
    const hits = vectors.map((v, index) => ({ index, score: cosine(r.output, v) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, TOP);
    showHits(hits);
    showFacts(r);
    showError(null);
  } catch (e) {
    if (mine === asked) {
      list.replaceChildren();
      showFacts(null);
      showError(e);
    }
  }
}
query.addEventListener('input', debounce(search, 200));

async function embedAll(loaded, isCurrent) {
  setStatus('embedding');
  vectors = [];
  const out = [];
  showProgress(0, sentences.length);
  for (let i = 0; i < sentences.length; i++) {
    const r = await loaded.predict(sentences[i]);
    if (!isCurrent()) {
      return;
    }
    out.push(r.output);
    showProgress(i + 1, sentences.length);
  }
  vectors = out;
  setStatus('ready');
  search();
}

async function main() {
  try {
    const response = await fetch(document.body.dataset.sentences);
    if (!response.ok) {
      throw new Error(`could not load the sentences (${response.status})`);
    }
    sentences = await response.json();
    document.getElementById('corpus-count').textContent = `${sentences.length} sentences`;
  } catch (e) {
    setStatus('error');
    showError(e);
    return;
  }
  await deviceSwitch(document.body.dataset.model, async (loaded, isCurrent) => {
    model = loaded;
    await embedAll(loaded, isCurrent);
  }, () => {
    model = null;
    vectors = [];
    list.replaceChildren();
    showProgress(null);
  });
}
main();
