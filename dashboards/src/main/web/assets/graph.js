// Draws a process definition as a graph: steps in layers by their longest path from a start step, ordered
// within a layer by the mean position of their predecessors, edges as curves. No library needed for DAGs this
// size (tens of steps).
const NODE_W = 190;
const NODE_H = 74;
const GAP_X = 70;
const GAP_Y = 26;
const SVG = 'http://www.w3.org/2000/svg';

export function layout(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const layerOf = new Map();
  const visiting = new Set();
  const layer = (id) => {
    if (layerOf.has(id)) return layerOf.get(id);
    if (visiting.has(id)) return 0; // definitions are validated acyclic; be safe anyway
    visiting.add(id);
    const preds = (byId.get(id)?.after || []).filter((p) => byId.has(p));
    const l = preds.length ? 1 + Math.max(...preds.map(layer)) : 0;
    visiting.delete(id);
    layerOf.set(id, l);
    return l;
  };
  steps.forEach((s) => layer(s.id));
  const layers = [];
  steps.forEach((s) => (layers[layerOf.get(s.id)] ||= []).push(s));
  const row = new Map();
  layers.forEach((members, l) => {
    if (l > 0) {
      const mean = (s) => {
        const preds = (s.after || []).filter((p) => row.has(p));
        return preds.length ? preds.reduce((a, p) => a + row.get(p), 0) / preds.length : 0;
      };
      members.sort((a, b) => mean(a) - mean(b));
    }
    members.forEach((s, i) => row.set(s.id, i));
  });
  const tallest = Math.max(...layers.map((m) => m.length));
  const positions = new Map();
  layers.forEach((members, l) => {
    const offset = ((tallest - members.length) * (NODE_H + GAP_Y)) / 2;
    members.forEach((s, i) => positions.set(s.id, { x: 20 + l * (NODE_W + GAP_X), y: 20 + offset + i * (NODE_H + GAP_Y) }));
  });
  return {
    positions,
    width: 40 + layers.length * (NODE_W + GAP_X) - GAP_X,
    height: 40 + tallest * (NODE_H + GAP_Y) - GAP_Y,
  };
}

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Renders into container. options.nodeClass(step) -> extra CSS class, options.lines(step) -> up to 3 text lines
 * under the title, options.fill(step) -> fill colour or null, options.onClick(step).
 */
export function renderGraph(container, steps, options = {}) {
  const { positions, width, height } = layout(steps);
  const svg = el('svg', { class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' });
  marker.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  defs.appendChild(marker);
  svg.appendChild(defs);
  for (const s of steps) {
    for (const p of s.after || []) {
      const from = positions.get(p);
      const to = positions.get(s.id);
      if (!from || !to) continue;
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      svg.appendChild(el('path', {
        d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
        class: `edge${s.afterMode === 'any' ? ' any' : ''}`,
        'marker-end': 'url(#arrow)',
      }));
    }
  }
  for (const s of steps) {
    const { x, y } = positions.get(s.id);
    const classes = ['node'];
    if (s.end) classes.push(`end-${s.end}`);
    if (s.optional) classes.push('optional');
    const extra = options.nodeClass?.(s);
    if (extra) classes.push(extra);
    const g = el('g', { class: classes.join(' '), transform: `translate(${x},${y})`, 'data-step': s.id, tabindex: 0 });
    const rect = el('rect', { width: NODE_W, height: NODE_H, rx: 8 });
    const fill = options.fill?.(s);
    if (fill) rect.setAttribute('style', `fill:${fill}`);
    g.appendChild(rect);
    g.appendChild(el('text', { x: 10, y: 18, class: 'title' }, s.id));
    const sub = `${s.on?.type ?? ''} · ${s.on?.topic ?? ''}`;
    g.appendChild(el('text', { x: 10, y: 34, class: 'sub' }, sub.length > 30 ? `${sub.slice(0, 29)}…` : sub));
    (options.lines?.(s) || []).slice(0, 2).forEach((line, i) => g.appendChild(el('text', { x: 10, y: 50 + i * 15, class: 'figure' }, line)));
    if (s.choice) g.appendChild(el('text', { x: NODE_W - 4, y: NODE_H + 12, class: 'badge', 'text-anchor': 'end' }, `choice: ${s.choice}`));
    const title = el('title', {}, `${s.id}${s.within ? ` — due within ${s.within}` : ''}${s.optional ? ' (optional)' : ''}${s.end ? ` — ends ${s.end}` : ''}`);
    g.appendChild(title);
    if (options.onClick) {
      g.addEventListener('click', () => options.onClick(s));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter') options.onClick(s); });
    }
    svg.appendChild(g);
  }
  container.replaceChildren(svg);
  return svg;
}

/** A colour from pale to red for the share of waiting instances that are stuck. */
export function heat(stuck, waiting) {
  if (!stuck) return null;
  const share = Math.min(1, stuck / Math.max(1, waiting));
  const light = 92 - Math.round(share * 42);
  return `hsl(4, 80%, ${light}%)`;
}
