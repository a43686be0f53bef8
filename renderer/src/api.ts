import { createContext, useContext, useEffect } from 'react';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import type { Transport } from './transport';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export interface ApiClient {
  readonly transportKind: Transport['kind'];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /**
   * Starts the first screen's main read before React renders anything, so the backend works on it
   * while the page builds; the first `takePrefetched` of the same method and input gets its answer.
   * Settles (never rejects) when the answer is in.
   */
  prefetch<M extends MethodName>(method: M, input: MethodInput<M>): Promise<void>;
  /** The pending answer of a fresh prefetch of exactly this call, handed out once. */
  takePrefetched<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> | undefined;
  /** The answer of a fresh prefetch of exactly this call if it has already arrived (not taken). */
  prefetchedValue<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> | undefined;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
  onConnectionChange(callback: (connected: boolean) => void): () => void;
}

/** A prefetched answer older than this is not handed out: the screen asks again for fresh data. */
const PREFETCH_FRESH_MS = 5_000;

function prefetchKey(method: MethodName, input: unknown): string {
  return `${method}:${JSON.stringify(input)}`;
}

interface Prefetch {
  at: number;
  answer: Promise<unknown>;
  arrived?: { value: unknown };
}

/** Typed calls over whichever transport the app started with. */
export function createApiClient(transport: Transport): ApiClient {
  const prefetched = new Map<string, Prefetch>();
  const freshPrefetch = (key: string) => {
    const entry = prefetched.get(key);
    return entry && performance.now() - entry.at <= PREFETCH_FRESH_MS ? entry : undefined;
  };
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await transport.call(method, input);
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value as never;
  };
  return {
    transportKind: transport.kind,
    call,
    prefetch(method, input) {
      const answer = call(method, input);
      const entry: Prefetch = { at: performance.now(), answer };
      prefetched.set(prefetchKey(method, input), entry);
      // Whoever takes it handles a failure; until then it must not surface as an unhandled rejection.
      return answer.then(
        (value) => {
          entry.arrived = { value };
        },
        () => undefined,
      );
    },
    takePrefetched<M extends MethodName>(method: M, input: MethodInput<M>) {
      const key = prefetchKey(method, input);
      const entry = freshPrefetch(key);
      prefetched.delete(key);
      return entry?.answer as Promise<MethodOutput<M>> | undefined;
    },
    prefetchedValue<M extends MethodName>(method: M, input: MethodInput<M>) {
      return freshPrefetch(prefetchKey(method, input))?.arrived?.value as MethodOutput<M> | undefined;
    },
    on(event, callback) {
      return transport.subscribe(event, callback as (payload: unknown) => void);
    },
    onConnectionChange(callback) {
      return transport.onConnectionChange?.(callback) ?? (() => undefined);
    },
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

/** Re-runs `reload` whenever any of `events` fires, or another process wrote to the database. */
export function useReloadOn(events: readonly EventName[], reload: () => void): void {
  const api = useApi();
  useEffect(() => {
    const offs = [...events, 'data.changed' as const].map((event) => api.on(event, () => reload()));
    // Events sent while the event stream was not open yet (a read prefetched at start, a webhook
    // before the stream connected) or was down are lost: read again whenever it (re)opens.
    offs.push(api.onConnectionChange((connected) => connected && reload()));
    return () => offs.forEach((off) => off());
  }, [api, reload, events.join(",")]);
}
