import { afterEach, describe, expect, it } from 'vitest';
import { contract, events } from '../../shared/api/contract';
import { createHandlers } from '../../electron/handlers';
import { openTempApp, type TempApp } from '../helpers/tempApp';

let app: TempApp | undefined;
afterEach(() => app?.close());

describe('API contract', () => {
  it('has a handler for every method and no handler without a method', async () => {
    app = await openTempApp();
    const handlers = createHandlers(app.ctx);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    for (const name of Object.keys(contract)) expect(typeof (handlers as Record<string, unknown>)[name]).toBe('function');
  });

  it('names methods and events as <domain>[.<area>].<verb> with a summary for each method', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(spec.summary.length).toBeGreaterThan(10);
    }
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('returns an error object naming the bad field instead of throwing', async () => {
    app = await openTempApp();
    const result = await app.dispatch('system.backup', { file: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (result.ok) throw new Error('expected failure');
    expect(result.error.message).toContain('file');
    expect(result.error.issues?.[0]?.path).toBe('file');
  });

  it('refuses unknown methods and unexpected fields', async () => {
    app = await openTempApp();
    expect(await app.dispatch('system.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await app.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await app.dispatch('system.status', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns a handler crash into an internal error object', async () => {
    app = await openTempApp();
    app.ctx.db.close();
    const result = await app.dispatch('system.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('round-trips settings and pushes settings.changed', async () => {
    app = await openTempApp();
    const seen: string[] = [];
    app.ctx.events.onAny((name) => seen.push(name));
    const updated = await app.dispatch('settings.update', { userName: 'sam', staleAfterHours: 6 });
    expect(updated).toEqual({ ok: true, value: { userName: 'sam', staleAfterHours: 6 } });
    expect(await app.dispatch('settings.get', {})).toEqual({ ok: true, value: { userName: 'sam', staleAfterHours: 6 } });
    expect(seen).toContain('settings.changed');
    expect(await app.dispatch('settings.update', { staleAfterHours: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
