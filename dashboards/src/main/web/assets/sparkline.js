// A bar sparkline in SVG.
const SVG = 'http://www.w3.org/2000/svg';

export function sparkline(values, width = 260, height = 48) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'spark');
  const max = Math.max(1, ...values);
  const w = width / Math.max(1, values.length);
  values.forEach((v, i) => {
    const bh = Math.max(v ? 2 : 0, (v / max) * (height - 2));
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', (i * w).toFixed(1));
    r.setAttribute('y', (height - bh).toFixed(1));
    r.setAttribute('width', Math.max(1, w - 1).toFixed(1));
    r.setAttribute('height', bh.toFixed(1));
    svg.appendChild(r);
  });
  return svg;
}
