// Small SVG charts: a line chart over time (a nice-rounded scale on y, one line per series) and horizontal bars.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** The top of the y axis: four equal steps of a round size (1, 2, 2.5 or 5 times a power of ten). */
function niceMax(value) {
  if (value <= 0) return 4;
  const quarter = value / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(quarter)));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * magnitude).find((s) => s >= quarter);
  return 4 * step;
}

/**
 * Draws into `container`. series: [{label, cssVar, values: [{t, v}]}]; format: number -> axis text;
 * windowMs: how much time the x axis spans, ending now.
 */
export function lineChart(container, { series, format, windowMs }) {
  const width = Math.max(240, container.clientWidth);
  const height = 180;
  const pad = { left: 64, right: 12, top: 12, bottom: 24 };
  const now = Date.now();
  const from = now - windowMs;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((p) => p.v))));
  const x = (t) => pad.left + ((t - from) / windowMs) * (width - pad.left - pad.right);
  const y = (v) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    const label = svg('text', { x: pad.left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' });
    label.textContent = format(v);
    root.append(label);
  }
  for (let i = 0; i <= 3; i++) {
    const t = from + (windowMs * i) / 3;
    const label = svg('text', { x: x(t), y: height - 6, 'text-anchor': i === 0 ? 'start' : i === 3 ? 'end' : 'middle', class: 'axis' });
    label.textContent = i === 3 ? 'now' : `-${Math.round((now - t) / 60000)} min`;
    root.append(label);
  }
  for (const s of series) {
    const points = s.values.filter((p) => p.t >= from);
    if (points.length < 2) continue;
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
    root.append(svg('path', { d, class: 'line', style: `stroke: var(${s.cssVar})` }));
  }
  container.replaceChildren(root);
}

const BAR = 18;
const BAR_GAP = 8;
const LABEL_CHARS = 22;

/**
 * Draws horizontal bars into `container`, longest for the largest value, in the order given.
 * rows: [{label, value}]; format: number -> the text at the end of each bar.
 */
export function barChart(container, { rows, format }) {
  const width = Math.max(240, container.clientWidth);
  const labelWidth = 136;
  const valueWidth = 104;
  const height = rows.length * (BAR + BAR_GAP);
  const max = Math.max(0, ...rows.map((r) => r.value)) || 1;
  const total = rows.reduce((sum, r) => sum + r.value, 0) || 1;
  const span = width - labelWidth - valueWidth;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart bars', role: 'img' });
  rows.forEach((r, i) => {
    const top = i * (BAR + BAR_GAP) + BAR_GAP / 2;
    const length = Math.max(2, (r.value / max) * span);
    const row = svg('g', { class: 'bar-row' });
    const title = svg('title', {});
    title.textContent = `${r.label}: ${format(r.value)} (${Math.round((100 * r.value) / total)}%)`;
    const label = svg('text', { x: labelWidth - 10, y: top + BAR / 2 + 4, 'text-anchor': 'end', class: 'label' });
    label.textContent = r.label.length > LABEL_CHARS ? r.label.slice(0, LABEL_CHARS - 1) + '…' : r.label;
    const value = svg('text', { x: labelWidth + length + 8, y: top + BAR / 2 + 4, class: 'value' });
    value.textContent = format(r.value);
    row.append(title, label, svg('rect', { x: labelWidth, y: top, width: length, height: BAR, rx: 3, class: 'bar' }), value);
    root.append(row);
  });
  container.replaceChildren(root);
}
