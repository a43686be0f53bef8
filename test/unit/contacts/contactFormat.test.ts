import { describe, expect, it } from 'vitest';
import { localTimeIn, telHref } from '../../../renderer/src/views/contacts/contactFormat';

describe('contact local time and tel: links', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it('shows the wall clock of an IANA zone and of a bare vCard UTC offset', () => {
    expect(localTimeIn('Asia/Tokyo', now)?.time).toMatch(/21:00/);
    expect(localTimeIn('-05:00', now)?.time).toMatch(/07:00/);
    expect(localTimeIn('+0530', now)?.time).toMatch(/17:30/);
    expect(localTimeIn('Not/AZone', now)).toBeNull();
    expect(localTimeIn(null, now)).toBeNull();
  });
  it('strips spaces and brackets from tel: links', () => {
    expect(telHref('+1 (555) 010-2030')).toBe('tel:+15550102030');
  });
});
