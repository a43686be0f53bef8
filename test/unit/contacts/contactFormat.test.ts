import { describe, expect, it } from 'vitest';
import { localTimeIn, staffedFirst, telHref } from '../../../renderer/src/views/contacts/contactFormat';

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

describe('staffedFirst: which schedule the on-call header names', () => {
  const schedule = (name: string, current: string[], next: string[]) => ({ name, current, next });
  it('puts the rota with someone on call before calendars with nobody, keeping the order within each group', () => {
    const ordered = staffedFirst([
      schedule('alarm_google_future', [], []),
      schedule('holidays', [], ['Xmas']),
      schedule('primary-oncall', ['John'], ['Arnold']),
      schedule('america_new_york', [], []),
      schedule('secondary', ['Ann'], []),
    ]);
    expect(ordered.map((s) => s.name)).toEqual(['primary-oncall', 'secondary', 'holidays', 'alarm_google_future', 'america_new_york']);
  });
});
