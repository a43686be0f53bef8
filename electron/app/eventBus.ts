import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/api/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Typed push events from handlers and connectors to whichever front doors are listening. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every SSE client and window subscribes; the default cap of 10 would warn on a busy war room.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  /** Listens to every event; returns the unsubscribe function. */
  onAny(listener: EventListener): () => void {
    const wrapped = (event: EventName, payload: unknown) => (listener as (e: EventName, p: unknown) => void)(event, payload);
    this.emitter.on('event', wrapped);
    return () => this.emitter.off('event', wrapped);
  }
}
