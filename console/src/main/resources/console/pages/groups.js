// Consumer groups: the list with state, members, topics and total lag, and a search.
import { api } from '../api.js';
import { h, count, listPage } from '../ui.js';

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

const COLUMNS = ['Group', 'State', 'Type', 'Members', 'Topics', 'Lag'].map((label, i) => ({ label, num: i === 3 || i === 5 }));

export function create(root) {
  return listPage(root, {
    title: 'Consumer groups',
    subtitle: 'Lag is what a group has yet to read: the end of each partition minus its committed offset.',
    words: { many: 'groups', one: 'group', failure: 'Cannot list the consumer groups' },
    columns: COLUMNS,
    tableClass: 'groups',
    load: (search) => api('/groups?search=' + encodeURIComponent(search)),
    empty: ['No consumer groups yet', 'A group appears when its first consumer joins or commits, for example "tillstream consume" or the sales pipeline.'],
    row: (g) => h('tr', { dataset: { group: g.groupId } },
      h('td', {}, h('a', { href: '#/groups/' + encodeURIComponent(g.groupId) }, g.groupId)),
      h('td', {}, stateBadge(g.state)),
      h('td', {}, typeLabel(g.type, g.protocol === '')),
      h('td.num', {}, count(g.members)),
      h('td', {}, topicLinks(g.topics)),
      h('td.num.lag', {}, count(g.totalLag))),
  });
}
