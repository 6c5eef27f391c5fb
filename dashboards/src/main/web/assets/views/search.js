// Search: /traces?q=<value> looks the value up as a trace id, business key value, Kafka record key or event id
// (GET /api/search). One trace found opens its trace view in place; several are listed; none says so.
import { get } from '../api.js';
import { h, link, statusBadge } from '../dom.js';
import { traceView } from './trace.js';

export async function searchView(view, params, signal) {
  const q = new URLSearchParams(location.search).get('q');
  if (!q || !q.trim()) return traceView(view, [], signal);
  const input = document.getElementById('trace-input');
  input.value = q;
  view.replaceChildren(h('section', { class: 'empty' }, h('p', {}, `Searching for ${q} …`)));
  const result = await get('/api/search', { q });
  if (signal.aborted) return undefined;
  const traces = [...new Set(result.items.map((i) => i.traceId))];
  if (traces.length === 1) {
    history.replaceState({}, '', `/traces/${encodeURIComponent(traces[0])}`);
    return traceView(view, [traces[0]], signal);
  }
  if (!traces.length) {
    view.replaceChildren(h('section', { class: 'empty search-none' }, h('h1', {}, 'Nothing found'),
      h('p', {}, 'No trace id, business key value, record key or event id equals ', h('code', {}, q), '.'),
      h('p', {}, link(`/traces/${encodeURIComponent(q)}`, 'Open the trace view for this id anyway'),
        ' (it shows the trace live once events arrive).')));
    return undefined;
  }
  view.replaceChildren(h('section', { class: 'page search-results' },
    h('h1', {}, 'Search ', h('code', {}, q)),
    h('div', { class: 'muted' }, `${traces.length} traces, ${result.items.length} items`,
      result.truncated ? ' · more matched than are shown: search for something more specific' : ''),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['trace', 'process', 'status', 'matched on'].map((c) => h('th', {}, c)))),
      h('tbody', {}, result.items.map((i) => h('tr', { class: 'search-item', 'data-trace': i.traceId },
        h('td', {}, link(`/traces/${encodeURIComponent(i.traceId)}`, i.traceId)),
        h('td', {}, i.process ? link(`/processes/${encodeURIComponent(i.process)}`, i.process) : h('span', { class: 'muted' }, 'no instance')),
        h('td', {}, i.status ? statusBadge(i.status) : ''),
        h('td', {}, matchedOn(i.matchedOn))))))));
  return undefined;
}

function matchedOn(m) {
  if (m === 'traceId') return 'trace id';
  if (m === 'recordKey') return 'record key';
  if (m === 'eventId') return 'event id';
  if (m && m.startsWith('key:')) return `key ${m.slice(4)}`;
  return m || '';
}
