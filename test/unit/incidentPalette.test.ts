import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../renderer/src/api';
import { incidentPaletteProvider } from '../../renderer/src/views/incidents/incidentPalette';

// No open incidents: only the commands are offered.
const context = { api: { call: async () => [] } as unknown as ApiClient, navigate: () => undefined, close: () => undefined };
const titles = async (query: string) => (await incidentPaletteProvider(query, context)).map((item) => item.title);

describe('incident commands in the palette (listed before contacts, alerts and runbooks)', () => {
  it('offer Declare for the words people type for it', async () => {
    expect(await titles('')).toContain('Declare incident…');
    expect(await titles('decl')).toEqual(['Declare incident…']);
    expect(await titles('inc')).toContain('Declare incident…');
    expect(await titles('sev1 db3 disk full')).toEqual(['Declare incident: db3 disk full']);
  });
  it('do not take the first place from a name typed in part ("ar" for Arnold Smith, "la" for Laura)', async () => {
    expect(await titles('ar')).toEqual([]);
    expect(await titles('la')).toEqual([]);
    expect(await titles('clare')).toEqual([]);
    expect(await titles('review')).toEqual(['Daily operations review']);
  });
});
