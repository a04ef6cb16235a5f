// Reads the Prometheus text format the server's /metrics answers with: one sample per line,
// `name{label="value",…} number`. Comments (# HELP, # TYPE) and blank lines are skipped.
const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescape(v) {
  return v.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
}

function number(text) {
  if (text === 'NaN') return NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** [{name, labels: {…}, value}] for every sample in the text. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = {};
    if (m[2]) {
      for (const l of m[2].matchAll(LABEL)) labels[l[1]] = unescape(l[2]);
    }
    samples.push({ name: m[1], labels, value: number(m[3]) });
  }
  return samples;
}

/** The samples of one metric whose labels include all of `match`. */
export function select(samples, name, match = {}) {
  return samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** Sum of the matching samples' values (NaN ones skipped); 0 when none match. */
export function sum(samples, name, match = {}) {
  return select(samples, name, match).reduce((t, s) => (Number.isNaN(s.value) ? t : t + s.value), 0);
}
