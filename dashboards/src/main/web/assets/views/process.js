// Process view: the definition as a graph; per step how many instances wait, how many are stuck (heat colour)
// and p50/p95 durations; clicking a step lists the instances waiting there. The conformance figure and the drift
// panel (views/intelligence.js) come with it.
import { get } from '../api.js';
import { duration, h, link, statusBadge, ago } from '../dom.js';
import { heat, renderGraph } from '../graph.js';
import { conformanceFigure, driftPanel } from './intelligence.js';

const REFRESH_MS = 3000;
const DRIFT_REFRESH_MS = 30000;

export async function processView(view, [id], signal) {
  let process = await get(`/api/processes/${encodeURIComponent(id)}`);
  const graph = h('div', { class: 'graph-box' });
  const counts = h('div', { class: 'figures inline' });
  const list = h('section', { class: 'waiting-list' });
  const drift = driftPanel();
  let selected = null;
  view.replaceChildren(h('section', { class: 'page' },
    h('div', { class: 'crumbs' }, link('/', 'Processes'), ' / ', process.id),
    h('h1', {}, process.name || process.id),
    h('div', { class: 'muted' }, `version ${process.version}`,
      process.deadline ? ` · deadline ${process.deadline}` : '', ` · reorder window ${process.reorderWindow}`),
    counts, graph,
    h('p', { class: 'hint' }, 'Click a step to list the instances waiting there.'),
    drift.root,
    list));

  const showWaiting = async (step) => {
    selected = step.id;
    const page = await get('/api/instances', { process: process.id, step: step.id, size: 50 });
    list.replaceChildren(
      h('h2', {}, `Waiting at ${step.id} (${page.items.length}${page.next ? '+' : ''})`),
      page.items.length
        ? h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, h('th', {}, 'trace id'), h('th', {}, 'status'), h('th', {}, 'started'), h('th', {}, 'waiting since'))),
          h('tbody', {}, page.items.map((i) => {
            const w = (i.waitingFor || []).find((x) => x.step === step.id);
            return h('tr', {},
              h('td', {}, link(`/traces/${encodeURIComponent(i.traceId)}`, i.traceId)),
              h('td', {}, statusBadge(i.status)),
              h('td', {}, ago(i.startedAt)),
              h('td', {}, w ? ago(w.since) : ''));
          })))
        : h('p', { class: 'muted' }, 'No instance waits here.'));
  };

  const draw = () => {
    counts.replaceChildren(...['running', 'stuck', 'completed', 'failed'].map((k) =>
      h('div', { class: `figure ${k}` }, h('span', { class: 'value', 'data-count': k }, String(process.counts?.[k] ?? 0)), h('span', { class: 'label' }, k))),
    conformanceFigure(process.conformance));
    renderGraph(graph, process.steps, {
      fill: (s) => heat(s.stuck, s.waiting),
      nodeClass: (s) => (s.id === selected ? 'selected' : ''),
      lines: (s) => [
        `waiting ${s.waiting} · stuck ${s.stuck} · reached ${s.reached}`,
        `p50 ${duration(s.durationMs?.p50)} · p95 ${duration(s.durationMs?.p95)}`,
      ],
      onClick: (s) => showWaiting(s).then(draw),
    });
  };
  draw();
  const loadDrift = () => get(`/api/processes/${encodeURIComponent(id)}/drift`).then(drift.update).catch(() => { /* keep the last one */ });
  loadDrift();
  const driftTimer = setInterval(loadDrift, DRIFT_REFRESH_MS);
  const timer = setInterval(async () => {
    try {
      process = await get(`/api/processes/${encodeURIComponent(id)}`);
      draw();
    } catch (e) { /* keep the last picture */ }
  }, REFRESH_MS);
  signal.addEventListener('abort', () => { clearInterval(timer); clearInterval(driftTimer); });
}
