// The REST API: every call goes to the cluster chosen in the sidebar, sends the CSRF cookie back as a header and turns
// an error body into an Error.
const BASE = '/api/v1';
let scope = BASE;

/** Sends the calls after this one to cluster name's paths (/api/v1/clusters/NAME/...); null: the console's first cluster's. */
export function useCluster(name) {
  scope = name === null ? BASE : `${BASE}/clusters/${encodeURIComponent(name)}`;
}

/** The URL of path on the chosen cluster, for links and downloads that do not go through api(). */
export function apiUrl(path) {
  return scope + path;
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)tillstream_csrf=([^;]+)/);
  return match ? match[1] : '';
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** consoleWide: a path of the console rather than of a cluster (/clusters). */
export async function api(path, { method = 'GET', body, consoleWide = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(consoleWide ? BASE + path : apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'console_unreachable', 'The console does not answer. Is tillstream still running?');
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data && data.error ? data.error : { code: 'http_' + response.status, message: response.statusText };
    throw new ApiError(response.status, error.code, error.message);
  }
  return data;
}

/**
 * A GET answered as JSON lines, read as they arrive: onLine gets each parsed line. Abort with signal; the server
 * stops working when the response is dropped.
 */
export async function apiLines(path, onLine, signal) {
  let response;
  try {
    response = await fetch(apiUrl(path), { headers: { Accept: 'application/x-ndjson' }, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'console_unreachable', 'The console does not answer. Is tillstream still running?');
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    const error = data && data.error ? data.error : { code: 'http_' + response.status, message: response.statusText };
    throw new ApiError(response.status, error.code, error.message);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) onLine(JSON.parse(line));
    }
  }
  if (buffered.trim()) onLine(JSON.parse(buffered));
}
