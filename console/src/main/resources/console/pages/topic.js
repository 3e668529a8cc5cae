// One topic: partitions, a message browser decoding through the registry, test messages, configs and admin actions.
import { api, apiLines, apiUrl } from '../api.js';
import { h, bytes, count, dialog, field, stat, state, time, toast } from '../ui.js';

function produce(name, partitions, onDone) {
  const format = h('select', { name: 'format' }, h('option', { value: 'text' }, 'Text'), h('option', { value: 'avro' }, 'Avro (through the registry)'), h('option', { value: 'json_schema' }, 'JSON (the subject\'s latest JSON Schema)'));
  const schema = field('Avro schema', h('textarea', { name: 'schema', rows: 4, placeholder: `Empty: the latest schema of ${name}-value` }),
    'Given, it is registered under ' + name + '-value first.');
  schema.hidden = true;
  format.addEventListener('change', () => { schema.hidden = format.value !== 'avro'; });
  dialog('Produce a test message', [
    h('div.row', {}, field('Format', format),
      field('Partition', h('select', { name: 'partition' }, h('option', { value: '' }, 'by key'),
        Array.from({ length: partitions }, (_, p) => h('option', { value: p }, p))))),
    field('Key', h('input', { name: 'key', placeholder: 'none' })),
    field('Value', h('textarea', { name: 'value', rows: 4, required: true, placeholder: '{"invoice_no": "I100001"}' })),
    schema,
  ], {
    submitLabel: 'Send',
    submit: async (data) => {
      const sent = await api(`/topics/${encodeURIComponent(name)}/messages`, { method: 'POST', body: {
        format: data.get('format'), key: data.get('key'), value: data.get('value'), schema: data.get('schema') || null,
        partition: data.get('partition') === '' ? null : Number(data.get('partition')) } });
      toast(`Sent to partition ${sent.partition} at offset ${sent.offset}.`);
      onDone();
    },
  });
}

function addPartitions(name, current, onDone) {
  dialog('Add partitions', [
    field('New partition count', h('input', { name: 'count', type: 'number', min: current + 1, value: current + 1, required: true }),
      `Now ${current}. Partitions can be added, never removed; keys may map to other partitions afterwards.`),
  ], {
    submit: async (data) => {
      await api(`/topics/${encodeURIComponent(name)}/partitions`, { method: 'POST', body: { count: Number(data.get('count')) } });
      toast(`${name} has ${data.get('count')} partitions.`);
      onDone();
    },
  });
}

function deleteTopic(name) {
  dialog(`Delete ${name}`, [
    h('p', {}, 'This deletes the topic and every record in it, for good.'),
    field(`Type ${name} to confirm`, h('input', { name: 'confirm', required: true, autocomplete: 'off' })),
  ], {
    submitLabel: 'Delete topic',
    danger: true,
    submit: async (data) => {
      await api(`/topics/${encodeURIComponent(name)}?confirm=${encodeURIComponent(data.get('confirm'))}`, { method: 'DELETE' });
      toast(`Topic ${name} deleted.`);
      location.hash = '#/topics';
    },
  });
}

function editConfig(name, config, onDone) {
  const reset = config.source === 'DYNAMIC_TOPIC_CONFIG';
  dialog(`Edit ${config.name}`, [
    config.documentation ? h('p.muted', {}, config.documentation) : null,
    field('Value', h('input', { name: 'value', value: config.value ?? '', required: true, autofocus: true })),
    reset ? h('label.check', {}, h('input', { type: 'checkbox', name: 'reset' }), 'Reset to the default') : null,
  ], {
    submit: async (data) => {
      const value = data.get('reset') ? null : data.get('value');
      await api(`/topics/${encodeURIComponent(name)}/configs`, { method: 'POST', body: { configs: { [config.name]: value } } });
      toast(`${config.name} ${value === null ? 'reset' : 'set'}.`);
      onDone();
    },
  });
}

function payload(p) {
  if (!p || p.format === 'null') return h('span.muted', {}, 'null');
  const text = typeof p.content === 'string' ? p.content : JSON.stringify(p.content);
  return h('span.mono', { title: text }, text.length > 160 ? text.slice(0, 160) + '…' : text);
}

function detail(m) {
  const block = (label, p) => h('div', {}, h('h3', {}, label, ' ', formatBadge(p)),
    p.error ? h('p.form-error', {}, p.error) : null,
    h('pre', {}, p.format === 'null' ? 'null' : typeof p.content === 'string' ? p.content : JSON.stringify(p.content, null, 2)),
    p.hex ? h('details', {}, h('summary', {}, `Raw bytes (${p.size})`), h('pre.hex', {}, p.hex.replace(/(..)/g, '$1 ').trim())) : null);
  return h('div.message-detail', {}, block('Value', m.value), block('Key', m.key),
    h('h3', {}, 'Headers'), m.headers.length ? h('table.compact', {}, h('tbody', {}, m.headers.map((x) => h('tr', {}, h('td.mono', {}, x.key), h('td.mono', {}, x.value ?? 'null')))))
      : h('p.muted', {}, 'No headers.'));
}

function formatBadge(p) {
  if (!p || p.format === 'null') return null;
  return h('span.badge' + (p.schemaId != null && !p.error ? '.accent' : ''), {}, p.schemaId != null && !p.error ? `${p.format} · schema ${p.schemaId}` : p.format);
}

const TRUNCATED = {
  bytes: 'Older messages are left out: this page reached the bytes one browse may hold (messages.max.bytes).',
  timeout: 'Kafka did not deliver every message in time (console.request.timeout.ms): the oldest may be missing.',
};

const OUTCOME = {
  complete: (e) => `Scanned everything: ${count(e.scanned)} records, ${count(e.matched)} found.`,
  budget: (e) => e.matched === 0
    ? `Not found within ${count(e.scanned)} scanned (of ${count(e.total)}): raise the budget to look further.`
    : `${count(e.matched)} found within ${count(e.scanned)} scanned (the budget, of ${count(e.total)}): more may lie beyond.`,
  limit: (e) => `Found ${count(e.matched)}, the limit, after ${count(e.scanned)} scanned.`,
  timeout: (e) => `Kafka stopped delivering after ${count(e.scanned)} scanned: the search is incomplete.`,
};

function browser(name) {
  const partition = h('select', { 'aria-label': 'Partition' }, h('option', { value: '' }, 'All partitions'));
  const mode = h('select', { 'aria-label': 'Seek' }, h('option', { value: 'latest' }, 'Newest'),
    h('option', { value: 'offset' }, 'From offset'), h('option', { value: 'timestamp' }, 'From time'));
  const position = h('input', { type: 'text', placeholder: 'offset', 'aria-label': 'Position', hidden: true });
  const limit = h('select', { 'aria-label': 'Limit' }, [20, 50, 100, 500].map((n) => h('option', { value: n, selected: n === 50 }, `${n} messages`)));
  const live = h('input', { type: 'checkbox' });
  const list = h('div.messages');
  const filter = h('input.filter.mono', { type: 'text', 'aria-label': 'Filter', spellcheck: false,
    placeholder: 'CEL filter: key == "I138884" && value.shopping_mall == "Kanyon"' });
  const direction = h('select', { 'aria-label': 'Direction' }, h('option', { value: 'newest' }, 'Newest first'), h('option', { value: 'oldest' }, 'Oldest first'));
  const budget = h('select', { 'aria-label': 'Budget' }, [100000, 1000000, 10000000, 100000000].map((n) =>
    h('option', { value: n, selected: n === 1000000 }, `scan at most ${count(n)}`)));
  const searchButton = h('button', { type: 'button', onclick: () => search() }, 'Search');
  const cancelButton = h('button', { type: 'button', hidden: true, onclick: () => running && running.abort() }, 'Cancel');
  const progress = h('p.search-progress.muted', { role: 'status' });
  const exportLink = (format, label) => h('a.button.export', { href: '#', download: '', dataset: { format },
    onclick: (e) => { e.currentTarget.href = apiUrl(`/topics/${encodeURIComponent(name)}/export?${exportQuery(format)}`); } }, label);
  mode.addEventListener('change', () => {
    position.hidden = mode.value === 'latest';
    position.type = mode.value === 'timestamp' ? 'datetime-local' : 'text';
  });
  let open = new Set();
  let running = null;

  /** The partition and start position chosen, as the browse, search and export endpoints take them. */
  function selection() {
    const query = new URLSearchParams();
    if (partition.value !== '') query.set('partition', partition.value);
    if (mode.value === 'offset' && position.value) query.set('offset', position.value.trim());
    if (mode.value === 'timestamp' && position.value) query.set('timestamp', String(new Date(position.value).getTime()));
    return query;
  }

  function exportQuery(format) {
    const query = selection();
    query.set('format', format);
    if (filter.value.trim()) query.set('filter', filter.value.trim());
    return query;
  }

  function table(messages) {
    return h('table.message-table', {},
      h('thead', {}, h('tr', {}, ['Partition', 'Offset', 'Time', 'Key', 'Value', 'Format'].map((c) => h('th', {}, c)))),
      h('tbody', {}, messages.flatMap((m) => {
        const id = `${m.partition}-${m.offset}`;
        const row = h('tr.clickable', { dataset: { offset: m.offset }, onclick: () => {
          open.has(id) ? open.delete(id) : open.add(id);
          row.nextSibling.hidden = !open.has(id);
        } }, h('td.num', {}, m.partition), h('td.num', {}, m.offset), h('td.nowrap', {}, time(m.timestamp)),
        h('td', {}, payload(m.key)), h('td.value', {}, payload(m.value)), h('td', {}, formatBadge(m.value)));
        return [row, h('tr.expanded', { hidden: !open.has(id) }, h('td', { colSpan: 6 }, detail(m)))];
      })));
  }

  async function load() {
    if (running) return;
    progress.textContent = '';
    const query = selection();
    query.set('limit', limit.value);
    query.set('raw', 'true');
    let page;
    try {
      page = await api(`/topics/${encodeURIComponent(name)}/messages?${query}`);
    } catch (e) {
      list.replaceChildren(state('error', 'Cannot read messages', e.message));
      return;
    }
    const messages = page.messages;
    const truncated = page.truncated === null ? null : h('p.notice', {}, TRUNCATED[page.truncated] || `Not every message is shown (${page.truncated}).`);
    if (messages.length === 0 && truncated === null) {
      list.replaceChildren(state('empty', 'No messages here', 'Produce a test message, or seek to an earlier offset or time.'));
      return;
    }
    list.replaceChildren(...(truncated === null ? [] : [truncated]), table(messages));
  }

  /** Streams a search: progress as it scans, matches as they are found; Cancel drops the response, which stops it. */
  async function search() {
    if (!filter.value.trim()) return load();
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    const query = selection();
    query.set('filter', filter.value.trim());
    query.set('direction', direction.value);
    query.set('budget', budget.value);
    query.set('limit', limit.value);
    const matches = [];
    let last = { scanned: 0, matched: 0 };
    let drawn = 0;
    const draw = () => {
      drawn = matches.length;
      list.replaceChildren(matches.length ? table(matches) : state('empty', 'Nothing found yet', 'The search goes on; Cancel stops it.'));
    };
    searchButton.disabled = true;
    cancelButton.hidden = false;
    progress.textContent = 'Searching…';
    draw();
    try {
      await apiLines(`/topics/${encodeURIComponent(name)}/search?${query}`, (line) => {
        if (line.error) throw new Error(line.error.message);
        if (line.type === 'match') {
          matches.push(line.message);
          last.matched++;
        } else if (line.type === 'progress') {
          last = line;
          progress.textContent = `Scanned ${count(line.scanned)} of ${count(line.total)}, ${count(line.matched)} found…`;
        } else if (line.type === 'end') {
          last = line;
          const failures = line.unevaluated > 0 ? ` ${count(line.unevaluated)} records could not be evaluated (${line.firstFailure}).` : '';
          progress.textContent = (OUTCOME[line.outcome] || (() => `Ended: ${line.outcome}.`))(line) + failures;
        }
        if (matches.length !== drawn && (line.type !== 'match' || matches.length % 50 === 0)) draw();
      }, controller.signal);
      draw();
      if (matches.length === 0) list.replaceChildren(state('empty', 'No match', progress.textContent));
    } catch (e) {
      if (e.name === 'AbortError') {
        progress.textContent = `Cancelled after ${count(last.scanned)} scanned, ${count(matches.length)} found.`;
        draw();
      } else {
        progress.textContent = '';
        list.replaceChildren(state('error', e.code === 'invalid_filter' ? 'The filter cannot be used' : 'Cannot search', e.message));
      }
    } finally {
      if (running === controller) running = null;
      searchButton.disabled = false;
      cancelButton.hidden = true;
    }
  }

  filter.addEventListener('keydown', (e) => { if (e.key === 'Enter') search(); });
  const element = h('section.card', {}, h('div.section-head', {}, h('h2', {}, 'Messages'),
    h('div.toolbar', {}, partition, mode, position, limit, h('label.check', {}, live, 'live'),
      h('button', { type: 'button', onclick: load }, 'Load'), exportLink('csv', 'Export CSV'), exportLink('jsonl', 'Export JSONL'))),
  h('div.toolbar.message-search', {}, filter, direction, budget, searchButton, cancelButton), progress, list);
  return {
    element, load,
    setPartitions(n) {
      if (partition.options.length - 1 !== n) {
        partition.replaceChildren(h('option', { value: '' }, 'All partitions'), ...Array.from({ length: n }, (_, p) => h('option', { value: p }, `Partition ${p}`)));
      }
    },
    tick() { if (live.checked) load(); },
  };
}

export function create(root, { params: [name] }) {
  const summary = h('div.stats');
  const partitions = h('div');
  const configs = h('div');
  const messages = browser(name);
  let current = null;
  const actions = h('div.toolbar', {},
    h('button.admin', { type: 'button', onclick: () => produce(name, current.summary.partitions, messages.load) }, 'Produce'),
    h('button.admin', { type: 'button', onclick: () => addPartitions(name, current.summary.partitions, refresh) }, 'Add partitions'),
    h('button.danger.admin', { type: 'button', onclick: () => deleteTopic(name) }, 'Delete'));
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('a.back', { href: '#/topics' }, '← Topics'), h('h1', {}, name)), actions),
    summary, messages.element,
    h('div.grid-2', {}, h('section.card', {}, h('h2', {}, 'Partitions'), partitions), h('section.card', {}, h('h2', {}, 'Configs'), h('div.configs', {}, configs))));
  let first = true;
  // Configs are asked for on opening and after an edit only: describing them is the costly part of the answer.
  let wantConfigs = true;
  const editedConfig = () => { wantConfigs = true; return refresh(); };

  async function refresh() {
    try {
      current = await api('/topics/' + encodeURIComponent(name) + (wantConfigs ? '' : '?configs=false'));
    } catch (e) {
      actions.hidden = true;
      summary.replaceChildren(state('error', e.status === 404 ? `There is no topic ${name}` : 'Cannot read the topic',
        e.status === 404 ? 'It may have been deleted. Go back to Topics.' : e.message));
      return;
    }
    actions.hidden = false;
    const s = current.summary;
    summary.replaceChildren(...[['Partitions', s.partitions], ['Replication factor', s.replicationFactor],
      ['Messages', count(s.messages)], ['Size', bytes(s.sizeBytes)], ['In', bytes(s.rates.bytesIn) + '/s'],
      ['Messages in', count(s.rates.messagesIn) + '/s']].map(([l, v]) => stat(l, v)));
    messages.setPartitions(s.partitions);
    partitions.replaceChildren(h('table.compact', {},
      h('thead', {}, h('tr', {}, ['#', 'Leader', 'Replicas', 'In sync', 'Start', 'End', 'Size'].map((c) => h('th', {}, c)))),
      h('tbody', {}, current.partitions.map((p) => h('tr', {},
        h('td.num', {}, p.partition), h('td.num', {}, p.leader ?? h('span.badge.bad', {}, 'offline')),
        h('td', {}, p.replicas.join(', ')), h('td', {}, p.isr.length < p.replicas.length ? h('span.badge.warn', {}, p.isr.join(', ') || 'none') : p.isr.join(', ')),
        h('td.num', {}, count(p.startOffset)), h('td.num', {}, count(p.endOffset)), h('td.num', {}, bytes(p.sizeBytes)))))));
    if (current.configs) {
      wantConfigs = false;
      configs.replaceChildren(h('table.compact', {}, h('tbody', {}, [...current.configs].sort((a, b) => (b.source === 'DYNAMIC_TOPIC_CONFIG') - (a.source === 'DYNAMIC_TOPIC_CONFIG')).map((c) => h('tr', { title: c.documentation || '' },
        h('td.mono', {}, c.name), h('td.mono', {}, c.sensitive ? '••••' : c.value ?? '–'),
        h('td', {}, c.source === 'DYNAMIC_TOPIC_CONFIG' ? h('span.badge.accent', {}, 'set') : h('span.muted', {}, 'default')),
        h('td', {}, c.readOnly ? null : h('button.link.admin', { type: 'button', onclick: () => editConfig(name, c, editedConfig) }, 'Edit')))))));
    }
    if (first) {
      first = false;
      messages.load();
    } else {
      messages.tick();
    }
  }
  return { refresh };
}
