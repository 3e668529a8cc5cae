// The shell: routes #/path to a page module, polls the page once a second, keeps the theme and the chosen cluster.
import { api, useCluster } from './api.js';
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
];

const POLL_MS = 1000;
const ALERTS_POLL_MS = 5000;
let current = null;
let info = null;

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

async function route() {
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

// What the cluster's info decides: the admin actions shown, the read-only badge, the Sales page.
async function loadInfo() {
  info = await api('/info');
  document.body.classList.toggle('read-only', info.readOnly);
  document.getElementById('mode').hidden = !info.readOnly;
  document.querySelector('[data-nav=sales]').hidden = !info.salesApi;
}

// With several clusters, the sidebar's switcher picks the one every call goes to; the choice is kept across visits.
function showClusters(clusters) {
  if (clusters.length < 2) return;
  const kept = localStorage.getItem('tillstream-cluster');
  const chosen = clusters.some((c) => c.name === kept) ? kept : clusters[0].name;
  const select = document.getElementById('cluster');
  select.replaceChildren(...clusters.map((c) => {
    const option = document.createElement('option');
    option.value = c.name;
    option.textContent = c.name + (c.readOnly ? ' (read-only)' : '');
    option.title = c.bootstrapServers.join(',');
    return option;
  }));
  select.value = chosen;
  select.closest('.cluster-switch').hidden = false;
  useCluster(chosen);
  select.addEventListener('change', async () => {
    localStorage.setItem('tillstream-cluster', select.value);
    useCluster(select.value);
    await loadInfo();
    // A topic, group or subject of one cluster is not the other's: go to the list it belongs to.
    const section = document.querySelector('[data-nav].active');
    const list = section ? section.getAttribute('href') : '#/';
    if (location.hash === list) route();
    else location.hash = list;
  });
}

async function start() {
  applyTheme(localStorage.getItem('tillstream-theme')
    || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  document.getElementById('theme').addEventListener('click', () =>
    applyTheme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'));
  try {
    showClusters(await api('/clusters', { consoleWide: true }));
    await loadInfo();
  } catch (e) {
    document.getElementById('page').replaceChildren(state('error', 'The console cannot start', e.message));
    return;
  }
  window.addEventListener('hashchange', () => route());
  route();
  showAlerts();
}

start();
