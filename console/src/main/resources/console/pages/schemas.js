// Schema Registry: the subjects with their latest version and compatibility level, search, and registering a new subject.
import { api } from '../api.js';
import { h, dialog, field, listPage, toast } from '../ui.js';

/** The level a subject is checked at, marked when it follows the registry's global level. */
function levelBadge(level, inherited) {
  return h('span', {}, h('span.badge.accent', {}, level), inherited ? h('span.muted.inherited', {}, 'global') : null);
}

/** An example of each type, shown in the empty editor. */
const PLACEHOLDERS = {
  AVRO: '{"type": "record", "name": "Return", "fields": [{"name": "invoice_no", "type": "string"}]}',
  JSON: '{"type": "object", "title": "Return", "properties": {"invoice_no": {"type": "string"}}, "required": ["invoice_no"]}',
  PROTOBUF: 'syntax = "proto3";\npackage shop;\n\nmessage Return {\n  string invoice_no = 1;\n}',
};

function registerSubject() {
  const text = h('textarea.code', { name: 'schema', rows: 10, required: true, spellcheck: false, placeholder: PLACEHOLDERS.AVRO });
  const type = h('select', { name: 'schemaType', 'aria-label': 'Schema type' },
    ...Object.keys(PLACEHOLDERS).map((t) => h('option', { value: t }, t === 'JSON' ? 'JSON Schema' : t === 'AVRO' ? 'Avro' : 'Protobuf')));
  type.addEventListener('change', () => { text.placeholder = PLACEHOLDERS[type.value]; });
  dialog('Register a schema', [
    field('Subject', h('input', { name: 'subject', required: true, autofocus: true, placeholder: 'returns-value' }),
      'TopicNameStrategy names a topic\'s value subject <topic>-value; an imported .proto is registered under its path.'),
    field('Type', type),
    field('Schema', text, 'Checked for compatibility first when the subject has versions already.'),
  ], {
    submitLabel: 'Register',
    submit: async (data) => {
      const subject = data.get('subject').trim();
      const registered = await api(`/schemas/subjects/${encodeURIComponent(subject)}/versions`,
        { method: 'POST', body: { schema: data.get('schema'), schemaType: data.get('schemaType') } });
      toast(`${subject}: version ${registered.version}, schema ID ${registered.id}.`);
      location.hash = '#/schemas/' + encodeURIComponent(subject);
    },
  });
}

const COLUMNS = ['Subject', 'Latest version', 'Schema ID', 'Type', 'Compatibility'].map((label, i) => ({ label, num: i === 1 || i === 2 }));

export function create(root) {
  return listPage(root, {
    title: 'Schema Registry',
    subtitle: 'Subjects, their versions and the compatibility rules new versions must meet.',
    words: { many: 'subjects', one: 'subject', failure: 'Cannot list the subjects' },
    controls: [h('button.primary.admin', { type: 'button', onclick: registerSubject }, 'Register schema')],
    columns: COLUMNS,
    tableClass: 'subjects',
    load: (search) => api(`/schemas/subjects?search=${encodeURIComponent(search)}`),
    empty: ['No schemas yet', 'Register one here, or send Avro sales with "tillstream generate".'],
    row: (s) => h('tr', { dataset: { subject: s.subject } },
      h('td', {}, h('a', { href: '#/schemas/' + encodeURIComponent(s.subject) }, s.subject)),
      h('td.num', {}, s.latestVersion), h('td.num', {}, s.id), h('td', {}, s.type),
      h('td', {}, levelBadge(s.compatibility, s.compatibilityInherited))),
  });
}
