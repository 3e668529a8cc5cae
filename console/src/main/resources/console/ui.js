// Small DOM and formatting helpers shared by the pages.

/** An element: h('div.card', {onclick}, child, ...); strings become text, never HTML. */
export function h(tag, attrs = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && key !== 'list' && key !== 'form') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function bytes(n) {
  if (n === null || n === undefined || n < 0) return '–';
  let i = 0;
  while (n >= 1024 && i < UNITS.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n.toFixed(0) : n.toFixed(n < 10 ? 1 : 0)) + ' ' + UNITS[i];
}

export function count(n) {
  if (n === null || n === undefined) return '–';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 });
}

/** An amount of money as the pipeline sums it, with two decimals. */
export function money(n) {
  if (n === null || n === undefined) return '–';
  return Number(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A large number in few characters, for chart axes: 1.2K, 3.4M. */
export function compact(n) {
  return Number(n).toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
}

export function time(ms) {
  return new Date(ms).toLocaleString('sv-SE', { hour12: false }).replace(' ', ' · ');
}

/** A figure in a page's row of stats; kind ('good', 'warn', 'bad') colours it, kpi names it for data-kpi. */
export function stat(label, value, { kind, title, kpi } = {}) {
  return h('div.stat' + (kind ? '.' + kind : ''), { dataset: kpi === undefined ? undefined : { kpi }, title },
    h('span.stat-label', {}, label), h('span.stat-value', {}, value));
}

/** A block that tells what is (not) here and what to do about it. */
export function state(kind, title, hint) {
  return h('div.state.' + kind, {}, h('strong', {}, title), hint ? h('p', {}, hint) : null);
}

export function toast(message, kind = 'ok') {
  const el = h('div.toast.' + kind, { role: 'status' }, message);
  document.getElementById('toasts').append(el);
  setTimeout(() => el.remove(), 5000);
}

/** A modal form; resolves when submit() resolves, stays open showing the error when it throws. */
export function dialog(title, body, { submitLabel = 'Save', danger = false, submit }) {
  const error = h('p.form-error', { role: 'alert' });
  const button = h('button.' + (danger ? 'danger' : 'primary'), { type: 'submit' }, submitLabel);
  const form = h('form.dialog-body', {}, body, error, h('div.actions',
    {}, h('button.ghost', { type: 'button', onclick: () => close() }, 'Cancel'), button));
  const modal = h('dialog.modal', { 'aria-label': title }, h('h2', {}, title), form);
  const close = () => { modal.close(); modal.remove(); };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      await submit(new FormData(form), form);
      close();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
  document.body.append(modal);
  modal.showModal();
  return modal;
}

export function field(label, input, hint) {
  return h('label.field', {}, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
}

/** How far back a chart reaches, in words: "15 minutes", "1 hour", "90 seconds". */
export function span(ms) {
  const [unit, size] = ms % 3600000 === 0 ? ['hour', 3600000] : ms % 60000 === 0 ? ['minute', 60000] : ['second', 1000];
  const n = Math.round(ms / size);
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A list page: a head with the title, a search box and the page's own controls, and a card with the table of what
 * load(search) answers, one row(item) each, or a state saying why there is none.
 * columns: [{ label, num }]; words: { many: 'topics', one: 'topic', failure: 'Cannot list the topics' };
 * empty: [title, hint] for a list with nothing in it yet. Returns { refresh } for the shell's polling.
 */
export function listPage(root, { title, subtitle, words, controls = [], columns, tableClass, load, row, empty }) {
  const search = h('input.search', { type: 'search', placeholder: 'Search ' + words.many, 'aria-label': 'Search ' + words.many });
  const body = h('div');
  root.replaceChildren(
    h('header.page-head', {}, h('div', {}, h('h1', {}, title), subtitle ? h('p.subtitle', {}, subtitle) : null),
      h('div.toolbar', {}, search, ...controls)),
    h('section.card.flush', {}, body));
  search.addEventListener('input', () => refresh());

  async function refresh() {
    let items;
    try {
      items = await load(search.value);
    } catch (e) {
      body.replaceChildren(state('error', words.failure, e.message));
      return;
    }
    if (items.length === 0) {
      body.replaceChildren(search.value
        ? state('empty', `No ${words.one} matches "${search.value}"`, 'Try another search.')
        : state('empty', ...empty));
      return;
    }
    body.replaceChildren(h('table.' + tableClass, {},
      h('thead', {}, h('tr', {}, columns.map((c) => h(c.num ? 'th.num' : 'th', {}, c.label)))),
      h('tbody', {}, items.map(row))));
  }
  return { refresh };
}
