// Topology: the sales pipeline's Kafka Streams topology as a graph of sources, processors, stores and
// sinks with each node's records per second, drawn with a small layered layout of our own (SVG, no library).
import { api } from '../api.js';
import { h, count, state, time } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 190;
const NODE_H = 54;
const COLUMN_GAP = 56;
const ROW_GAP = 16;
const BAND_GAP = 40;
const BAND_HEAD = 28;
const PAD = 16;
const KIND_LABEL = { source: 'source', processor: 'processor', sink: 'sink', store: 'store' };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(key, value);
  }
  children.flat().forEach((child) => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

/**
 * Positions for every node: each sub-topology is a band, its nodes in columns by their longest
 * distance from a source along the record flow, a store in the column after the last processor using
 * it; within a column, nodes sit in the order of their parents' rows (one barycentre pass), which
 * keeps most edges from crossing.
 */
export function layout(graph) {
  const parents = new Map(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) if (e.kind === 'stream' || e.kind === 'store') parents.get(e.to).push(e.from);
  const column = new Map();
  const columnOf = (id, seen = new Set()) => {
    if (column.has(id)) return column.get(id);
    if (seen.has(id)) return 0;
    seen.add(id);
    const c = parents.get(id).length ? Math.max(...parents.get(id).map((p) => columnOf(p, seen) + 1)) : 0;
    column.set(id, c);
    return c;
  };
  graph.nodes.forEach((n) => columnOf(n.id));
  const positions = new Map();
  const bands = [];
  let top = PAD;
  let width = 0;
  for (const id of [...new Set(graph.nodes.map((n) => n.subtopology))]) {
    const nodes = graph.nodes.filter((n) => n.subtopology === id);
    const columns = [];
    nodes.forEach((n) => (columns[column.get(n.id)] ||= []).push(n));
    const row = new Map();
    columns.forEach((nodesIn) => {
      const barycentre = (n) => {
        const placed = parents.get(n.id).filter((p) => row.has(p)).map((p) => row.get(p));
        return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : 0;
      };
      nodesIn.sort((a, b) => (a.kind === 'store') - (b.kind === 'store') || barycentre(a) - barycentre(b));
      nodesIn.forEach((n, i) => row.set(n.id, i));
    });
    const rows = Math.max(...columns.filter(Boolean).map((c) => c.length));
    columns.forEach((nodesIn, c) => nodesIn.forEach((n, r) => positions.set(n.id, {
      x: PAD + c * (NODE_W + COLUMN_GAP), y: top + BAND_HEAD + r * (NODE_H + ROW_GAP) })));
    const height = BAND_HEAD + rows * (NODE_H + ROW_GAP) - ROW_GAP;
    bands.push({ id, y: top, height });
    width = Math.max(width, PAD + columns.length * (NODE_W + COLUMN_GAP) - COLUMN_GAP + PAD);
    top += height + BAND_GAP;
  }
  return { positions, bands, width, height: top - BAND_GAP + PAD };
}

/** Records per second as a node shows it: "n/a" where Kafka Streams measures nothing that gives it. */
function rate(node, measured) {
  if (node.kind === 'store' || (measured && node.records_per_second === null)) return 'n/a';
  if (!measured) return 'measuring…';
  return count(node.records_per_second) + ' rec/s';
}

function detail(node) {
  if (node.topics.length) return node.topics.join(', ');
  if (node.topic_pattern) return 'pattern ' + node.topic_pattern;
  return KIND_LABEL[node.kind];
}

function tooltip(node) {
  return [node.name, KIND_LABEL[node.kind] + ', sub-topology ' + node.subtopology,
    node.topics.length ? 'topics: ' + node.topics.join(', ') : null,
    node.stores.length ? 'stores: ' + node.stores.join(', ') : null,
    node.rate_basis ? 'rate from ' + node.rate_basis
      : node.kind === 'store' || node.kind === 'processor' ? 'Kafka Streams counts no records for this node' : null]
    .filter(Boolean).join('\n');
}

function clip(text, chars) {
  return text.length > chars ? text.slice(0, chars - 1) + '…' : text;
}

function edgePath(from, to) {
  const x1 = from.x + NODE_W;
  const y1 = from.y + NODE_H / 2;
  const x2 = to.x;
  const y2 = to.y + NODE_H / 2;
  if (x2 > x1) {
    const mid = (x1 + x2) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
  }
  // Back to an earlier column (the repartition topic into the next band): around the right of the source.
  const out = Math.max(x1, to.x + NODE_W) + COLUMN_GAP / 2;
  return `M${x1},${y1} C${out},${y1} ${out},${y2 - NODE_H} ${to.x + NODE_W / 2},${to.y}`;
}

/** The graph as an SVG element. */
export function draw(graph) {
  const { positions, bands, width, height } = layout(graph);
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  const root = svg('svg', { class: 'topology-graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `Topology of ${graph.nodes.length} nodes` }, svg('defs', {}, marker));
  for (const band of bands) {
    root.append(svg('rect', { class: 'band', x: PAD / 2, y: band.y, width: width - PAD, height: band.height + PAD / 2, rx: 10 }),
      svg('text', { class: 'band-label', x: PAD, y: band.y + 18 }, `Sub-topology ${band.id}`));
  }
  for (const e of graph.edges) {
    const from = positions.get(e.from);
    const to = positions.get(e.to);
    if (!from || !to) continue;
    root.append(svg('path', { class: 'edge ' + e.kind, d: edgePath(from, to), 'marker-end': e.kind === 'store' ? null : 'url(#arrow)',
      'data-edge': `${e.from}>${e.to}` }, svg('title', {}, e.kind === 'topic' ? 'through topic' : e.kind)));
  }
  for (const node of graph.nodes) {
    const { x, y } = positions.get(node.id);
    root.append(svg('g', { class: 'node ' + node.kind, transform: `translate(${x},${y})`, 'data-node': node.id },
      svg('title', {}, tooltip(node)),
      svg('rect', { width: NODE_W, height: NODE_H, rx: node.kind === 'store' ? 4 : 10 }),
      svg('text', { class: 'name', x: 10, y: 18 }, clip(node.name, 26)),
      svg('text', { class: 'detail', x: 10, y: 33 }, clip(detail(node), 30)),
      svg('text', { class: 'rate', x: 10, y: 47, 'data-rate': node.id }, rate(node, graph.measured))));
  }
  return root;
}

function nodeTable(graph) {
  return h('table.compact.topology-nodes', {},
    h('thead', {}, h('tr', {}, ['Node', 'Kind', 'Sub-topology', 'Topics / stores', 'Records/s', 'Measured from']
      .map((c, i) => h(i === 4 ? 'th.num' : 'th', {}, c)))),
    h('tbody', {}, graph.nodes.map((n) => h('tr', { dataset: { node: n.id } },
      h('td.mono', {}, n.name), h('td', {}, KIND_LABEL[n.kind]), h('td', {}, n.subtopology),
      h('td', {}, [...n.topics, ...n.stores].map((t) => h('span.chip', {}, t))),
      h('td.num', {}, rate(n, graph.measured)), h('td.muted', {}, n.rate_basis || '')))));
}

export function create(root) {
  const subtitle = h('p.subtitle', {}, 'The sales pipeline\'s Kafka Streams topology, live');
  const banner = h('div');
  const picture = h('div.topology-box');
  const table = h('div');
  const body = h('div', { hidden: true },
    h('section.card', {}, h('div.legend', {},
      h('span', {}, h('i.edge-stream'), 'records'), h('span', {}, h('i.edge-store'), 'state store'),
      h('span', {}, h('i.edge-topic'), 'through a topic')), picture),
    h('section.card', {}, h('h2', {}, 'Nodes'), table,
      h('p.muted', {}, 'Kafka Streams counts records per node only at sources (consumed) and sinks (produced); a processor '
        + 'fed only by sources gets their rate, any other processor and every store shows n/a.')));
  root.replaceChildren(h('header.page-head', {}, h('div', {}, h('h1', {}, 'Topology'), subtitle)), banner, body);
  let notConfigured = false;

  async function refresh() {
    if (notConfigured) return;
    let graph;
    try {
      graph = await api('/topology');
    } catch (e) {
      if (e.code === 'sales_not_configured') {
        notConfigured = true;
        body.hidden = true;
        banner.replaceChildren(state('empty', 'Connect a sales pipeline to see its topology here', e.message));
      } else {
        banner.replaceChildren(state('error', e.code === 'sales_not_ready' ? 'The sales pipeline is starting'
          : 'Cannot reach the sales pipeline', e.message + (body.hidden ? '' : ' The graph below is the last it gave.')));
      }
      return;
    }
    banner.replaceChildren();
    body.hidden = false;
    const subtopologies = new Set(graph.nodes.map((n) => n.subtopology)).size;
    subtitle.textContent = `${graph.nodes.length} nodes in ${subtopologies} sub-topologies · `
      + (graph.measured ? `records/s as of ${time(Date.now())}` : 'measuring records/s…');
    picture.replaceChildren(draw(graph));
    table.replaceChildren(nodeTable(graph));
  }
  return { refresh };
}
