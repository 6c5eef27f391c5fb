// Overview: every process with running, stuck, completed and failed counts, and its throughput over time.
import { get } from '../api.js';
import { h, link } from '../dom.js';
import { sparkline } from '../sparkline.js';

const REFRESH_MS = 5000;

export async function overview(view, params, signal) {
  const processes = await get('/api/processes');
  const cards = new Map();
  view.replaceChildren(
    h('section', { class: 'page' },
      h('h1', {}, 'Processes'),
      processes.length
        ? h('div', { class: 'cards' }, processes.map((p) => {
          const card = card_(p);
          cards.set(p.id, card);
          return card.root;
        }))
        : h('p', { class: 'empty' }, 'No process definitions are loaded.')));
  const refresh = async () => {
    const again = await get('/api/processes');
    for (const p of again) cards.get(p.id)?.update(p);
    await Promise.all(again.map(async (p) => {
      const series = await get(`/api/processes/${encodeURIComponent(p.id)}/throughput`, { minutes: 60 }).catch(() => null);
      if (series) cards.get(p.id)?.chart(series);
    }));
  };
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
}

function card_(p) {
  const figures = {};
  const figure = (name, label) => {
    figures[name] = h('span', { class: 'value', 'data-count': name }, '0');
    return h('div', { class: `figure ${name}` }, figures[name], h('span', { class: 'label' }, label));
  };
  const chart = h('div', { class: 'chart' });
  const caption = h('div', { class: 'caption' });
  const root = h('article', { class: 'card', 'data-process': p.id },
    h('h2', {}, link(`/processes/${encodeURIComponent(p.id)}`, p.name || p.id)),
    h('div', { class: 'muted' }, p.id),
    h('div', { class: 'figures' },
      figure('running', 'running'), figure('stuck', 'stuck'), figure('completed', 'completed'), figure('failed', 'failed')),
    chart, caption);
  const update = (q) => {
    for (const k of Object.keys(figures)) figures[k].textContent = String(q.counts?.[k] ?? 0);
  };
  update(p);
  return {
    root,
    update,
    chart: (series) => {
      chart.replaceChildren(sparkline(series.buckets.map((b) => b.events)));
      const total = series.buckets.reduce((a, b) => a + b.events, 0);
      caption.textContent = `${total} events in the last ${series.minutes} min`;
    },
  };
}
