// Schema Registry: the subjects with their latest version and compatibility level, search, and registering a new subject.
import { api } from '../api.js';
import { h, dialog, field, state, toast } from '../ui.js';

/** The level a subject is checked at, marked when it follows the registry's global level. */
function levelBadge(level, inherited) {
  return h('span', {}, h('span.badge.accent', {}, level), inherited ? h('span.muted.inherited', {}, 'global') : null);
}

function registerSubject() {
  dialog('Register a schema', [
    field('Subject', h('input', { name: 'subject', required: true, autofocus: true, placeholder: 'returns-value' }),
      'TopicNameStrategy names a topic\'s value subject <topic>-value.'),
    field('Avro schema', h('textarea.code', { name: 'schema', rows: 10, required: true, spellcheck: false,
      placeholder: '{"type": "record", "name": "Return", "fields": [{"name": "invoice_no", "type": "string"}]}' }),
      'Checked for compatibility first when the subject has versions already.'),
  ], {
    submitLabel: 'Register',
    submit: async (data) => {
      const subject = data.get('subject').trim();
      const registered = await api(`/schemas/subjects/${encodeURIComponent(subject)}/versions`,
        { method: 'POST', body: { schema: data.get('schema') } });
      toast(`${subject}: version ${registered.version}, schema ID ${registered.id}.`);
      location.hash = '#/schemas/' + encodeURIComponent(subject);
    },
  });
}

export function create(root) {
  const search = h('input.search', { type: 'search', placeholder: 'Search subjects', 'aria-label': 'Search subjects' });
  const body = h('div');
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('h1', {}, 'Schema Registry'),
      h('p.subtitle', {}, 'Subjects, their versions and the compatibility rules new versions must meet.')),
      h('div.toolbar', {}, search, h('button.primary.admin', { type: 'button', onclick: registerSubject }, 'Register schema'))),
    h('section.card.flush', {}, body));
  search.addEventListener('input', () => refresh());

  async function refresh() {
    let subjects;
    try {
      subjects = await api(`/schemas/subjects?search=${encodeURIComponent(search.value)}`);
    } catch (e) {
      body.replaceChildren(state('error', 'Cannot list the subjects', e.message));
      return;
    }
    if (subjects.length === 0) {
      body.replaceChildren(search.value
        ? state('empty', `No subject matches "${search.value}"`, 'Try another search.')
        : state('empty', 'No schemas yet', 'Register one here, or send Avro sales with "tillstream generate".'));
      return;
    }
    body.replaceChildren(h('table.subjects', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Subject'), h('th.num', {}, 'Latest version'), h('th.num', {}, 'Schema ID'),
        h('th', {}, 'Type'), h('th', {}, 'Compatibility'))),
      h('tbody', {}, subjects.map((s) => h('tr', { dataset: { subject: s.subject } },
        h('td', {}, h('a', { href: '#/schemas/' + encodeURIComponent(s.subject) }, s.subject)),
        h('td.num', {}, s.latestVersion), h('td.num', {}, s.id), h('td', {}, s.type),
        h('td', {}, levelBadge(s.compatibility, s.compatibilityInherited)))))));
  }
  return { refresh };
}
