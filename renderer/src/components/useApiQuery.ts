import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { useApi, useReloadOn } from '../api';

export interface ApiQuery<T> {
  data: T | undefined;
  error: string | undefined;
  reload(): void;
}

/**
 * Reads through the API and re-reads when one of `events` fires. Data is local, so there is no
 * spinner: until the first answer (a few ms) the previous data or nothing is shown.
 */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M>, events: readonly EventName[] = []): ApiQuery<MethodOutput<M>> {
  const api = useApi();
  // A first screen whose read was prefetched and has arrived renders with its data at once.
  const [data, setData] = useState<MethodOutput<M> | undefined>(() => api.prefetchedValue(method, input));
  const [error, setError] = useState<string>();
  const inputKey = JSON.stringify(input);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    const parsedInput = JSON.parse(inputKey) as MethodInput<M>;
    (api.takePrefetched(method, parsedInput) ?? api.call(method, parsedInput)).then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  }, [api, method, inputKey]);

  useEffect(reload, [reload]);
  useReloadOn(events, reload);
  return { data, error, reload };
}
