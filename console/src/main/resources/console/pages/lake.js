// The Parquet sink: its consumer group's lag, and what it wrote (files and rows per Kafka partition and per invoice day).
import { api } from '../api.js';
import { h, bytes, count, stat, state } from '../ui.js';
import { stateBadge } from './groups.js';
import { partitionsTable } from './group.js';

function writtenTable(partitions) {
  if (partitions.length === 0) return state('empty', 'No files yet', 'The sink completes its first files after its roll interval.');
  return h('table.compact.written', {},
    h('thead', {}, h('tr', {}, ['Topic', 'Partition', 'Files', 'Rows', 'Newest file from offset'].map((c, i) => h(i ? 'th.num' : 'th', {}, c)))),
    h('tbody', {}, partitions.map((p) => h('tr', { dataset: { partition: `${p.topic}-${p.partition}` } },
      h('td', {}, h('a', { href: '#/topics/' + encodeURIComponent(p.topic) }, p.topic)), h('td.num', {}, p.partition),
      h('td.num', {}, count(p.files)), h('td.num', {}, count(p.rows)), h('td.num', {}, count(p.lastFileOffset))))));
}

function daysTable(days) {
  if (days.length === 0) return state('empty', 'No days yet', 'Each invoice day gets its directory with the first file for it.');
  return h('table.compact.days', {},
    h('thead', {}, h('tr', {}, ['Invoice day', 'Files', 'Rows', 'On disk'].map((c, i) => h(i ? 'th.num' : 'th', {}, c)))),
    h('tbody', {}, [...days].reverse().map((d) => h('tr', { dataset: { day: d.date } },
      h('td.mono', {}, d.date), h('td.num', {}, count(d.files)), h('td.num', {}, count(d.rows)), h('td.num', {}, bytes(d.bytes))))));
}

function unreadableList(files) {
  if (files.length === 0) return '';
  return h('section.card', {}, h('h2', {}, 'Files whose footer cannot be read'),
    h('ul.unreadable', {}, files.map((f) => h('li', {}, h('span.mono', {}, f.file), ': ', f.reason))));
}

export function create(root) {
  const subtitle = h('p.subtitle');
  const stats = h('div.stats');
  const [banner, lag, written, days, unreadable] = Array.from({ length: 5 }, () => h('div'));
  const body = h('div', {}, stats,
    h('section.card', {}, h('h2', {}, 'Lag per partition'), lag),
    h('div.grid-2', {}, h('section.card', {}, h('h2', {}, 'Partitions written'), written),
      h('section.card', {}, h('h2', {}, 'Files and rows per day'), days)),
    unreadable);
  root.replaceChildren(h('header.page-head', {}, h('div', {}, h('h1', {}, 'Lake'), subtitle)), banner, body);

  async function refresh() {
    let view;
    try {
      view = await api('/lake');
    } catch (e) {
      body.hidden = true;
      banner.replaceChildren(state('error', 'Cannot read the lake', e.message));
      return;
    }
    body.hidden = false;
    const group = h('a', { href: '#/groups/' + encodeURIComponent(view.groupId) }, view.groupId);
    subtitle.replaceChildren('Parquet sink, group ', group, ' · ',
      view.groupState ? stateBadge(view.groupState) : h('span.muted', {}, 'no sink has joined yet'),
      view.lake ? h('span', {}, ' · ', h('span.mono', {}, view.lake.path)) : '');
    const lake = view.lake;
    banner.replaceChildren(lake === null
      ? state('empty', 'The console does not know where the lake is',
        'Start it with --lake-path DIR (tillstream demo does) to see the files and rows per day; the sink\'s lag shows without it.')
      : (lake.exists ? '' : h('p.hint', {}, `${lake.path} does not exist yet: the sink makes it when it starts.`)));
    stats.replaceChildren(stat('Total lag', view.totalLag === null ? '–' : count(view.totalLag)),
      stat('Sinks', count(view.members)),
      ...(lake ? [stat('Files', count(lake.files)), stat('Rows', count(lake.rows)), stat('On disk', bytes(lake.bytes)),
        stat('Days', count(lake.days.length))] : []));
    lag.replaceChildren(view.lag.length ? partitionsTable(view.lag)
      : state('empty', 'No offsets yet', `No sink has committed as group ${view.groupId}: run tillstream sink --path DIR.`));
    written.replaceChildren(lake ? writtenTable(lake.partitions) : h('span.muted', {}, 'Needs --lake-path.'));
    days.replaceChildren(lake ? daysTable(lake.days) : h('span.muted', {}, 'Needs --lake-path.'));
    unreadable.replaceChildren(lake ? unreadableList(lake.unreadable) : '');
  }

  return { refresh };
}
