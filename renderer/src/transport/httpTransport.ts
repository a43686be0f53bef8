import type { ApiResult } from '../../../shared/api/result';
import type { Transport } from './transport';

/**
 * Browser mode: `POST /api/<method>` and one EventSource on `/api/events` shared by all
 * subscribers. The token (for a host bound beyond loopback) comes from `?token=` once and is
 * then carried by the cookie the host sets.
 */
export function createHttpTransport(baseUrl = ''): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSource | undefined;

  function ensureEventSource(): void {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events`);
    source.onopen = () => connectionListeners.forEach((l) => l(true));
    source.onerror = () => connectionListeners.forEach((l) => l(false));
    for (const event of listeners.keys()) attach(event);
  }

  const attached = new Set<string>();
  function attach(event: string): void {
    if (!source || attached.has(event)) return;
    attached.add(event);
    source.addEventListener(event, (message) => {
      let payload: unknown = null;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      listeners.get(event)?.forEach((l) => l(payload));
    });
  }

  return {
    kind: 'http',
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `Gobag's local host is not answering: ${(error as Error).message}` } };
      }
      try {
        return (await response.json()) as ApiResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `Unexpected answer from the host (HTTP ${response.status}).` } };
      }
    },
    subscribe(event, callback) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(callback);
      ensureEventSource();
      attach(event);
      return () => set.delete(callback);
    },
    onConnectionChange(callback) {
      connectionListeners.add(callback);
      ensureEventSource();
      return () => connectionListeners.delete(callback);
    },
  };
}
