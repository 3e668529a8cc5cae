// A small SVG line chart for throughput: time on x, a nice-rounded scale on y, one line per series.
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
