// ACLs: the cluster's access control lists by principal or by resource, and creating and deleting them.
import { api } from '../api.js';
import { h, count, dialog, field, state, toast } from '../ui.js';

const RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER'];
const OPERATIONS = ['ALL', 'READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'CREATE_TOKENS', 'DESCRIBE_TOKENS', 'TWO_PHASE_COMMIT'];
const FIELDS = ['principal', 'host', 'operation', 'permission', 'resourceType', 'resourceName', 'patternType'];

function select(name, values, selected) {
  return h('select', { name }, values.map((v) => h('option', { value: v, selected: v === selected }, v)));
}

function createAcl(onDone) {
  const type = select('resourceType', RESOURCE_TYPES, 'TOPIC');
  const name = h('input', { name: 'resourceName', required: true, placeholder: 'raw_data, or * for every one' });
  type.addEventListener('change', () => {
    if (type.value === 'CLUSTER') name.value = 'kafka-cluster';
  });
  dialog('Create ACL', [
    field('Principal', h('input', { name: 'principal', required: true, autofocus: true, placeholder: 'User:vic' }),
      'Type:name, as Kafka names who signed in: User:<SCRAM user name>.'),
    h('div.row', {}, field('Permission', select('permission', ['ALLOW', 'DENY'], 'ALLOW')),
      field('Operation', select('operation', OPERATIONS, 'READ'))),
    h('div.row', {}, field('Resource type', type), field('Pattern', select('patternType', ['LITERAL', 'PREFIXED'], 'LITERAL'))),
    field('Resource name', name, 'PREFIXED matches every name starting with it; a DENY wins over any ALLOW.'),
    field('Host', h('input', { name: 'host', value: '*' }), '* for any host.'),
  ], {
    submitLabel: 'Create',
    submit: async (data) => {
      const acl = Object.fromEntries(FIELDS.map((f) => [f, (data.get(f) || '').trim()]));
      await api('/acls', { method: 'POST', body: acl });
      toast(`ACL for ${acl.principal} created.`);
      onDone();
    },
  });
}

function deleteAcl(acl, onDone) {
  dialog('Delete ACL', [
    h('p', {}, `${acl.permission} ${acl.principal} ${acl.operation} on ${acl.resourceType.toLowerCase()} `,
      h('span.mono', {}, acl.resourceName), acl.patternType === 'PREFIXED' ? ' (prefix)' : '', ` from ${acl.host}.`),
    field(`Type ${acl.principal} to confirm`, h('input', { name: 'confirm', required: true, autocomplete: 'off' })),
  ], {
    submitLabel: 'Delete ACL',
    danger: true,
    submit: async (data) => {
      const query = new URLSearchParams(Object.fromEntries(FIELDS.map((f) => [f, acl[f]])));
      query.set('confirm', data.get('confirm'));
      await api(`/acls?${query}`, { method: 'DELETE' });
      toast(`ACL for ${acl.principal} deleted.`);
      onDone();
    },
  });
}

function resourceLabel(acl) {
  return `${acl.resourceType}:${acl.resourceName}${acl.patternType === 'PREFIXED' ? ' (prefix)' : ''}`;
}

function aclTable(acls, groupBy, onDone) {
  const key = groupBy === 'resource' ? resourceLabel : (a) => a.principal;
  const groups = new Map();
  acls.forEach((a) => (groups.get(key(a)) || groups.set(key(a), []).get(key(a))).push(a));
  const other = groupBy === 'resource' ? 'Principal' : 'Resource';
  return h('table.acls', {},
    h('thead', {}, h('tr', {}, [other, 'Permission', 'Operation', 'Host', ''].map((c) => h('th', {}, c)))),
    [...groups.entries()].map(([name, members]) => h('tbody', { dataset: { group: name } },
      h('tr.group-row', {}, h('td', { colSpan: 5 }, h('strong.mono', {}, name), h('span.badge', {}, count(members.length)))),
      members.map((a) => h('tr', { dataset: { acl: FIELDS.map((f) => a[f]).join('|') } },
        h('td.mono', {}, groupBy === 'resource' ? a.principal : resourceLabel(a)),
        h('td', {}, h('span.badge.' + (a.permission === 'DENY' ? 'bad' : 'good'), {}, a.permission)),
        h('td', {}, a.operation), h('td.mono', {}, a.host),
        h('td.num', {}, h('button.danger.admin', { type: 'button', onclick: () => deleteAcl(a, onDone) }, 'Delete')))))));
}

export function create(root) {
  const principal = h('input.search', { type: 'search', placeholder: 'Principal, e.g. User:vic', 'aria-label': 'Principal' });
  const resourceType = h('select', { name: 'resourceType' }, h('option', { value: '' }, 'any resource type'),
    RESOURCE_TYPES.map((v) => h('option', { value: v }, v)));
  resourceType.setAttribute('aria-label', 'Resource type');
  const resourceName = h('input.search', { type: 'search', placeholder: 'Applies to resource', 'aria-label': 'Resource name' });
  const groupBy = h('select', { 'aria-label': 'Group by' },
    h('option', { value: 'principal' }, 'by principal'), h('option', { value: 'resource' }, 'by resource'));
  const createButton = h('button.primary.admin', { type: 'button', onclick: () => createAcl(refresh) }, 'Create ACL');
  const subtitle = h('p.subtitle', {}, 'Who may do what in Kafka');
  const body = h('div');
  const toolbar = h('div.toolbar', {}, principal, resourceType, resourceName, groupBy, createButton);
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('h1', {}, 'ACLs'), subtitle), toolbar),
    h('section.card.flush', {}, body));
  [principal, resourceName].forEach((input) => input.addEventListener('input', () => refresh()));
  [resourceType, groupBy].forEach((input) => input.addEventListener('change', () => refresh()));

  async function refresh() {
    const query = new URLSearchParams({ principal: principal.value.trim(), resourceType: resourceType.value,
      resourceName: resourceName.value.trim() });
    let list;
    try {
      list = await api(`/acls?${query}`);
    } catch (e) {
      body.replaceChildren(state('error', 'Cannot list the ACLs', e.message));
      return;
    }
    toolbar.hidden = !list.authorizer;
    if (!list.authorizer) {
      subtitle.textContent = 'No authorizer';
      body.replaceChildren(state('empty', 'This cluster has no authorizer', list.message));
      return;
    }
    const n = list.acls.length;
    subtitle.textContent = `${count(n)} ${n === 1 ? 'ACL' : 'ACLs'}${principal.value || resourceType.value || resourceName.value
      ? (n === 1 ? ' matches' : ' match') : ''}`;
    body.replaceChildren(list.acls.length === 0
      ? state('empty', 'No ACL matches', 'Create one, or clear the filters.')
      : aclTable(list.acls, groupBy.value, refresh));
  }
  return { refresh };
}
