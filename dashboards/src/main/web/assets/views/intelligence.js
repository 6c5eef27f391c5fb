// Process intelligence on the process view: the conformance figure (share of the instances ended in the last 24 h
// without any incident) and the drift panel (event types no step models, steps not reached recently).
import { ago, duration, h, link, time } from '../dom.js';

export function conformanceFigure(conformance) {
  const c = conformance || {};
  const value = c.rate === null || c.rate === undefined ? '–' : `${(c.rate * 100).toFixed(c.rate === 1 ? 0 : 1)}%`;
  const title = `${c.withoutIncident ?? 0} of ${c.ended ?? 0} instances ended without any incident`
    + (c.from ? ` between ${time(c.from)} and ${time(c.to)} UTC` : '');
  return h('div', { class: 'figure conformance', title },
    h('span', { class: 'value', 'data-conformance': c.rate ?? '' }, value),
    h('span', { class: 'label' }, `conformant · ${c.ended ?? 0} ended, 24h`));
}

export function driftPanel() {
  const root = h('section', { class: 'drift-panel', 'data-drift': true }, h('h2', {}, 'Drift'), h('p', { class: 'muted' }, 'Loading…'));
  const update = (drift) => {
    root.replaceChildren(
      h('h2', {}, 'Drift'),
      h('p', { class: 'hint' }, 'What the traffic on this process\'s traces does that its definition does not say.'),
      unmodelled(drift.unmodelled || []),
      unreached(drift));
  };
  return { root, update };
}

function unmodelled(items) {
  const title = h('h3', {}, `Event types no step models (${items.length})`);
  if (!items.length) return h('div', {}, title, h('p', { class: 'muted' }, 'None seen on the traces of this process.'));
  return h('div', {}, title, h('table', { class: 'grid drift' },
    h('thead', {}, h('tr', {}, ['topic', 'type', 'count', 'first seen', 'last seen', 'example', 'suggested step']
      .map((c) => h('th', {}, c)))),
    h('tbody', {}, items.map((u) => h('tr', { 'data-drift-type': u.type },
      h('td', {}, h('code', {}, u.topic)),
      h('td', {}, h('code', {}, u.type)),
      h('td', { class: 'num' }, String(u.count)),
      h('td', { title: time(u.firstSeen) }, ago(u.firstSeen)),
      h('td', { title: time(u.lastSeen) }, ago(u.lastSeen)),
      h('td', {}, u.example?.traceId ? link(`/traces/${encodeURIComponent(u.example.traceId)}`, u.example.traceId) : ''),
      h('td', {}, u.suggestedStep ? h('pre', { class: 'suggested-step' }, u.suggestedStep) : h('span', { class: 'muted' }, '–')))))));
}

function unreached(drift) {
  const period = duration(isoMillis(drift.period));
  const title = h('h3', {}, `Steps no instance reached in the last ${period}`);
  if (!drift.instancesUpdated) return h('div', {}, title, h('p', { class: 'muted' }, `No instance of this process ran in the last ${period}.`));
  if (!drift.unreached?.length) return h('div', {}, title, h('p', { class: 'muted' }, `Every step was reached by the ${drift.instancesUpdated} instances that ran.`));
  return h('div', {}, title, h('ul', { class: 'unreached' }, drift.unreached.map((u) => h('li', { 'data-unreached': u.step },
    h('code', {}, u.step), ' · ', u.lastReachedAt ? h('span', { title: time(u.lastReachedAt) }, `last reached ${ago(u.lastReachedAt)}`)
      : h('span', { class: 'muted' }, 'never reached by an indexed event')))));
}

// PT1H, PT30M, P1D, PT1H30M: enough of ISO-8601 durations for the drift period.
function isoMillis(iso) {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso || '');
  if (!m) return null;
  const [, d, hh, mm, ss] = m.map((x) => Number(x || 0));
  return (((d * 24 + hh) * 60 + mm) * 60 + ss) * 1000;
}
