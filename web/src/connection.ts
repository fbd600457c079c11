/**
 * The page's side of the connection to its QuantFlow server (same origin). The clients are the
 * typed ones of `quantflow/client` (src/client); what is the page's own lives here: the URLs taken
 * from `location`, the API key the browser remembers, and the wording of errors for the log feed
 * and banners. (The stream client is made by the dashboard only, so the report page's bundle
 * does not carry it.)
 */
import { QuantflowApiError, QuantflowClient } from '../../src/client/index.js';

/** Where the API is on the page's origin (the clients add it to the origin themselves). */
export const API_PATH = '/api/v1';
const KEY_STORAGE = 'quantflow.apiKey';

/**
 * The API key of this page. A `?key=` URL parameter wins and is remembered in localStorage (then
 * removed from the address bar so it does not end up in bookmarks or screenshots); otherwise the
 * stored key. The clients read it on every request and connect, so a change applies at once.
 */
export class ApiKey {
  #value: string | undefined;

  constructor() {
    const url = new URL(location.href);
    const fromUrl = url.searchParams.get('key');
    if (fromUrl) {
      this.set(fromUrl);
      url.searchParams.delete('key');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
      return;
    }
    try {
      this.#value = localStorage.getItem(KEY_STORAGE) ?? undefined;
    } catch {
      this.#value = undefined; // storage disabled (private mode): run as viewer
    }
  }

  get value(): string | undefined {
    return this.#value;
  }

  /** Uses and remembers `key`; an empty one forgets it. */
  set(key: string): void {
    this.#value = key.trim() || undefined;
    try {
      if (this.#value) localStorage.setItem(KEY_STORAGE, this.#value);
      else localStorage.removeItem(KEY_STORAGE);
    } catch {
      // storage disabled: the key lasts for this page only
    }
  }
}

/** The REST client of the page's own server. */
export function restClient(key: ApiKey): QuantflowClient {
  return new QuantflowClient({ baseUrl: location.origin, apiKey: () => key.value });
}

/** The stream's URL on the page's own server (`ws:` or `wss:` as the page). */
export function streamUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${API_PATH}/stream`;
}

/** A one-line description of an error for the alert feed and toasts. */
export function describeError(e: unknown): string {
  if (e instanceof QuantflowApiError) {
    const denial = e.details?.denialCode;
    return `${e.code}${typeof denial === 'string' ? ` (${denial})` : ''}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}
