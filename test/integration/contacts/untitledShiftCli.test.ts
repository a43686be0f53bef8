/**
 * `gobag oncall --at` for shifts whose VEVENT has no SUMMARY (rotas written by scripts, calendar
 * exports of untitled events): the answer names the holder from ATTENDEE/ORGANIZER, else the schedule,
 * never a blank.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliIn } from '../../helpers/inProcessCli';
import { tempDir } from '../../helpers/tempApp';

const dataDir = tempDir('gobag-untitled-shift-cli-');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cli = (args: string[]) => runCliIn(dataDir, args);

async function importRota(name: string, events: string[][]): Promise<void> {
  const file = path.join(dataDir, `${name.replace(/\W+/g, '-')}.ics`);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//rota script//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''];
  fs.writeFileSync(file, lines.join('\r\n'));
  const imported = await cli(['import', 'schedule', file, '--name', name]);
  expect(imported.code, imported.out + imported.err).toBe(0);
}

/** The human answer's lines for one schedule, from its heading to its "next handoff". */
async function answerFor(at: string, schedule: string): Promise<string[]> {
  const result = await cli(['oncall', '--at', at]);
  expect(result.code).toBe(0);
  const lines = result.out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${schedule}  (`));
  expect(start, result.out).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('  next handoff:'));
  return lines.slice(start + 1, end).map((l) => l.replace(/\s+(?:from )?\d{4}-\d\d-\d\dT.*$/, ''));
}

const week1 = ['DTSTART:20260302T080000Z', 'DTEND:20260309T080000Z'];
const week2 = ['DTSTART:20260309T080000Z', 'DTEND:20260316T080000Z'];

describe('gobag oncall: shifts without SUMMARY', () => {
  it('names the attendee (CN, else address), then the organizer, for the shift now and the next one', async () => {
    await importRota('Attendee rota', [
      ['UID:a-1', ...week1, 'ATTENDEE;CN=Jane Doe;ROLE=REQ-PARTICIPANT:mailto:jane@example.com'],
      ['UID:a-2', ...week2, 'ATTENDEE:mailto:bob@example.com'],
    ]);
    expect(await answerFor('2026-03-04T12:00:00Z', 'Attendee rota')).toEqual(['  now:  Jane Doe', '  next: bob@example.com']);

    await importRota('Organizer rota', [
      ['UID:o-1', ...week1, 'ORGANIZER;CN=Sam Ops:mailto:sam@example.com'],
      ['UID:o-2', ...week2, 'ORGANIZER:mailto:kim@example.com'],
    ]);
    expect(await answerFor('2026-03-04T12:00:00Z', 'Organizer rota')).toEqual(['  now:  Sam Ops', '  next: kim@example.com']);
  });

  it('falls back to the schedule name when the event names nobody at all', async () => {
    await importRota('Bare rota', [['UID:b-1', ...week1], ['UID:b-2', ...week2, 'SUMMARY:Primary: Zoë Müller']]);
    expect(await answerFor('2026-03-04T12:00:00Z', 'Bare rota')).toEqual(['  now:  Bare rota', '  next: Zoë Müller']);
  });

  it('keeps an event with a SUMMARY answered as before, attendees or not', async () => {
    await importRota('Titled rota', [['UID:t-1', ...week1, 'SUMMARY:Platform week', 'ATTENDEE;CN=Jane Doe:mailto:jane@example.com', 'ATTENDEE;CN=Bob:mailto:bob@example.com']]);
    expect(await answerFor('2026-03-04T12:00:00Z', 'Titled rota')).toEqual(['  now:  Platform week']);
    const json = JSON.parse((await cli(['--json', 'oncall', '--at', '2026-03-04T12:00:00Z'])).out) as { schedules: { name: string; current: { summary: string; person: string | null }[] }[] };
    expect(json.schedules.find((s) => s.name === 'Titled rota')!.current).toMatchObject([{ summary: 'Platform week', person: 'Platform week' }]);
  });
});
