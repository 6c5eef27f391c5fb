// Incidents inbox: open incidents newest first, filters, acknowledge and resolve for operators, live updates.
import { ApiError, get, post, stream } from '../api.js';
import { ago, h, link, statusBadge, time, toast } from '../dom.js';

const TYPES = ['', 'STUCK', 'DEADLINE', 'OUT_OF_ORDER', 'UNEXPECTED', 'UNCORRELATED', 'FAILED'];
const STATUSES = ['OPEN,ACKNOWLEDGED', 'OPEN', 'ACKNOWLEDGED', 'RESOLVED', ''];
const LABELS = { 'OPEN,ACKNOWLEDGED': 'unresolved', '': 'any' };

export async function incidentsView(view, params, signal) {
  const processes = await get('/api/processes').catch(() => []);
  const query = new URLSearchParams(location.search);
  const filters = { status: query.get('status') ?? 'OPEN,ACKNOWLEDGED', type: query.get('type') || '', process: query.get('process') || '' };
  const select = (name, options, label) => h('label', {}, label,
    h('select', { name, onchange: (e) => { filters[name] = e.target.value; load(); } },
      options.map((o) => h('option', { value: o, selected: filters[name] === o }, LABELS[o] ?? o))));
  const rows = h('tbody');
  const more = h('button', { class: 'ghost', hidden: true }, 'More');
  let next = null;
  view.replaceChildren(h('section', { class: 'page' },
    h('h1', {}, 'Incidents'),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
      select('status', STATUSES, 'status '), select('type', TYPES, 'type '),
      select('process', ['', ...processes.map((p) => p.id)], 'process ')),
    h('table', { class: 'grid incidents-table' },
      h('thead', {}, h('tr', {}, ['opened', 'type', 'status', 'process', 'trace', 'message', ''].map((c) => h('th', {}, c)))),
      rows),
    more));

  const row = (i) => {
    const act = (action) => async (e) => {
      e.target.disabled = true;
      try {
        const updated = await post(`/api/incidents/${encodeURIComponent(i.id)}/${action}`);
        // the live stream may have replaced the row meanwhile: replace whichever row shows the incident now
        const current = rows.querySelector(`tr[data-incident="${CSS.escape(i.id)}"]`);
        if (current) rows.replaceChild(row(updated), current);
        toast(`${i.type} ${action === 'acknowledge' ? 'acknowledged' : 'resolved'}`);
      } catch (err) {
        e.target.disabled = false;
        toast(err instanceof ApiError && err.status === 403 ? 'Only operators can do that: use an operator API key.' : err.message);
      }
    };
    const tr = h('tr', { 'data-incident': i.id, class: String(i.status).toLowerCase() },
      h('td', { title: time(i.openedAt) }, ago(i.openedAt)),
      h('td', {}, i.type),
      h('td', {}, statusBadge(i.status)),
      h('td', {}, link(`/processes/${encodeURIComponent(i.process)}`, i.process)),
      h('td', {}, i.traceId ? link(`/traces/${encodeURIComponent(i.traceId)}`, i.traceId) : h('span', { class: 'muted' }, `${i.count}×`)),
      h('td', { class: 'message' }, i.message || ''),
      h('td', { class: 'actions' },
        i.status === 'OPEN' ? h('button', { 'data-action': 'acknowledge', onclick: act('acknowledge') }, 'Acknowledge') : null,
        i.status !== 'RESOLVED' ? h('button', { class: 'ghost', 'data-action': 'resolve', onclick: act('resolve') }, 'Resolve') : null));
    return tr;
  };

  const load = async (append = false) => {
    const page = await get('/api/incidents', { ...filters, size: 50, cursor: append ? next : undefined });
    if (!append) rows.replaceChildren();
    page.items.forEach((i) => rows.appendChild(row(i)));
    next = page.next;
    more.hidden = !next;
    if (!append) {
      const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
      history.replaceState({}, '', `/incidents${q.toString() ? `?${q}` : ''}`);
    }
  };
  more.addEventListener('click', () => load(true));
  await load();

  stream({ process: filters.process }, (name, data) => {
    if (name === 'missed') {
      load().catch(() => {}); // the stream lost some changes while reconnecting: read the page again
      return;
    }
    if (name !== 'incident') return;
    const incident = data.data || data;
    const existing = rows.querySelector(`tr[data-incident="${CSS.escape(incident.id)}"]`);
    const matches = (!filters.status || filters.status.split(',').includes(incident.status)) && (!filters.type || incident.type === filters.type)
      && (!filters.process || incident.process === filters.process);
    if (existing) {
      if (matches) rows.replaceChild(row(incident), existing);
      else existing.remove();
    } else if (matches) {
      rows.insertBefore(row(incident), rows.firstChild);
    }
  }, signal);
}
