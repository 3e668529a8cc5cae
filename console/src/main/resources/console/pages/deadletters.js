// Dead letters: a dead-letter topic's records grouped by error class and reason, a group's records decoded,
// and the redrive of the ones selected (or all matching the filter) back to their source topic.
import { api } from '../api.js';
import { h, count, dialog, field, stat, state, time, toast } from '../ui.js';

function payloadText(p) {
  if (!p || p.format === 'null') return 'null';
  return typeof p.content === 'string' ? p.content : JSON.stringify(p.content);
}

function shortText(text, max = 120) {
  return h('span.mono', { title: text }, text.length > max ? text.slice(0, max) + '…' : text);
}

function detail(d) {
  const block = (label, p) => h('div', {}, h('h3', {}, label, ' ', h('span.badge', {}, p.schemaId != null && !p.error ? `${p.format} · schema ${p.schemaId}` : p.format)),
    p.error ? h('p.form-error', {}, p.error) : null,
    h('pre', {}, p.format === 'null' ? 'null' : typeof p.content === 'string' ? p.content : JSON.stringify(p.content, null, 2)),
    p.hex ? h('details', {}, h('summary', {}, `Raw bytes (${p.size})`), h('pre.hex', {}, p.hex.replace(/(..)/g, '$1 ').trim())) : null);
  return h('div.message-detail', {}, h('p', {}, h('strong', {}, d.errorClass), ': ', d.reason),
    block('Value', d.value), block('Key', d.key), h('h3', {}, 'Headers'),
    h('table.compact', {}, h('tbody', {}, d.headers.map((x) => h('tr', {}, h('td.mono', {}, x.key), h('td.mono', {}, x.value ?? 'null'))))));
}

function source(d) {
  return d.source ? `${d.source.topic} ${d.source.partition}:${d.source.offset}` : '–';
}

/** A new id per redrive the user starts: asking again with it (a retry) sends nothing twice. */
function requestId() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
}

function skippedText(answer) {
  return answer.skipped.map((s) => `${count(s.count)} ${s.reason.replaceAll('_', ' ')}: ${s.description}`);
}

/** Counts first (a dry run), then the redrive itself with the same request id, on confirmation. */
function redrive(topic, selection, describe, onDone) {
  const id = requestId();
  const preview = h('div.redrive-preview', {}, h('p.muted', {}, 'Counting…'));
  const force = h('input', { type: 'checkbox', name: 'force' });
  const ask = (dryRun) => api(`/dead-letters/${encodeURIComponent(topic)}/redrive`, { method: 'POST',
    body: { requestId: id, ...selection, force: force.checked, dryRun } });
  const showPreview = async () => {
    try {
      const answer = await ask(true);
      preview.replaceChildren(h('p', { dataset: { willSend: answer.sent } }, h('strong', {}, `${count(answer.sent)} will be sent`),
        ` back to their source topic, of ${count(answer.matched)} matching.`),
      ...skippedText(answer).map((line) => h('p.muted', {}, line)));
    } catch (e) {
      preview.replaceChildren(h('p.form-error', {}, e.message));
    }
  };
  force.addEventListener('change', showPreview);
  dialog(`Redrive ${describe}`, [
    h('p', {}, 'Each record goes back to its source topic and partition with its original key, value and headers, '
      + 'and tillstream.redrive.count one higher. Records and their redrive marks are written in one transaction: '
      + 'a failed redrive sends nothing. End to end it is at least once: a consumer\'s side effects from the first attempt happen again.'),
    preview,
    h('label.check', {}, force, 'Force: send also records redriven before or up to the limit'),
  ], {
    submitLabel: 'Redrive',
    submit: async () => {
      const answer = await ask(false);
      toast(`Redrive: ${answer.summary}.`);
      onDone(answer);
    },
  });
  showPreview();
}

export function create(root, { params: [chosen] }) {
  const picker = h('select', { 'aria-label': 'Dead-letter topic' });
  const stats = h('div.stats');
  const groups = h('div');
  const records = h('div');
  const result = h('div');
  const filter = {
    errorClass: h('select', { 'aria-label': 'Error class' }, h('option', { value: '' }, 'Any class'),
      h('option', { value: 'decode' }, 'decode'), h('option', { value: 'invalid' }, 'invalid')),
    reason: h('input', { type: 'search', placeholder: 'Reason contains', 'aria-label': 'Reason contains' }),
    sourcePartition: h('input', { type: 'number', min: 0, placeholder: 'Source partition', 'aria-label': 'Source partition' }),
    sourceFromOffset: h('input', { type: 'number', min: 0, placeholder: 'from offset', 'aria-label': 'Source offsets from' }),
    sourceToOffset: h('input', { type: 'number', min: 0, placeholder: 'to offset', 'aria-label': 'Source offsets to' }),
    from: h('input', { type: 'datetime-local', 'aria-label': 'From time' }),
    to: h('input', { type: 'datetime-local', 'aria-label': 'To time' }),
  };
  let topic = chosen || null;
  let group = null;
  let endOffset = null;
  const selected = new Set();
  const open = new Set();

  const filterValues = () => {
    const values = {};
    if (group) values.group = group;
    for (const [name, input] of Object.entries(filter)) {
      if (input.value === '') continue;
      values[name] = input.type === 'datetime-local' ? new Date(input.value).getTime()
        : input.type === 'number' ? Number(input.value) : input.value;
    }
    return values;
  };
  const base = () => `/dead-letters/${encodeURIComponent(topic)}`;

  const redriveButtons = h('div.toolbar', {},
    h('button.admin', { type: 'button', onclick: () => {
      if (selected.size === 0) { toast('Tick the records to redrive first.', 'error'); return; }
      redrive(topic, { records: [...selected] }, `${selected.size} selected`, done);
    } }, 'Redrive selected'),
    h('button.admin', { type: 'button', onclick: () => redrive(topic, { filter: filterValues() }, 'all matching', done) }, 'Redrive all matching'));

  function done(answer) {
    selected.clear();
    result.replaceChildren(h('section.card.redrive-result', { dataset: { sent: answer.sent } }, h('h2', {}, 'Last redrive'),
      h('p', {}, answer.summary), ...skippedText(answer).map((line) => h('p.muted', {}, line)),
      answer.records.length ? h('table.compact', {}, h('thead', {}, h('tr', {}, ['Dead letter', 'Sent to', 'Redrive count'].map((c) => h('th', {}, c)))),
        h('tbody', {}, answer.records.map((r) => h('tr', {}, h('td.mono', {}, `${r.from.partition}:${r.from.offset}`),
          h('td.mono', {}, `${r.topic} ${r.partition}:${r.offset}`), h('td.num', {}, r.redriveCount))))) : null));
    load();
  }

  async function loadGroups() {
    let answer;
    try {
      answer = await api(`${base()}/groups`);
    } catch (e) {
      groups.replaceChildren(state('error', 'Cannot read the dead letters', e.message));
      return;
    }
    stats.replaceChildren(stat('Dead letters', count(answer.groups.reduce((n, g) => n + g.count, 0)), { kpi: 'dead-letters' }),
      stat('Groups', count(answer.groups.length)),
      stat('Redriven', count(answer.groups.reduce((n, g) => n + g.redriven, 0)), { kpi: 'redriven' }));
    if (answer.groups.length === 0) {
      groups.replaceChildren(state('empty', 'No dead letters', `Nothing was rejected into ${topic}.`));
      return;
    }
    groups.replaceChildren(h('table.compact.dead-letter-groups', {},
      h('thead', {}, h('tr', {}, ['Class', 'Reason', 'Records', 'First', 'Last', 'Redriven', ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, answer.groups.map((g) => h('tr', { dataset: { group: g.id }, className: g.id === group ? 'active' : '' },
        h('td', {}, h('span.badge', {}, g.errorClass)), h('td', {}, shortText(g.reason, 160)), h('td.num', {}, count(g.count)),
        h('td.nowrap', {}, time(g.firstSeen)), h('td.nowrap', {}, time(g.lastSeen)), h('td.num', {}, count(g.redriven)),
        h('td.nowrap', {}, h('button.link', { type: 'button', onclick: () => { group = group === g.id ? null : g.id; load(); } },
          group === g.id ? 'Show all' : 'Records'),
        ' · ', h('button.link.admin', { type: 'button', onclick: () => redrive(topic, { filter: { group: g.id } }, `group ${g.id}`, done) }, 'Redrive')))))));
  }

  async function loadRecords() {
    const query = new URLSearchParams({ ...filterValues(), limit: 100 });
    let page;
    try {
      page = await api(`${base()}/records?${query}`);
    } catch (e) {
      records.replaceChildren(state('error', 'Cannot list the dead letters', e.message));
      return;
    }
    if (page.records.length === 0) {
      records.replaceChildren(state('empty', 'None match', 'Change the filter, or pick another group.'));
      return;
    }
    records.replaceChildren(h('p.muted', {}, `${count(page.matched)} match${page.matched > page.records.length ? `; the newest ${page.records.length} are shown` : ''}.`),
      h('table.message-table.dead-letters', {},
        h('thead', {}, h('tr', {}, ['', 'Partition:offset', 'Time', 'Source', 'Reason', 'Value', 'Redrives'].map((c) => h('th', {}, c)))),
        h('tbody', {}, page.records.flatMap((d) => {
          const id = `${d.partition}:${d.offset}`;
          const box = h('input.admin', { type: 'checkbox', checked: selected.has(id), 'aria-label': `Select ${id}`,
            onclick: (event) => event.stopPropagation(),
            onchange: () => (box.checked ? selected.add(id) : selected.delete(id)) });
          const row = h('tr.clickable', { dataset: { record: id }, onclick: () => {
            open.has(id) ? open.delete(id) : open.add(id);
            row.nextSibling.hidden = !open.has(id);
          } }, h('td', {}, box), h('td.mono', {}, id), h('td.nowrap', {}, time(d.timestamp)), h('td.mono.nowrap', {}, source(d)),
          h('td', {}, shortText(d.reason, 60)), h('td.value', {}, shortText(payloadText(d.value), 60)),
          h('td.nowrap', {}, String(d.redriveCount), d.redriven ? h('span.badge.accent', { title: `redriven to ${d.redriven.sentTo} at ${time(d.redriven.at)}` }, 'redriven') : null));
          return [row, h('tr.expanded', { hidden: !open.has(id) }, h('td', { colSpan: 7 }, detail(d)))];
        }))));
  }

  function load() {
    if (!topic) return;
    loadGroups();
    loadRecords();
  }

  const body = h('div', {}, stats,
    h('section.card', {}, h('h2', {}, 'Grouped by error'), groups),
    h('section.card', {}, h('div.section-head', {}, h('h2', {}, 'Records'),
      h('div.toolbar', {}, ...Object.values(filter), h('button', { type: 'button', onclick: load }, 'Apply'))),
    redriveButtons, records),
    result);
  picker.addEventListener('change', () => { location.hash = '#/dead-letters/' + encodeURIComponent(picker.value); });
  root.replaceChildren(h('header.page-head', {}, h('div', {}, h('h1', {}, 'Dead letters'),
    h('p.subtitle', {}, 'Records the pipeline or the sink could not take, with why; fix the cause, then redrive them.')), picker), body);

  async function refresh() {
    let topics;
    try {
      topics = await api('/dead-letters');
    } catch (e) {
      body.hidden = true;
      return;
    }
    body.hidden = false;
    if (picker.options.length !== topics.length) {
      picker.replaceChildren(...topics.map((t) => h('option', { value: t.topic }, t.topic)));
    }
    if (!topic && topics.length) topic = topics[0].topic;
    picker.value = topic;
    const current = topics.find((t) => t.topic === topic);
    if (!current) {
      groups.replaceChildren(state('empty', `There is no dead-letter topic ${topic}`, 'Pick one above.'));
      return;
    }
    if (current.endOffset === 0) {
      stats.replaceChildren();
      groups.replaceChildren(state('empty', 'No dead letters', `Nothing was rejected into ${topic} yet.`));
      records.replaceChildren();
      return;
    }
    // Reading a dead-letter topic costs a scan: only when it took new records.
    if (current.endOffset !== endOffset) {
      endOffset = current.endOffset;
      load();
    }
  }
  return { refresh };
}
