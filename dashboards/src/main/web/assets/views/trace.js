// Trace view: everything that happened to one trace id: the events across topics on a timeline (payload on
// expand), each instance's path on its process graph, what it waits for, and its incidents. Live.
import { ApiError, get, stream } from '../api.js';
import { ago, h, link, statusBadge, time } from '../dom.js';
import { renderGraph } from '../graph.js';

export async function traceView(view, [traceId], signal) {
  const input = document.getElementById('trace-input');
  if (!traceId) {
    view.replaceChildren(h('section', { class: 'empty' }, h('h1', {}, 'Find a trace'),
      h('p', {}, 'Paste a trace id (or the business key the services correlate on) in the search box.')));
    input.focus();
    return;
  }
  input.value = traceId;
  const config = await get('/api/ui/config').catch(() => ({}));
  // What the page shows: the trace from the API, updated by the live stream. Instance and incident messages
  // carry the whole state, so they are applied as they come (the search index lags them by a second or two).
  let trace = null;
  const instances = new Map();
  const incidents = new Map();
  const load = async () => {
    try {
      trace = await get(`/api/traces/${encodeURIComponent(traceId)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        trace = null;
        return;
      }
      throw e;
    }
    for (const i of trace.instances || []) keepNewer(instances, i);
    for (const i of trace.incidents || []) if (!incidents.has(i.id)) incidents.set(i.id, i);
  };
  // Renders overlap (each awaits its process graphs): only the latest one started may show what it built.
  let renders = 0;
  const render = async () => {
    const mine = ++renders;
    if (!trace && !instances.size) {
      view.replaceChildren(h('section', { class: 'empty' }, h('h1', {}, 'Nothing known'),
        h('p', {}, `No event, instance or incident is known for trace id ${traceId}.`)));
      return;
    }
    const events = trace?.events || [];
    const tracing = config.tracingUrlTemplate
      ? h('a', { class: 'external', href: config.tracingUrlTemplate.replace('{traceId}', encodeURIComponent(traceId)), target: '_blank', rel: 'noopener' }, 'Open in tracing')
      : null;
    const allIncidents = [...incidents.values()];
    const blocks = await Promise.all([...instances.values()].map((i) =>
      instanceBlock({ ...i, incidents: allIncidents.filter((x) => x.process === i.process) })));
    if (signal.aborted || mine !== renders) return;
    view.replaceChildren(h('section', { class: 'page' },
      h('h1', {}, 'Trace ', h('code', {}, traceId)),
      h('div', { class: 'muted' }, `${events.length} events on ${new Set(events.map((e) => e.topic)).size} topics`, tracing ? ' · ' : '', tracing),
      ...blocks,
      incidentsBlock(allIncidents),
      timeline(events)));
  };
  await load();
  await render();
  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(() => load().then(render).catch(() => {}), 300);
  };
  // states: the stream first sends the instance changes and incidents it still keeps for this trace, those the
  // index may not have caught up with when the page read it
  stream({ traceId, states: 'true' }, (name, data) => {
    if (name === 'instance') {
      if (keepNewer(instances, data)) render().catch(() => {});
    } else if (name === 'incident') {
      const incident = data.data || data;
      incidents.set(incident.id, incident);
      render().catch(() => {});
    } else {
      refresh();
    }
  }, signal);
  // Matched events whose instance is not indexed yet: look again for a little while.
  for (let tries = 0; tries < 10 && !signal.aborted; tries++) {
    const processes = new Set((trace?.events || []).flatMap((e) => (e.matches || []).filter((m) => m.traceId).map((m) => m.process)));
    if ([...processes].every((p) => instances.has(p))) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!signal.aborted) await load().then(render).catch(() => {});
  }
}

/** Keeps an instance's state unless the one held is newer; true when it was kept. */
function keepNewer(instances, instance) {
  const held = instances.get(instance.process);
  if (held && millis(held.updatedAt) > millis(instance.updatedAt)) return false;
  instances.set(instance.process, instance);
  return true;
}

function millis(at) {
  const t = Date.parse(at || '');
  return Number.isNaN(t) ? -Infinity : t;
}

async function instanceBlock(instance) {
  const graph = h('div', { class: 'graph-box small' });
  const process = await get(`/api/processes/${encodeURIComponent(instance.process)}`).catch(() => null);
  const waiting = new Map((instance.waitingFor || []).map((w) => [w.step, w]));
  const stuckSteps = new Set((instance.incidents || []).filter((i) => i.type === 'STUCK' && i.status !== 'RESOLVED').map((i) => i.step));
  if (process) {
    renderGraph(graph, process.steps, {
      nodeClass: (s) => {
        if (stuckSteps.has(s.id)) return 'path-stuck';
        if (instance.steps?.[s.id]) return 'path-reached';
        if (waiting.has(s.id)) return 'path-waiting';
        return 'path-none';
      },
      lines: (s) => {
        const r = instance.steps?.[s.id];
        if (r) return [`reached ${time(r.reachedAt)}`];
        const w = waiting.get(s.id);
        if (w) return [`waiting since ${ago(w.since)}`, w.due ? `due ${ago(w.due)}` : 'no due time'];
        return [];
      },
    });
  }
  return h('article', { class: 'instance', 'data-process': instance.process },
    h('h2', {}, link(`/processes/${encodeURIComponent(instance.process)}`, instance.process), ' ', statusBadge(instance.status)),
    h('div', { class: 'muted' }, `started ${time(instance.startedAt)}`, instance.endedAt ? ` · ended ${time(instance.endedAt)}` : ''),
    (instance.waitingFor || []).length
      ? h('ul', { class: 'waiting' }, instance.waitingFor.map((w) =>
        h('li', {}, 'waiting for ', h('b', {}, w.step), ` since ${time(w.since)}`, w.due ? `, due ${time(w.due)}` : '')))
      : null,
    graph);
}

function incidentsBlock(incidents) {
  if (!incidents.length) return h('p', { class: 'muted' }, 'No incidents.');
  return h('section', { class: 'incidents' }, h('h2', {}, 'Incidents'),
    h('ul', {}, incidents.map((i) => h('li', { class: `incident ${String(i.status).toLowerCase()}` },
      h('b', {}, i.type), ' ', statusBadge(i.status), ' ', i.message || '', h('span', { class: 'muted' }, ` · opened ${time(i.openedAt)}`)))));
}

function timeline(events) {
  const body = h('tbody');
  // causation (CloudEvents causationid): which event of this trace caused which
  const rows = new Map();
  const caused = new Map();
  for (const e of events) {
    if (e.causationId) caused.set(e.causationId, [...(caused.get(e.causationId) || []), e.eventId]);
  }
  const jump = (eventId) => (click) => {
    click.preventDefault();
    click.stopPropagation();
    const target = rows.get(eventId);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus();
    target.classList.remove('flash');
    requestAnimationFrame(() => target.classList.add('flash'));
  };
  const eventLink = (eventId, cls) => h('a', { href: '#', class: cls, 'data-event-id': eventId, onclick: jump(eventId) }, eventId);
  const ids = new Set(events.map((e) => e.eventId));
  for (const e of events) {
    const causedBy = e.causationId
      ? h('div', { class: 'caused-by' }, 'caused by ', ids.has(e.causationId)
        ? eventLink(e.causationId, 'causation') : h('code', { title: 'not an event of this trace' }, e.causationId))
      : null;
    const effects = (caused.get(e.eventId) || []).filter((id) => id !== e.eventId);
    const causes = effects.length
      ? h('div', { class: 'caused' }, 'caused ', effects.flatMap((id, n) => [n ? ', ' : '', eventLink(id, 'effect')]))
      : null;
    const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: 8 },
      h('div', { class: 'kv' }, h('b', {}, 'event id '), e.eventId, h('b', {}, ' · received '), time(e.receivedAt),
        e.causationId ? h('span', {}, h('b', {}, ' · caused by '), e.causationId) : null),
      e.keys && Object.keys(e.keys).length
        ? h('div', { class: 'kv' }, h('b', {}, 'keys '), Object.entries(e.keys).map(([k, v]) => `${k}=${v}`).join(', '))
        : null,
      h('div', { class: 'kv' }, h('b', {}, 'headers '), h('code', {}, JSON.stringify(e.headers || {}))),
      h('pre', { class: 'payload' }, typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload, null, 2))));
    const row = h('tr', { class: 'event', tabindex: 0, 'data-event-id': e.eventId, onclick: () => { detail.hidden = !detail.hidden; } },
      h('td', {}, time(e.time)),
      h('td', {}, e.topic),
      h('td', { class: 'num' }, `${e.partition}/${e.offset}`),
      h('td', {}, e.type || ''),
      h('td', {}, e.step ? `${e.process} · ${e.step}` : h('span', { class: 'muted' }, 'no step')),
      h('td', {}, e.key || ''),
      h('td', { class: 'causation-cell' }, causedBy, causes),
      h('td', {}, e.payloadKind && e.payloadKind !== 'JSON' ? e.payloadKind.toLowerCase() : ''));
    row.addEventListener('keydown', (k) => { if (k.key === 'Enter' && k.target === row) detail.hidden = !detail.hidden; });
    if (!rows.has(e.eventId)) rows.set(e.eventId, row);
    body.append(row, detail);
  }
  return h('section', { class: 'timeline' }, h('h2', {}, 'Events'),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['time', 'topic', 'partition/offset', 'type', 'process · step', 'key', 'causation', ''].map((c) => h('th', {}, c)))),
      body));
}
