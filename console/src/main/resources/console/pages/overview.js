// Overview: brokers, partition health, log-dir sizes and live throughput over the console's metrics.window.ms.
import { api } from '../api.js';
import { lineChart } from '../chart.js';
import { h, bytes, count, span, stat, state, time } from '../ui.js';


function role(b) {
  if (b.controller) return h('span.badge.accent', {}, 'active controller');
  if (b.voter) return h('span.badge', {}, 'controller voter');
  return h('span.muted', {}, 'broker');
}

function disk(b) {
  if (b.diskTotalBytes <= 0) return '–';
  const used = b.diskTotalBytes - b.diskUsableBytes;
  const share = Math.round((100 * used) / b.diskTotalBytes);
  return h('div.meter', { title: `${bytes(used)} used of ${bytes(b.diskTotalBytes)}` },
    h('div.meter-bar', {}, h('span', { style: `width:${share}%` })), h('small', {}, `${share}% of ${bytes(b.diskTotalBytes)}`));
}

export function create(root, { info }) {
  const windowMs = info.metricsWindowMs;
  const banner = h('div');
  const stats = h('div.stats');
  const bytesChart = h('div.chart-box');
  const messagesChart = h('div.chart-box');
  const brokers = h('div');
  const subtitle = h('p.subtitle');
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('h1', {}, 'Overview'), subtitle)),
    banner, stats,
    h('div.grid-2', {},
      h('section.card', {}, h('h2', {}, 'Bytes per second, last ' + span(windowMs)), legend('in', 'out'), bytesChart),
      h('section.card', {}, h('h2', {}, 'Messages per second, last ' + span(windowMs)), legend('in', 'out (committed)'), messagesChart)),
    h('section.card', {}, h('h2', {}, 'Brokers'), brokers));
  let samples = [];

  async function refresh() {
    let overview;
    try {
      const since = samples.length ? samples[samples.length - 1].time : 0;
      const [o, t] = await Promise.all([api('/cluster'), api('/cluster/throughput?since=' + since)]);
      overview = o;
      samples = samples.concat(t.samples).filter((s) => s.time > Date.now() - windowMs);
    } catch (e) {
      banner.replaceChildren(state('error', 'Cannot reach the cluster', e.message));
      return;
    }
    subtitle.textContent = `Cluster ${overview.clusterId}` + (overview.metadataVersion ? ` · ${overview.metadataVersion}` : '')
      + ` · sampled ${time(overview.sampledAt)}`;
    banner.replaceChildren(overview.failure
      ? state('error', 'The cluster stopped answering', overview.failure + ' The numbers below are from the last sample that worked.')
      : '');
    stats.replaceChildren(
      stat('Brokers', count(overview.brokers.length)),
      stat('Topics', count(overview.topics)),
      stat('Partitions', count(overview.partitions)),
      stat('Under-replicated', count(overview.underReplicated), { kind: overview.underReplicated ? 'warn' : 'good' }),
      stat('Offline', count(overview.offline), { kind: overview.offline ? 'bad' : 'good' }),
      stat('In', bytes(overview.rates.bytesIn) + '/s'),
      stat('Messages in', count(overview.rates.messagesIn) + '/s'));
    const series = (field) => samples.map((s) => ({ t: s.time, v: s[field] }));
    lineChart(bytesChart, { windowMs, format: bytes, series: [
      { cssVar: '--series-1', values: series('bytesIn') }, { cssVar: '--series-2', values: series('bytesOut') }] });
    lineChart(messagesChart, { windowMs, format: count, series: [
      { cssVar: '--series-1', values: series('messagesIn') }, { cssVar: '--series-2', values: series('messagesOut') }] });
    brokers.replaceChildren(overview.brokers.length === 0
      ? state('empty', 'No brokers answered', 'Check --bootstrap-server and that the brokers are running.')
      : h('table', {},
        h('thead', {}, h('tr', {}, ['ID', 'Host', 'Rack', 'Role', 'Log dirs', 'Disk'].map((c) => h('th', {}, c)))),
        h('tbody', {}, overview.brokers.map((b) => h('tr', {},
          h('td.num', {}, b.id), h('td.mono', {}, `${b.host}:${b.port}`), h('td', {}, b.rack || '–'),
          h('td', {}, role(b)), h('td.num', {}, bytes(b.logDirBytes)), h('td', {}, disk(b)))))));
  }
  return { refresh };
}

function legend(...labels) {
  return h('div.legend', {}, labels.map((label, i) => h('span', {}, h('i', { style: `background: var(--series-${i + 1})` }), label)));
}
