// Sales: the sales pipeline's live aggregates — totals, revenue by mall, category and payment method,
// sales per minute for the last 15 minutes and the top customers — asked of it through the console.
import { api } from '../api.js';
import { barChart, lineChart } from '../chart.js';
import { h, compact, count, money, stat, state, time } from '../ui.js';

const MINUTE = 60 * 1000;
const MINUTES = 15;
const TOP = 10;

/** The last 15 one-minute windows, oldest first, with zeros for minutes without sales. */
function minutes(rows) {
  const byStart = new Map(rows.map((r) => [Date.parse(r.key), r]));
  const last = Math.floor(Date.now() / MINUTE) * MINUTE;
  const points = [];
  for (let t = last - (MINUTES - 1) * MINUTE; t <= last; t += MINUTE) {
    const row = byStart.get(t);
    points.push({ t, revenue: row ? row.revenue : 0, invoices: row ? row.invoices : 0 });
  }
  return points;
}

function bars(container, rows) {
  barChart(container, { format: money, rows: rows.map((r) => ({ label: r.key, value: r.revenue })) });
}

export function create(root) {
  const subtitle = h('p.subtitle', {}, 'Aggregates of the sales pipeline, live');
  const banner = h('div');
  const stats = h('div.stats');
  const empty = h('div');
  const revenueChart = h('div.chart-box');
  const invoicesChart = h('div.chart-box');
  const malls = h('div');
  const categories = h('div');
  const payments = h('div');
  const customers = h('div');
  const body = h('div', { hidden: true },
    h('div.grid-2', {},
      h('section.card', {}, h('h2', {}, 'Revenue per minute'), revenueChart),
      h('section.card', {}, h('h2', {}, 'Sales per minute'), invoicesChart)),
    h('div.grid-2', {},
      h('section.card', { dataset: { chart: 'by-mall' } }, h('h2', {}, 'Revenue by mall'), malls),
      h('section.card', { dataset: { chart: 'by-category' } }, h('h2', {}, 'Revenue by category'), categories)),
    h('div.grid-2.align-start', {},
      h('section.card', { dataset: { chart: 'by-payment-method' } }, h('h2', {}, 'Revenue by payment method'), payments),
      h('section.card', {}, h('h2', {}, `Top ${TOP} customers`), customers)));
  root.replaceChildren(h('header.page-head', {}, h('div', {}, h('h1', {}, 'Sales'), subtitle)), banner, stats, empty, body);
  let notConfigured = false;

  async function refresh() {
    if (notConfigured) return;
    let answers;
    try {
      answers = await Promise.all(['by-mall', 'by-category', 'by-payment-method', `per-minute?minutes=${MINUTES}`,
        `top-customers?limit=${TOP}`, 'dead-letters'].map((view) => api('/sales/' + view)));
    } catch (e) {
      if (e.code === 'sales_not_configured') {
        notConfigured = true;
        stats.replaceChildren();
        body.hidden = true;
        empty.replaceChildren(state('empty', 'Connect a sales pipeline to see its sales here', e.message));
      } else {
        banner.replaceChildren(state('error', e.code === 'sales_not_ready' ? 'The sales pipeline is starting'
          : 'Cannot reach the sales pipeline', e.message + (body.hidden ? '' : ' The numbers below are the last it gave.')));
      }
      return;
    }
    const [byMall, byCategory, byPayment, perMinute, top, deadLetters] = answers;
    banner.replaceChildren();
    subtitle.textContent = `Aggregates of the sales pipeline · updated ${time(Date.now())}`;
    const sum = (field) => byMall.rows.reduce((total, r) => total + r[field], 0);
    const invoices = sum('invoices');
    stats.replaceChildren(
      stat('Revenue', money(sum('revenue')), { kpi: 'revenue' }),
      stat('Items sold', count(sum('quantity')), { kpi: 'quantity' }),
      stat('Invoices', count(invoices), { kpi: 'invoices' }),
      stat('Dead letters', count(deadLetters.total), { kpi: 'dead-letters', kind: deadLetters.total ? 'warn' : 'good',
        title: `${deadLetters.decode} could not be decoded, ${deadLetters.invalid} broke a sale's rules` }));
    body.hidden = invoices === 0;
    empty.replaceChildren(invoices === 0 ? state('empty', 'No sales yet', 'The pipeline has counted no sales so far. '
      + 'Send some with ./tillstream generate --rate 10, and they show here within a second.') : '');
    if (invoices === 0) return;
    const points = minutes(perMinute.rows);
    lineChart(revenueChart, { windowMs: MINUTES * MINUTE, format: compact,
      series: [{ cssVar: '--series-1', values: points.map((p) => ({ t: p.t, v: p.revenue })) }] });
    lineChart(invoicesChart, { windowMs: MINUTES * MINUTE, format: count,
      series: [{ cssVar: '--series-2', values: points.map((p) => ({ t: p.t, v: p.invoices })) }] });
    bars(malls, byMall.rows);
    bars(categories, byCategory.rows);
    bars(payments, byPayment.rows);
    customers.replaceChildren(h('table.top-customers', {},
      h('thead', {}, h('tr', {}, h('th.num', {}, '#'), h('th', {}, 'Customer'), h('th.num', {}, 'Invoices'),
        h('th.num', {}, 'Items'), h('th.num', {}, 'Revenue'))),
      h('tbody', {}, top.rows.map((r, i) => h('tr', {},
        h('td.num.muted', {}, i + 1), h('td.mono', {}, r.key), h('td.num', {}, count(r.invoices)),
        h('td.num', {}, count(r.quantity)), h('td.num', {}, money(r.revenue)))))));
  }
  return { refresh };
}
