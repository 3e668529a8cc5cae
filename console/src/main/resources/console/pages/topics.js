// Topics: the list with sizes and rates, search, and creating a topic.
import { api } from '../api.js';
import { h, bytes, count, dialog, field, listPage, toast } from '../ui.js';

/** key=value lines into an object; blank lines and # comments are skipped. */
export function parseConfigs(text) {
  const configs = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`"${line}" is not name=value.`);
    configs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return configs;
}

function createTopic(onDone) {
  dialog('Create topic', [
    field('Name', h('input', { name: 'name', required: true, autofocus: true, pattern: '[a-zA-Z0-9._\\-]{1,249}', placeholder: 'returns' }),
      'Letters, digits, ".", "_" and "-".'),
    h('div.row', {},
      field('Partitions', h('input', { name: 'partitions', type: 'number', min: 1, max: 10000, value: 3, required: true })),
      field('Replication factor', h('input', { name: 'replicationFactor', type: 'number', min: 1, placeholder: 'broker default' }))),
    field('Configs', h('textarea', { name: 'configs', rows: 3, placeholder: 'retention.ms=86400000' }), 'One name=value a line.'),
  ], {
    submitLabel: 'Create',
    submit: async (data) => {
      const rf = data.get('replicationFactor');
      await api('/topics', { method: 'POST', body: {
        name: data.get('name').trim(), partitions: Number(data.get('partitions')),
        replicationFactor: rf ? Number(rf) : null, configs: parseConfigs(data.get('configs')) } });
      toast(`Topic ${data.get('name')} created.`);
      onDone();
    },
  });
}

const COLUMNS = ['Name', 'Partitions', 'Replicas', 'Messages', 'Size', 'In', 'Messages in', 'Messages out', 'Health']
  .map((label, i) => ({ label, num: i > 0 }));

export function create(root) {
  const internal = h('input', { type: 'checkbox' });
  const list = listPage(root, {
    title: 'Topics',
    words: { many: 'topics', one: 'topic', failure: 'Cannot list the topics' },
    controls: [h('label.check', {}, internal, 'internal'),
      h('button.primary.admin', { type: 'button', onclick: () => createTopic(list.refresh) }, 'Create topic')],
    columns: COLUMNS,
    tableClass: 'topics',
    load: (search) => api(`/topics?internal=${internal.checked}&search=${encodeURIComponent(search)}`),
    empty: ['No topics yet', 'Create one here, or send sales with "tillstream generate".'],
    row: (t) => h('tr', { dataset: { topic: t.name } },
      h('td', {}, h('a', { href: '#/topics/' + encodeURIComponent(t.name) }, t.name), t.internal ? h('span.badge', {}, 'internal') : null),
      h('td.num', {}, t.partitions), h('td.num', {}, t.replicationFactor), h('td.num', {}, count(t.messages)),
      h('td.num', {}, bytes(t.sizeBytes)), h('td.num', {}, bytes(t.rates.bytesIn) + '/s'),
      h('td.num', {}, count(t.rates.messagesIn) + '/s'), h('td.num', {}, count(t.rates.messagesOut) + '/s'),
      h('td.num', {}, t.offline ? h('span.badge.bad', {}, `${t.offline} offline`)
        : t.underReplicated ? h('span.badge.warn', {}, `${t.underReplicated} under-replicated`)
          : h('span.badge.good', {}, 'healthy'))),
  });
  internal.addEventListener('change', () => list.refresh());
  return list;
}
