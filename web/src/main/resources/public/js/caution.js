// When a demo's answer deserves less trust, and why: an input unlike the bundle's training data
// (its manifest's `preprocessing` statistics and `reference` deciles), or a model that is unsure
// of itself. Pure functions of numbers; imports nothing, so tests can import it on any page.

/** Below this top score, or within this margin of the second, a classification counts as unsure. */
export const UNSURE_TOP = 0.9;
export const CLOSE_SECOND = 0.3;
/** A reference statistic counts as unlike the training data this far (in 10–90% widths) outside its 10–90% range. */
export const OUTSIDE_WIDTHS = 0.5;
/** A numeric feature this many standard deviations from the training mean is outside what the model learned from. */
export const FAR_STDS = 3;

const pct = (v) => `${(v * 100).toFixed(1)}%`;

/**
 * The image drift statistics the pipeline measures (pipeline ImageStatistics): mean and standard
 * deviation of the normalised tensor, and the share of pixels at least half-way bright once the
 * normalisation (`mean`, `std`) is undone.
 */
export function imageStatistics(values, mean, std) {
  const n = values.length;
  if (n === 0) return { pixelMean: 0, pixelStd: 0, inkShare: 0 };
  let sum = 0;
  let ink = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    if (values[i] * std + mean >= 0.5) ink++;
  }
  const m = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - m) * (values[i] - m);
  return { pixelMean: m, pixelStd: Math.sqrt(squares / n), inkShare: ink / n };
}

/** The reference's 10–90% range of a statistic (first and last decile edge); null without one. */
export function referenceRange(reference, name) {
  const f = reference && Array.isArray(reference.features) ? reference.features.find((x) => x.name === name) : null;
  if (!f || !Array.isArray(f.bins) || f.bins.length < 2) return null;
  return { low: f.bins[0], high: f.bins[f.bins.length - 1] };
}

const DESCRIBE = {
  inkShare: (v, r) => `ink covers ${pct(v)} of the digit's box (training digits: ${pct(r.low)}–${pct(r.high)})`,
  pixelMean: () => 'its overall brightness is outside the training digits\' range',
  pixelStd: () => 'its contrast is outside the training digits\' range',
};

/**
 * Which of `stats` lie outside the reference's 10–90% range by more than OUTSIDE_WIDTHS of its
 * width: one sentence fragment each (ink share first: the one a person can picture).
 */
export function unlikeReference(stats, reference) {
  const out = [];
  for (const name of ['inkShare', 'pixelMean', 'pixelStd']) {
    const r = referenceRange(reference, name);
    const v = stats[name];
    if (!r || typeof v !== 'number') continue;
    const margin = (r.high - r.low) * OUTSIDE_WIDTHS;
    if (v < r.low - margin || v > r.high + margin) out.push(DESCRIBE[name](v, r));
  }
  return out;
}

/** A sentence when ranked scores ([{label, score}] best first) show an unsure model; '' when sure. */
export function uncertainty(scores) {
  if (!Array.isArray(scores) || scores.length === 0) return '';
  const [best, second] = scores;
  if (best.score < UNSURE_TOP) {
    return `The model is unsure: ${best.label} at ${pct(best.score)}` + (second ? `, ${second.label} next at ${pct(second.score)}.` : '.');
  }
  if (second && best.score - second.score < CLOSE_SECOND) {
    return `The model is torn between ${best.label} (${pct(best.score)}) and ${second.label} (${pct(second.score)}).`;
  }
  return '';
}

const round = (v) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : String(Number(v.toPrecision(3))));

/**
 * One numeric field against its manifest feature ({name, mean, std}) and the reference's deciles
 * of its standardised value: `{error}` for a value no animal or object can have (`positive`: a
 * size or a mass, which must be more than 0), `{warning}` for one more than FAR_STDS standard
 * deviations from the training mean, `{}` otherwise. `unit` is shown after numbers.
 */
export function checkNumber(value, feature, reference, { positive = false, unit = '' } = {}) {
  if (value === null || value === undefined) return {};
  if (!Number.isFinite(value)) return { error: 'must be a number' };
  if (positive && value <= 0) return { error: `must be more than 0${unit ? ` ${unit}` : ''}` };
  if (!feature || typeof feature.mean !== 'number' || !(feature.std > 0)) return {};
  const z = (value - feature.mean) / feature.std;
  if (Math.abs(z) <= FAR_STDS) return {};
  const r = referenceRange(reference, feature.name);
  const typical = r
    ? `most training examples: ${round(feature.mean + r.low * feature.std)}–${round(feature.mean + r.high * feature.std)}`
    : `training mean ${round(feature.mean)} ± ${round(feature.std)}`;
  return { warning: `${round(value)}${unit ? ` ${unit}` : ''} is far outside what the model was trained on (${typical}${unit ? ` ${unit}` : ''}); the prediction means little.` };
}
