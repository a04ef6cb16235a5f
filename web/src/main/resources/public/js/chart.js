// A small line chart drawn on a <canvas>: time on x (the last points), values on y from 0 (or the
// given minimum) to a rounded maximum, optional dashed horizontal guide lines with labels, and a
// legend. Gaps (null / NaN) break a line instead of drawing a false zero.
const PAD = { left: 44, right: 8, top: 18, bottom: 16 };

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function label(v) {
  return Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2);
}

/**
 * @param canvas  the <canvas>
 * @param series  [{name, color, values: [number|null]}], all the same length, oldest first
 * @param options {unit, guides: [{value, label, color}], minMax (the scale reaches at least this), max (fixed scale)}
 */
export function drawLineChart(canvas, series, options = {}) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(width * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.font = '11px system-ui, sans-serif';

  const finite = series.flatMap((s) => s.values).filter((v) => v != null && Number.isFinite(v));
  const guides = options.guides || [];
  // `max` fixes the scale (larger values are drawn at the top edge), so guides stay readable.
  const top = options.max || niceMax(Math.max(options.minMax || 0, ...finite, ...guides.map((l) => l.value * 1.2)));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const y = (v) => PAD.top + plotH * (1 - v / top);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const x = (i) => PAD.left + (plotW * i) / (n - 1);

  // grid and y labels
  g.strokeStyle = '#e3e3e3';
  g.fillStyle = '#666';
  g.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    g.beginPath();
    g.moveTo(PAD.left, y(v));
    g.lineTo(width - PAD.right, y(v));
    g.stroke();
    g.fillText(label(v) + (k === 4 && options.unit ? ' ' + options.unit : ''), 2, y(v) + 4);
  }
  let labelRight = width - PAD.right; // guide labels side by side from the right, never on top of each other
  for (const guide of guides) {
    g.strokeStyle = guide.color;
    g.setLineDash([4, 3]);
    g.beginPath();
    g.moveTo(PAD.left, y(guide.value));
    g.lineTo(width - PAD.right, y(guide.value));
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = guide.color;
    const w = g.measureText(guide.label).width;
    g.fillText(guide.label, labelRight - w, y(guide.value) - 3);
    labelRight -= w + 8;
  }
  // lines
  for (const s of series) {
    g.strokeStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v == null || !Number.isFinite(v)) {
        drawing = false;
        return;
      }
      const py = y(Math.min(v, top));
      if (drawing) g.lineTo(x(i), py);
      else g.moveTo(x(i), py);
      drawing = true;
    });
    g.stroke();
  }
  // legend
  let lx = PAD.left;
  for (const s of series) {
    g.fillStyle = s.color;
    g.fillRect(lx, 4, 10, 10);
    g.fillStyle = '#333';
    g.fillText(s.name, lx + 14, 13);
    lx += 22 + g.measureText(s.name).width;
  }
}
