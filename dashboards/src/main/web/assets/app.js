// The tracker's UI: a small router over five views. No framework, no build step.
import { ApiError, apiKey, setApiKey } from './api.js';
import { h, toast } from './dom.js';
import { overview } from './views/overview.js';
import { processView } from './views/process.js';
import { traceView } from './views/trace.js';
import { searchView } from './views/search.js';
import { incidentsView } from './views/incidents.js';
import { watchVerdicts } from './verdicts.js';

const view = document.getElementById('view');
let current = new AbortController();

const routes = [
  [/^\/$/, () => overview],
  [/^\/processes\/([^/]+)$/, () => processView],
  [/^\/traces\/(.+)$/, () => traceView],
  [/^\/traces\/?$/, () => searchView],
  [/^\/incidents\/?$/, () => incidentsView],
];

async function render() {
  current.abort();
  current = new AbortController();
  const path = location.pathname;
  for (const [pattern, viewOf] of routes) {
    const m = path.match(pattern);
    if (m) {
      const params = m.slice(1).map(decodeURIComponent);
      document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
        (a.dataset.nav === 'overview' && (path === '/' || path.startsWith('/processes')))
        || (a.dataset.nav === 'incidents' && path.startsWith('/incidents'))));
      try {
        await viewOf()(view, params, current.signal);
      } catch (e) {
        if (current.signal.aborted) return;
        showError(e);
      }
      return;
    }
  }
  view.replaceChildren(h('section', { class: 'empty' }, h('h1', {}, 'Not found'), h('p', {}, `No page at ${path}.`)));
}

function showError(e) {
  if (e instanceof ApiError && e.status === 401) {
    view.replaceChildren(h('section', { class: 'empty' }, h('h1', {}, 'API key needed'),
      h('p', {}, 'This tracker requires an API key. Open the sign-in link it printed at start (…/#key=…), '
        + 'or use the Key button at the top right.')));
    return;
  }
  view.replaceChildren(h('section', { class: 'empty error' }, h('h1', {}, 'Something went wrong'), h('p', {}, e.message || String(e))));
}

export function navigate(path) {
  history.pushState({}, '', path);
  render();
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || a.target) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);

document.getElementById('trace-search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('trace-input').value.trim();
  if (q) navigate(`/traces?q=${encodeURIComponent(q)}`);
});

document.getElementById('api-key-button').addEventListener('click', () => {
  const key = prompt('API key (stored in this browser only; empty to forget it):', apiKey());
  if (key === null) return;
  setApiKey(key);
  toast(key ? 'API key saved' : 'API key removed');
  render();
});

/**
 * A sign-in link (http://host:port/#key=...) carries the API key in its fragment, which the browser never sends to
 * a server: keep the key as a typed one is kept, and take it out of the address bar and the history at once.
 */
function takeKeyFromLink() {
  const m = location.hash.match(/^#key=([^&]+)$/);
  if (!m) return false;
  setApiKey(decodeURIComponent(m[1]));
  history.replaceState(history.state, '', location.pathname + location.search);
  toast('Signed in: API key saved in this browser');
  return true;
}
window.addEventListener('hashchange', () => { if (takeKeyFromLink()) render(); });

takeKeyFromLink();
render();
watchVerdicts();
