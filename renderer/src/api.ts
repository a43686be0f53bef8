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
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
  onConnectionChange(callback: (connected: boolean) => void): () => void;
}

/** Typed calls over whichever transport the app started with. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    transportKind: transport.kind,
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
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
    return () => offs.forEach((off) => off());
  }, [api, reload, events.join(",")]);
}
