// Talks to the tracker's HTTP API. The API key (if security is on) lives in localStorage and goes in X-API-Key.
const KEY = 'tracker.apiKey';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function apiKey() {
  return localStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
  if (key) localStorage.setItem(KEY, key.trim());
  else localStorage.removeItem(KEY);
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const key = apiKey();
  if (key) h['X-API-Key'] = key;
  return h;
}

async function answer(response) {
  if (response.ok) return response.status === 204 ? null : response.json();
  let message = response.statusText;
  try {
    const body = await response.json();
    message = body.message || message;
  } catch (e) { /* not JSON */ }
  throw new ApiError(response.status, message);
}

export async function get(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const url = query.toString() ? `${path}?${query}` : path;
  return answer(await fetch(url, { headers: headers() }));
}

export async function post(path) {
  return answer(await fetch(path, { method: 'POST', headers: headers() }));
}

/**
 * Follows /api/stream (Server-Sent Events) with fetch, so that the API key can travel in a header. Calls
 * onMessage(name, data) per event; reconnects with backoff until the signal aborts, sending the id of the last
 * event it got as Last-Event-ID, as EventSource does: the tracker then sends what was missed meanwhile, or a
 * 'missed' event when it no longer has all of it.
 */
export function stream(params, onMessage, signal) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  let delay = 1000;
  const last = { id: null };
  const run = async () => {
    while (!signal.aborted) {
      try {
        const extra = { Accept: 'text/event-stream' };
        if (last.id) extra['Last-Event-ID'] = last.id;
        const response = await fetch(`/api/stream?${query}`, { headers: headers(extra), signal });
        if (!response.ok) throw new ApiError(response.status, 'stream refused');
        delay = 1000;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end), onMessage, last);
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (e) {
        if (signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  };
  run();
}

function dispatch(frame, onMessage, last) {
  let name = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    else if (line.startsWith('id:')) last.id = line.slice(3).trim();
  }
  if (!data.length) return;
  try {
    onMessage(name, JSON.parse(data.join('\n')));
  } catch (e) { /* a frame that is not JSON is not for us */ }
}
