// One consumer group: its state, members and their partitions, lag per partition and over time, and the admin actions.
import { api } from '../api.js';
import { lineChart } from '../chart.js';
import { h, count, dialog, field, span, stat, state, toast } from '../ui.js';
import { stateBadge, typeLabel } from './groups.js';


function resetOffsets(id, topics, onDone) {
  const to = h('select', { name: 'to' },
    h('option', { value: 'earliest' }, 'Earliest: re-read every record still kept'),
    h('option', { value: 'latest' }, 'Latest: skip to the end, read only new records'),
    h('option', { value: 'timestamp' }, 'A time: the first record at or after it'));
  const when = h('input', { name: 'timestamp', type: 'datetime-local', step: 1 });
  const whenField = field('Time', when, 'In this browser\'s time zone. Where every record is older, the end of the partition.');
  whenField.hidden = true;
  to.addEventListener('change', () => {
    whenField.hidden = to.value !== 'timestamp';
    when.required = to.value === 'timestamp';
  });
  dialog(`Reset offsets of ${id}`, [
    field('Move the committed offsets to', to), whenField,
    field('Topic', h('select', { name: 'topic' }, h('option', { value: '' }, 'Every topic the group has offsets for'),
      topics.map((t) => h('option', { value: t }, t)))),
    h('label.check', {}, h('input', { type: 'checkbox', name: 'confirm', required: true }),
      'I understand that the group\'s consumers will start from there, re-reading or skipping records.'),
  ], {
    submitLabel: 'Reset offsets',
    submit: async (data) => {
      const body = { to: data.get('to'), topic: data.get('topic') || null };
      if (body.to === 'timestamp') body.timestamp = new Date(data.get('timestamp')).getTime();
      const result = await api(`/groups/${encodeURIComponent(id)}/offsets`, { method: 'POST', body });
      toast(`Offsets of ${id} reset in ${result.offsets.length} partition${result.offsets.length === 1 ? '' : 's'}.`);
      onDone();
    },
  });
}

/** polling.pause() stops the page's reads before the delete, since a read after it would only find the group gone. */
function deleteGroup(id, polling) {
  dialog(`Delete ${id}`, [
    h('p', {}, 'This deletes the group and its committed offsets. Its consumers start over by their auto.offset.reset when they return.'),
    field(`Type ${id} to confirm`, h('input', { name: 'confirm', required: true, autocomplete: 'off' })),
  ], {
    submitLabel: 'Delete group',
    danger: true,
    submit: async (data) => {
      await polling.pause();
      try {
        await api(`/groups/${encodeURIComponent(id)}?confirm=${encodeURIComponent(data.get('confirm'))}`, { method: 'DELETE' });
      } catch (e) {
        polling.resume();
        throw e;
      }
      toast(`Group ${id} deleted.`);
      location.hash = '#/groups';
    },
  });
}

function membersTable(members) {
  if (members.length === 0) {
    return state('empty', 'No consumer is in the group', 'Its committed offsets stay until they expire (offsets.retention.minutes, 7 days by default).');
  }
  return h('table.compact', {},
    h('thead', {}, h('tr', {}, ['Client', 'Host', 'Partitions'].map((c) => h('th', {}, c)))),
    h('tbody', {}, members.map((m) => h('tr', {},
      h('td', {}, h('span', { title: m.memberId }, m.clientId), m.instanceId ? h('span.badge', { title: 'static member' }, m.instanceId) : null),
      h('td.mono', {}, m.host.replace(/^\//, '')),
      h('td', {}, m.assignment.length ? m.assignment.map((a) => h('span.chip', {}, `${a.topic}-${a.partition}`)) : h('span.muted', {}, 'none'))))));
}

export function partitionsTable(partitions) {
  if (partitions.length === 0) {
    return state('empty', 'No offsets yet', 'The group has neither committed offsets nor assigned partitions.');
  }
  return h('table.compact.partitions', {},
    h('thead', {}, h('tr', {}, ['Topic', 'Partition', 'Committed', 'End', 'Lag', 'Owner'].map((c, i) => h(i && i < 5 ? 'th.num' : 'th', {}, c)))),
    h('tbody', {}, partitions.map((p) => h('tr', { dataset: { partition: `${p.topic}-${p.partition}` } },
      h('td', {}, h('a', { href: '#/topics/' + encodeURIComponent(p.topic) }, p.topic)), h('td.num', {}, p.partition),
      h('td.num', {}, p.committedOffset === null ? h('span.muted', { title: 'no commit yet' }, 'none') : count(p.committedOffset)),
      h('td.num', {}, p.endOffset < 0 ? '–' : count(p.endOffset)), h('td.num', {}, count(p.lag)),
      h('td', {}, p.clientId ?? h('span.muted', {}, 'unassigned'))))));
}

export function create(root, { info, params: [id] }) {
  const windowMs = info.metricsWindowMs;
  const subtitle = h('p.subtitle');
  const stats = h('div.stats');
  const chart = h('div.chart-box');
  const members = h('div');
  const partitions = h('div');
  const banner = h('div');
  let current = null;
  const resetButton = h('button.admin', { type: 'button', onclick: () => resetOffsets(id, [...new Set(current.partitions.map((p) => p.topic))], refresh) }, 'Reset offsets');
  let paused = false;
  let reading = Promise.resolve();
  const polling = {
    pause: async () => { paused = true; await reading; },
    resume: () => { paused = false; },
  };
  const deleteButton = h('button.danger.admin', { type: 'button', onclick: () => deleteGroup(id, polling) }, 'Delete');
  const actions = h('div.toolbar', { hidden: true }, resetButton, deleteButton);
  const body = h('div', {}, stats,
    h('div.grid-2', {}, h('section.card', {}, h('h2', {}, 'Total lag, last ' + span(windowMs)), chart),
      h('section.card', {}, h('h2', {}, 'Members'), members)),
    h('section.card', {}, h('h2', {}, 'Lag per partition'), partitions));
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('a.back', { href: '#/groups' }, '← Consumer groups'), h('h1', {}, id), subtitle), actions),
    banner, body);
  let samples = [];

  async function refresh() {
    if (!paused) {
      reading = read();
      await reading;
    }
  }

  async function read() {
    try {
      const since = samples.length ? samples[samples.length - 1].time : 0;
      const [detail, lag] = await Promise.all([api('/groups/' + encodeURIComponent(id)),
        api(`/groups/${encodeURIComponent(id)}/lag?since=${since}`)]);
      current = detail;
      samples = samples.concat(lag.samples).filter((s) => s.time > Date.now() - windowMs);
    } catch (e) {
      actions.hidden = true;
      body.hidden = true;
      banner.replaceChildren(state('error', e.status === 404 ? `There is no consumer group ${id}` : 'Cannot read the group',
        e.status === 404 ? 'It may have been deleted, or its offsets expired. Go back to Consumer groups.' : e.message));
      return;
    }
    actions.hidden = false;
    body.hidden = false;
    const g = current;
    const active = g.members.length > 0;
    banner.replaceChildren(active ? h('p.hint.admin', {}, 'Stop the group\'s consumers to reset its offsets or delete it.') : '');
    for (const button of [resetButton, deleteButton]) {
      button.disabled = active;
      button.title = active ? 'Only while no consumer is in the group' : '';
    }
    subtitle.replaceChildren(stateBadge(g.state), ' ', typeLabel(g.type, g.simple),
      g.assignor ? ` · assignor ${g.assignor}` : '',
      g.coordinator ? ` · coordinator broker ${g.coordinator.id} (${g.coordinator.host}:${g.coordinator.port})` : '');
    stats.replaceChildren(stat('Members', count(g.members.length)), stat('Partitions', count(g.partitions.length)),
      stat('Topics', count(new Set(g.partitions.map((p) => p.topic)).size)), stat('Total lag', count(g.totalLag)));
    lineChart(chart, { windowMs, format: count, series: [{ cssVar: '--series-1', values: samples.map((s) => ({ t: s.time, v: s.lag })) }] });
    members.replaceChildren(membersTable(g.members));
    partitions.replaceChildren(partitionsTable(g.partitions));
  }
  return { refresh };
}
