// One subject: its versions and schemas, a diff between two versions, the compatibility level, and a checked registration.
import { api } from '../api.js';
import { h, stat, state, toast } from '../ui.js';

const LEVELS = {
  NONE: 'No check: any schema is accepted.',
  BACKWARD: 'The new schema reads what the latest version wrote.',
  BACKWARD_TRANSITIVE: 'The new schema reads what every earlier version wrote.',
  FORWARD: 'The latest version reads what the new schema writes.',
  FORWARD_TRANSITIVE: 'Every earlier version reads what the new schema writes.',
  FULL: 'Backward and forward compatible with the latest version.',
  FULL_TRANSITIVE: 'Backward and forward compatible with every earlier version.',
};
const CONTEXT = 3;

function versionSelect(label, onchange) {
  return h('select', { 'aria-label': label, onchange });
}

function setVersions(select, versions, chosen) {
  select.replaceChildren(...versions.map((v) => h('option', { value: v, selected: v === chosen }, `Version ${v}`)));
}

/** Diff rows with long unchanged runs folded to CONTEXT lines around each change; a fold opens on click. */
function diffRows(lines) {
  const row = (l) => h('tr.' + l.kind, {}, h('td.ln', {}, l.from ?? ''), h('td.ln', {}, l.to ?? ''),
    h('td.sign', {}, l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ''), h('td.code', {}, l.text));
  const changed = lines.map((l) => l.kind !== 'same');
  const near = (i) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean);
  const rows = [];
  for (let i = 0; i < lines.length;) {
    if (near(i)) {
      rows.push(row(lines[i++]));
      continue;
    }
    const start = i;
    while (i < lines.length && !near(i)) i++;
    const hidden = lines.slice(start, i).map(row);
    if (hidden.length < 3) {
      rows.push(...hidden); // a fold would take as much room as the lines it hides
      continue;
    }
    const fold = h('tr.fold', {}, h('td', { colSpan: 4 }, h('button.link', { type: 'button',
      onclick: () => fold.replaceWith(...hidden) }, `⋯ ${hidden.length} unchanged lines`)));
    rows.push(fold);
  }
  return rows;
}

function compatibilityEditor(subject, onDone) {
  const select = h('select', { 'aria-label': 'Compatibility level', name: 'compatibility' });
  const hint = h('p.muted.level-hint');
  const save = h('button.primary.admin', { type: 'button' }, 'Save');
  let shown = null;
  const describe = () => {
    hint.textContent = select.value ? LEVELS[select.value] : 'Follows the registry\'s global level.';
    save.disabled = select.value === shown;
  };
  select.addEventListener('change', describe);
  save.addEventListener('click', async () => {
    save.disabled = true;
    const path = `/schemas/subjects/${encodeURIComponent(subject)}/compatibility`;
    try {
      const changed = select.value
        ? await api(path, { method: 'PUT', body: { compatibility: select.value } })
        : await api(path, { method: 'DELETE' });
      toast(`${subject} is checked at ${changed.compatibility}${changed.compatibilityInherited ? ' (global)' : ''}.`);
      shown = null;
      onDone();
    } catch (e) {
      toast(e.message, 'bad');
      describe();
    }
  });
  return {
    element: h('div.level-editor', {}, h('div.toolbar', {}, select, save), hint),
    show(detail, readOnly) {
      const value = detail.compatibilityInherited ? '' : detail.compatibility;
      if (value === shown && select.options.length) return;
      shown = value;
      select.replaceChildren(h('option', { value: '' }, `Global default (${detail.globalCompatibility})`),
        ...Object.keys(LEVELS).map((l) => h('option', { value: l }, l)));
      select.value = value;
      select.disabled = readOnly;
      describe();
    },
  };
}

function registrationEditor(subject, onRegistered) {
  const editor = h('textarea.code', { name: 'schema', rows: 14, spellcheck: false, 'aria-label': 'Proposed schema' });
  const verdict = h('div.verdict', { role: 'status' });
  const check = h('button', { type: 'button' }, 'Check compatibility');
  const register = h('button.primary', { type: 'button', disabled: true }, 'Register');
  const path = `/schemas/subjects/${encodeURIComponent(subject)}`;
  // A new version keeps the latest one's type and references; the registry resolves them again.
  let kind = { schemaType: 'AVRO', references: [] };
  const proposal = () => ({ schema: editor.value, ...kind });
  const failed = (title, e) => verdict.replaceChildren(h('div.verdict-box.bad', {}, h('strong', {}, title), h('p', {}, e.message)));
  editor.addEventListener('input', () => { register.disabled = true; verdict.replaceChildren(); });
  check.addEventListener('click', async () => {
    check.disabled = true;
    try {
      const v = await api(path + '/check', { method: 'POST', body: proposal() });
      register.disabled = !v.compatible;
      verdict.replaceChildren(v.compatible
        ? h('div.verdict-box.good', {}, h('strong', {}, `Compatible under ${v.compatibility}`), h('p', {}, 'Register it as the next version.'))
        : h('div.verdict-box.bad', {}, h('strong', {}, `Not ${v.compatibility} compatible` + (v.version ? ` with version ${v.version}` : '')),
          h('ul', {}, v.reasons.map((r) => h('li', {}, r)))));
    } catch (e) {
      failed(e.status === 422 ? 'Not a valid schema' : 'Cannot check the schema', e);
    } finally {
      check.disabled = false;
    }
  });
  register.addEventListener('click', async () => {
    register.disabled = true;
    try {
      const r = await api(path + '/versions', { method: 'POST', body: proposal() });
      toast(r.created ? `Registered as version ${r.version}, schema ID ${r.id}.` : `Already registered as version ${r.version}.`);
      verdict.replaceChildren();
      onRegistered();
    } catch (e) {
      failed('Not registered', e);
    }
  });
  return {
    element: h('section.card.admin', {}, h('h2', {}, 'Register a new version'),
      h('p.muted', {}, 'Edit the schema, check it against the subject\'s compatibility level, then register it.'),
      editor, h('div.toolbar.editor-actions', {}, check, register), verdict),
    /** Starts from the latest schema, once, unless the user has typed already, and takes its type and references. */
    prefill(version) {
      kind = { schemaType: version.type, references: version.references };
      if (!editor.value) editor.value = version.schema;
    },
  };
}

export function create(root, { info, params: [subject] }) {
  const path = `/schemas/subjects/${encodeURIComponent(subject)}`;
  const stats = h('div.stats');
  const schemaMeta = h('span.muted');
  const schemaText = h('pre.schema-text');
  const diffSummary = h('span.muted');
  const diffBody = h('div');
  let detail = null;
  let chosen = null; // the version shown; null follows the latest
  let shownVersion = null;

  const show = versionSelect('Version', () => { chosen = Number(show.value); loadVersion(); });
  const from = versionSelect('From version', () => loadDiff());
  const to = versionSelect('To version', () => loadDiff());
  const pickers = h('div.toolbar', {}, diffSummary, from, h('span.muted', {}, '→'), to);
  const compatibility = compatibilityEditor(subject, () => refresh());
  const registration = registrationEditor(subject, () => { chosen = null; refresh(); });
  const content = h('div', {},
    stats,
    h('section.card', {}, h('div.section-head', {}, h('h2', {}, 'Schema'), h('div.toolbar', {}, schemaMeta, show)), schemaText),
    h('section.card', {}, h('div.section-head', {}, h('h2', {}, 'Compare versions'), pickers), diffBody),
    h('section.card', {}, h('h2', {}, 'Compatibility level'), compatibility.element),
    registration.element);
  const problem = h('div');
  root.replaceChildren(h('header.page-head', {}, h('div', {}, h('a.back', { href: '#/schemas' }, '← Schema Registry'),
    h('h1', {}, subject))), problem, content);

  async function loadVersion() {
    const version = chosen ?? detail.versions[detail.versions.length - 1];
    try {
      const v = await api(`${path}/versions/${version}`);
      shownVersion = version;
      schemaMeta.textContent = `schema ID ${v.id} · ${v.type}` + (v.references.length ? ` · ${v.references.length} references` : '');
      schemaText.textContent = v.schema;
      if (version === detail.versions[detail.versions.length - 1]) registration.prefill(v);
    } catch (e) {
      schemaText.replaceChildren(state('error', `Cannot read version ${version}`, e.message));
    }
  }

  async function loadDiff() {
    if (from.value === to.value) {
      diffSummary.textContent = '';
      diffBody.replaceChildren(state('empty', detail.versions.length < 2 ? 'Only one version' : 'The same version on both sides',
        detail.versions.length < 2 ? 'Register a second version to compare it with this one.' : 'Pick two different versions.'));
      return;
    }
    try {
      const d = await api(`${path}/diff?from=${from.value}&to=${to.value}`);
      diffSummary.replaceChildren(h('span.badge.good', {}, `+${d.added}`), h('span.badge.bad', {}, `−${d.removed}`));
      diffBody.replaceChildren(d.added + d.removed === 0
        ? state('empty', 'No differences', `Versions ${d.from.version} and ${d.to.version} have the same schema.`)
        : h('table.diff', {}, h('tbody', {}, diffRows(d.lines))));
    } catch (e) {
      diffBody.replaceChildren(state('error', 'Cannot compare the versions', e.message));
    }
  }

  async function refresh() {
    let next;
    try {
      next = await api(path);
    } catch (e) {
      content.hidden = true;
      problem.replaceChildren(state('error', e.status === 404 ? `There is no subject ${subject}` : 'Cannot read the subject',
        e.status === 404 ? 'It may have been deleted. Go back to Schema Registry.' : e.message));
      return;
    }
    content.hidden = false;
    problem.replaceChildren();
    const first = !detail;
    const changed = first || detail.versions.join() !== next.versions.join();
    detail = next;
    const versions = detail.versions;
    const latest = versions[versions.length - 1];
    stats.replaceChildren(...[['Versions', versions.length], ['Latest version', latest],
      ['Compatibility', h('span', {}, detail.compatibility, detail.compatibilityInherited ? h('small.muted', {}, ' global') : null)]]
      .map(([l, v]) => stat(l, v)));
    compatibility.show(detail, info.readOnly);
    if (changed) {
      if (chosen !== null && !versions.includes(chosen)) chosen = null;
      setVersions(show, versions, chosen ?? latest);
      const keepFrom = !first && versions.includes(Number(from.value)) ? Number(from.value) : versions[Math.max(0, versions.length - 2)];
      setVersions(from, versions, keepFrom);
      setVersions(to, versions, latest);
      pickers.hidden = versions.length < 2;
      loadDiff();
    }
    if ((chosen ?? latest) !== shownVersion) await loadVersion();
  }
  return { refresh };
}
