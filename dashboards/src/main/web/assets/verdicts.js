// A banner over every view while the tracker's verdicts wait for its input (SPEC 3.13): nobody should read a quiet
// inbox as "nothing is stuck" while the tracker is still catching up.
import { get } from './api.js';
import { h } from './dom.js';

const SHOW_AFTER_SECONDS = 3;
let banner;

function format(seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

async function refresh() {
  let status;
  try {
    status = (await get('/api/status')).verdicts;
  } catch (e) {
    return; // no key yet, or the tracker is away: the views say so
  }
  const delayed = status.tracking && status.delayedSeconds >= SHOW_AFTER_SECONDS;
  if (!delayed) {
    if (banner) banner.hidden = true;
    return;
  }
  if (!banner) {
    banner = h('div', { id: 'verdict-banner', class: 'banner', role: 'status' });
    document.querySelector('header.top').after(banner);
  }
  const waiting = status.waiting > 0 ? `; ${status.waiting.toLocaleString()} due timers wait` : '';
  banner.textContent = `Verdicts are delayed by ${format(status.delayedSeconds)}: the tracker is still reading events`
    + ` appended before then, so stuck, overdue and out-of-order steps show up once it has${waiting}.`;
  banner.hidden = false;
}

export function watchVerdicts() {
  refresh();
  setInterval(refresh, 5000);
}
