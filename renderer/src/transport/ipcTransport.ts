import type { GobagBridge, Transport } from './transport';

export function createIpcTransport(bridge: GobagBridge): Transport {
  return {
    kind: 'ipc',
    call: (method, input) => bridge.call(method, input),
    subscribe: (event, callback) => bridge.subscribe(event, callback),
  };
}
