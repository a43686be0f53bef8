import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import type { CliImporter } from './importers';
import type { OnCallEntry } from '../../../shared/api/contacts';
import { decodeTextFile } from '../../../shared/domain/textFileDecoding';
import { contactFileFormat } from '../../../shared/domain/contactFileFormat';

/** Contacts and calendar files come in UTF-16 or legacy 8-bit charsets too; decodeTextFile reads the bytes, as the UI does. */
function readContactsInput(file: string, readStdin: () => Promise<string>): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return Promise.resolve(decodeTextFile(fs.readFileSync(file)));
  } catch (error) {
    throw new CliUsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function problemLines(problems: { file: string; item: string; reason: string }[]): string[] {
  return problems.length ? ['', `${problems.length} problem(s), kept aside for inspection:`, ...problems.map((p) => `  ${p.file}: ${p.item}: ${p.reason}`)] : [];
}

/** `--map name="Full Name",phones="Mobile|Work Phone",tags=Team` → CSV column mapping. */
function parseMapping(text: string): Record<string, string | string[]> {
  const mapping: Record<string, string | string[]> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CliUsageError(`--map wants field=Column pairs separated by commas, not "${pair}"`);
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim().replace(/^"|"$/g, '');
    mapping[field] = field === 'phones' || field === 'emails' ? column.split('|').map((c) => c.trim()) : column;
  }
  return mapping;
}

export const contactsImporter: CliImporter = {
  what: 'contacts',
  summary: 'Import contacts from vCard 2.1/3.0/4.0 (.vcf) or CSV',
  usage: 'gobag import contacts <file.vcf|file.csv|-> [--format vcard|csv] [--map name=Col,phones=A|B,...] [--json]',
  options: { format: { type: 'string' }, map: { type: 'string' } },
  async run(run) {
    const file = run.positionals[0];
    if (!file) throw new CliUsageError('import contacts needs the file, e.g. gobag import contacts team.vcf');
    const format = typeof run.values.format === 'string' ? run.values.format : 'auto';
    if (!['auto', 'vcard', 'csv'].includes(format)) throw new CliUsageError(`--format must be vcard or csv, not "${format}"`);
    const text = await readContactsInput(file, run.io.readStdin);
    const csvMapping = typeof run.values.map === 'string' ? parseMapping(run.values.map) : undefined;
    const report = await run.call('contacts.import', {
      text,
      fileName: file === '-' ? 'stdin' : path.basename(file),
      // By content, as the UI decides: a vCard saved as .txt is still a vCard.
      format: format === 'auto' ? contactFileFormat(text) : (format as 'vcard' | 'csv'),
      ...(csvMapping ? { csvMapping } : {}),
    });
    run.print(report, () =>
      [`Imported ${report.created} new and updated ${report.updated} contact(s) from ${report.file} (${report.format}).`, ...problemLines(report.problems)].join('\n'),
    );
    return report.created + report.updated === 0 && report.problems.length > 0 ? 1 : 0;
  },
};

export const scheduleImporter: CliImporter = {
  what: 'schedule',
  summary: 'Import an on-call schedule from an .ics file, or subscribe to an iCalendar feed URL',
  usage: 'gobag import schedule <file.ics|https://…|-> [--name NAME] [--person-pattern REGEX] [--json]',
  options: { name: { type: 'string' }, 'person-pattern': { type: 'string' } },
  async run(run) {
    const target = run.positionals[0];
    if (!target) throw new CliUsageError('import schedule needs an .ics file or a feed URL');
    const personPattern = typeof run.values['person-pattern'] === 'string' ? run.values['person-pattern'] : undefined;
    const isUrl = /^(https?|webcal):\/\//i.test(target);
    const name =
      typeof run.values.name === 'string'
        ? run.values.name
        : isUrl
          ? new URL(target.replace(/^webcal:/i, 'https:')).hostname
          : target === '-'
            ? 'stdin'
            : path.basename(target).replace(/\.ics$/i, '');
    const report = isUrl
      ? await run.call('schedules.subscribe', { url: target, name, ...(personPattern ? { personPattern } : {}) })
      : await run.call('schedules.import', { text: await readContactsInput(target, run.io.readStdin), name, fileName: target === '-' ? 'stdin' : path.basename(target), ...(personPattern ? { personPattern } : {}) });
    const s = report.schedule;
    run.print(report, () =>
      [
        `Schedule "${s.name}": ${s.eventCount} event(s), ${s.shiftCount} shift(s) cached (${s.expandedFrom?.slice(0, 10) ?? '—'} … ${s.expandedTo?.slice(0, 10) ?? '—'}).`,
        s.lastError ? `Last error: ${s.lastError}` : '',
        ...problemLines(report.problems),
      ]
        .filter(Boolean)
        .join('\n'),
    );
    // Failure is what the schedule's source recorded for this attempt (nothing usable, feed unreachable),
    // not an empty cache window: a valid calendar of past or far-future events still imports.
    return s.lastError ? 1 : 0;
  },
};

export const contactsCommand: CliCommand = {
  name: 'contacts',
  summary: 'Search contacts by name, org, role, tag or phone; shows numbers and local time',
  usage: 'gobag contacts [query] [--limit N] [--json] | gobag contacts --export FILE.vcf|-',
  options: { limit: { type: 'string' }, export: { type: 'string' } },
  async run(run) {
    if (typeof run.values.export === 'string') {
      const target = run.values.export;
      const exported = await run.call('contacts.export', {});
      if (target === '-') run.io.stdout(exported.text);
      else {
        fs.writeFileSync(target, exported.text);
        run.print({ file: target, count: exported.count }, () => `Wrote ${exported.count} contact(s) as vCard 4.0 to ${target}.`);
      }
      return 0;
    }
    const query = run.positionals.join(' ').trim();
    const limit = run.values.limit === undefined ? 50 : Number(run.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliUsageError(`--limit must be a whole number from 1 to 1000, not "${String(run.values.limit)}"`);
    const contacts = await run.call('contacts.search', { query, limit });
    run.print(contacts, () => {
      if (contacts.length === 0) return query ? `No contact matches "${query}".` : 'No contacts yet: gobag import contacts <file.vcf>';
      return contacts
        .map((c) => {
          let local = '';
          if (c.tz) {
            try {
              local = `  (their time ${new Date().toLocaleTimeString('en-GB', { timeZone: c.tz, hour: '2-digit', minute: '2-digit' })} ${c.tz})`;
            } catch {
              local = `  (TZ ${c.tz})`;
            }
          }
          const head = [c.name, c.org && `— ${c.org}`, c.title && `(${c.title})`].filter(Boolean).join(' ');
          const lines = [`${head}${local}`];
          for (const p of c.phones) lines.push(`  tel   ${p.value}${p.types.length ? ` [${p.types.join(',')}]` : ''}${p.pref ? ' *' : ''}`);
          for (const e of c.emails) lines.push(`  email ${e.value}`);
          if (c.roles.length || c.tags.length) lines.push(`  ${[...c.roles.map((r) => `role:${r}`), ...c.tags.map((t) => `#${t}`)].join(' ')}`);
          if (c.notes) lines.push(`  note  ${c.notes.replace(/\n/g, ' / ')}`);
          return lines.join('\n');
        })
        .join('\n\n');
    });
    return 0;
  },
};

function who(entry: OnCallEntry['current'][number]): string {
  const phone = entry.contact?.phones.find((p) => p.pref)?.value ?? entry.contact?.phones[0]?.value;
  return `${entry.contact?.name ?? entry.person ?? entry.summary}${phone ? `  ${phone}` : ''}`;
}

export const oncallCommand: CliCommand = {
  name: 'oncall',
  summary: 'Who is on call now (or --at an instant) in every schedule, with shift start/end and the next handoff',
  usage: 'gobag oncall [--at ISO-TIME] [--json]',
  options: { at: { type: 'string' } },
  async run(run) {
    const at = typeof run.values.at === 'string' ? run.values.at : undefined;
    if (at !== undefined && Number.isNaN(Date.parse(at))) throw new CliUsageError(`--at must be an ISO-8601 time such as 2026-11-22T03:00:00Z, not "${at}"`);
    const result = await run.call('oncall.at', at ? { at: new Date(at).toISOString() } : {});
    run.print(result, () => {
      if (result.schedules.length === 0) return 'No schedules yet: gobag import schedule <file.ics|URL>';
      return [
        `On call at ${result.at}:`,
        ...result.schedules.map((s) => {
          const lines = [`${s.name}${s.lastRefreshAt ? `  (copy from ${s.lastRefreshAt})` : '  (never refreshed)'}${s.lastError ? `  LAST ERROR: ${s.lastError}` : ''}`];
          if (s.current.length === 0) lines.push('  now:  nobody');
          for (const shift of s.current) lines.push(`  now:  ${who(shift)}   ${shift.start} → ${shift.end}`);
          for (const shift of s.next) lines.push(`  next: ${who(shift)}   from ${shift.start}`);
          lines.push(`  next handoff: ${s.nextHandoffAt ?? 'none in the next 62 days'}`);
          return lines.join('\n');
        }),
      ].join('\n');
    });
    return 0;
  },
};
