// Consumer groups: the list with state, members, topics and total lag, and a search.
import { api } from '../api.js';
import { h, count, state } from '../ui.js';

const REBALANCING = ['PREPARING_REBALANCE', 'COMPLETING_REBALANCE', 'ASSIGNING', 'RECONCILING'];
const SHOWN_TOPICS = 3;

/** A group's state as a badge: stable green, rebalancing amber, dead red, the rest plain. */
export function stateBadge(groupState) {
  const kind = groupState === 'STABLE' ? '.good' : REBALANCING.includes(groupState) ? '.warn' : groupState === 'DEAD' ? '.bad' : '';
  return h('span.badge' + kind, {}, groupState.toLowerCase().replace(/_/g, ' '));
}

/** classic or consumer (the rebalance protocol), and "offsets only" for a group that never joins. */
export function typeLabel(type, simple) {
  return simple ? [type, h('span.badge', { title: 'Its consumers assign partitions themselves and only commit offsets.' }, 'offsets only')] : type;
}

function topicLinks(topics) {
  if (!topics.length) return h('span.muted', {}, 'none');
  const links = topics.slice(0, SHOWN_TOPICS).flatMap((t, i) => [i ? ', ' : '', h('a', { href: '#/topics/' + encodeURIComponent(t) }, t)]);
  return h('span', { title: topics.join(', ') }, links, topics.length > SHOWN_TOPICS ? ` +${topics.length - SHOWN_TOPICS}` : '');
}

export function create(root) {
  const search = h('input.search', { type: 'search', placeholder: 'Search groups', 'aria-label': 'Search groups' });
  const body = h('div');
  root.replaceChildren(
    h('header.page-head', {},
      h('div', {}, h('h1', {}, 'Consumer groups'),
        h('p.subtitle', {}, 'Lag is what a group has yet to read: the end of each partition minus its committed offset.')),
      h('div.toolbar', {}, search)),
    h('section.card.flush', {}, body));
  search.addEventListener('input', () => refresh());

  async function refresh() {
    let groups;
    try {
      groups = await api('/groups?search=' + encodeURIComponent(search.value));
    } catch (e) {
      body.replaceChildren(state('error', 'Cannot list the consumer groups', e.message));
      return;
    }
    if (groups.length === 0) {
      body.replaceChildren(search.value
        ? state('empty', `No group matches "${search.value}"`, 'Try another search.')
        : state('empty', 'No consumer groups yet', 'A group appears when its first consumer joins or commits, for example "tillstream consume" or the sales pipeline.'));
      return;
    }
    body.replaceChildren(h('table.groups', {},
      h('thead', {}, h('tr', {}, ['Group', 'State', 'Type', 'Members', 'Topics', 'Lag'].map((c, i) => h(i === 3 || i === 5 ? 'th.num' : 'th', {}, c)))),
      h('tbody', {}, groups.map((g) => h('tr', { dataset: { group: g.groupId } },
        h('td', {}, h('a', { href: '#/groups/' + encodeURIComponent(g.groupId) }, g.groupId)),
        h('td', {}, stateBadge(g.state)),
        h('td', {}, typeLabel(g.type, g.protocol === '')),
        h('td.num', {}, count(g.members)),
        h('td', {}, topicLinks(g.topics)),
        h('td.num.lag', {}, count(g.totalLag)))))));
  }
  return { refresh };
}
