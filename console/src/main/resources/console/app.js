// The shell: routes #/path to a page module, polls the page once a second, keeps the theme.
import { api } from './api.js';
import { state } from './ui.js';
import * as overview from './pages/overview.js';
import * as topics from './pages/topics.js';
import * as topic from './pages/topic.js';
import * as groups from './pages/groups.js';
import * as group from './pages/group.js';
import * as schemas from './pages/schemas.js';
import * as subject from './pages/subject.js';
import * as sales from './pages/sales.js';
import * as lake from './pages/lake.js';
import * as deadletters from './pages/deadletters.js';

const ROUTES = [
  { pattern: /^\/$/, page: overview, nav: 'overview' },
  { pattern: /^\/topics$/, page: topics, nav: 'topics' },
  { pattern: /^\/topics\/([^/]+)$/, page: topic, nav: 'topics' },
  { pattern: /^\/groups$/, page: groups, nav: 'groups' },
  { pattern: /^\/groups\/([^/]+)$/, page: group, nav: 'groups' },
  { pattern: /^\/schemas$/, page: schemas, nav: 'schemas' },
  { pattern: /^\/schemas\/([^/]+)$/, page: subject, nav: 'schemas' },
  { pattern: /^\/sales$/, page: sales, nav: 'sales' },
  { pattern: /^\/lake$/, page: lake, nav: 'lake' },
  { pattern: /^\/dead-letters$/, page: deadletters, nav: 'dead-letters' },
  { pattern: /^\/dead-letters\/([^/]+)$/, page: deadletters, nav: 'dead-letters' },
];

const POLL_MS = 1000;
const ALERTS_POLL_MS = 5000;
let current = null;

// The banners of the alerts the console evaluates itself (GET /alerts), on every page.
async function showAlerts() {
  try {
    const { alerts } = await api('/alerts');
    document.getElementById('alerts').replaceChildren(...alerts.map((alert) => {
      const banner = document.createElement('div');
      banner.className = 'alert-banner';
      banner.dataset.alert = alert.name;
      const name = document.createElement('strong');
      name.textContent = alert.name;
      banner.append(name, alert.message);
      return banner;
    }));
  } catch (e) {
    // The page itself reports an unreachable console; the banners keep what they last showed.
  }
  setTimeout(showAlerts, ALERTS_POLL_MS);
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('tillstream-theme', theme);
}

async function route(info) {
  if (current) current.leave();
  const path = location.hash.replace(/^#/, '') || '/';
  const match = ROUTES.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', match && a.dataset.nav === match.r.nav));
  const root = document.getElementById('page');
  if (!match) {
    root.replaceChildren(state('empty', 'No such page', 'Pick a page on the left.'));
    return;
  }
  const page = match.r.page.create(root, { info, params: match.m.slice(1).map(decodeURIComponent) });
  let timer = null;
  let stopped = false;
  const tick = async () => {
    await page.refresh();
    if (!stopped) timer = setTimeout(tick, POLL_MS);
  };
  current = { leave: () => { stopped = true; clearTimeout(timer); } };
  tick();
}

async function start() {
  applyTheme(localStorage.getItem('tillstream-theme')
    || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  document.getElementById('theme').addEventListener('click', () =>
    applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'));
  let info;
  try {
    info = await api('/info');
  } catch (e) {
    document.getElementById('page').replaceChildren(state('error', 'The console cannot start', e.message));
    return;
  }
  document.body.classList.toggle('read-only', info.readOnly);
  document.getElementById('mode').hidden = !info.readOnly;
  document.querySelector('[data-nav=sales]').hidden = !info.salesApi;
  window.addEventListener('hashchange', () => route(info));
  route(info);
  showAlerts();
}

start();
