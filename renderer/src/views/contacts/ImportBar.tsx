import { useRef, useState } from 'react';
import { useApi } from '../../api';
import type { ImportProblem } from '../../../../shared/api/contacts';
import type { CsvMapping } from '../../../../shared/domain/contactsCsv';
import { decodeTextFile } from '../../../../shared/domain/textFileDecoding';
import { contactFileFormat } from '../../../../shared/domain/contactFileFormat';
import { CsvMappingForm } from './CsvMappingForm';

/** A picked file's text in whatever encoding it was exported (UTF-16 from Windows tools, Windows-1252 from Outlook …). */
async function fileText(file: File): Promise<string> {
  return decodeTextFile(new Uint8Array(await file.arrayBuffer()));
}

interface Outcome {
  title: string;
  problems: ImportProblem[];
  error?: string;
}

/** Import through the API: the file is read here and its text sent, so it works in browser mode too. */
export function ImportBar() {
  const api = useApi();
  const contactsInput = useRef<HTMLInputElement>(null);
  const scheduleInput = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [feedOpen, setFeedOpen] = useState(false);
  const [feedUrl, setFeedUrl] = useState('');
  const [feedName, setFeedName] = useState('');

  const [csvPending, setCsvPending] = useState<{ fileName: string; text: string } | null>(null);

  async function importCsv(fileName: string, text: string, csvMapping: CsvMapping) {
    setCsvPending(null);
    try {
      const report = await api.call('contacts.import', { text, fileName, format: 'csv', csvMapping });
      setOutcome({ title: `${fileName}: ${report.created} new, ${report.updated} updated contact(s)`, problems: report.problems });
    } catch (error) {
      setOutcome({ title: `${fileName} was not imported`, problems: [], error: (error as Error).message });
    }
  }

  async function importContacts(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const text = await fileText(file);
      // By content, not by name: a vCard saved as .txt or a CSV without .csv reaches the right parser.
      // A .vcf holding no card goes to the vCard parser too, which says so, rather than to the column form.
      if (contactFileFormat(text) === 'csv' && !/\.(vcf|vcard)$/i.test(file.name)) {
        // CSV columns differ per export: confirm the mapping before importing.
        setCsvPending({ fileName: file.name, text });
        continue;
      }
      try {
        const report = await api.call('contacts.import', { text, fileName: file.name, format: 'vcard' });
        setOutcome({ title: `${file.name}: ${report.created} new, ${report.updated} updated contact(s)`, problems: report.problems });
      } catch (error) {
        setOutcome({ title: `${file.name} was not imported`, problems: [], error: (error as Error).message });
      }
    }
    if (contactsInput.current) contactsInput.current.value = '';
  }

  async function importSchedule(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      try {
        const report = await api.call('schedules.import', { text: await fileText(file), name: file.name.replace(/\.ics$/i, ''), fileName: file.name });
        const title =
          report.schedule.eventCount === 0 && report.problems.length
            ? `${file.name}: nothing imported`
            : `${file.name}: schedule "${report.schedule.name}" with ${report.schedule.shiftCount} shift(s)`;
        setOutcome({ title, problems: report.problems });
      } catch (error) {
        setOutcome({ title: `${file.name} was not imported`, problems: [], error: (error as Error).message });
      }
    }
    if (scheduleInput.current) scheduleInput.current.value = '';
  }

  async function subscribe() {
    try {
      const report = await api.call('schedules.subscribe', { url: feedUrl.trim(), name: feedName.trim() || new URL(feedUrl.trim()).hostname });
      setOutcome({ title: `Feed "${report.schedule.name}": ${report.schedule.shiftCount} shift(s) cached`, problems: report.problems });
      setFeedOpen(false);
      setFeedUrl('');
      setFeedName('');
    } catch (error) {
      setOutcome({ title: 'Subscription not saved', problems: [], error: (error as Error).message });
    }
  }

  async function exportAll() {
    try {
      const { text, count } = await api.call('contacts.export', {});
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'text/vcard;charset=utf-8' }));
      link.download = `gobag-contacts-${new Date().toISOString().slice(0, 10)}.vcf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setOutcome({ title: `Exported ${count} contact(s) as vCard 4.0`, problems: [] });
    } catch (error) {
      setOutcome({ title: 'Export failed', problems: [], error: (error as Error).message });
    }
  }

  return (
    <div className="contacts-importbar">
      <label className="button-like">
        Import contacts (.vcf, .csv)
        <input ref={contactsInput} type="file" accept=".vcf,.vcard,.csv,.tsv,.txt,text/vcard,text/csv,text/plain" multiple hidden aria-label="Import contacts file" onChange={(e) => void importContacts(e.currentTarget.files)} />
      </label>
      <label className="button-like">
        Import schedule (.ics)
        <input ref={scheduleInput} type="file" accept=".ics,text/calendar" multiple hidden aria-label="Import schedule file" onChange={(e) => void importSchedule(e.currentTarget.files)} />
      </label>
      <button type="button" onClick={() => void exportAll()}>
        Export vCard 4.0
      </button>
      <button type="button" onClick={() => setFeedOpen(!feedOpen)} aria-expanded={feedOpen}>
        Subscribe to feed…
      </button>
      {feedOpen ? (
        <form
          className="contacts-feed-form"
          onSubmit={(e) => {
            e.preventDefault();
            void subscribe();
          }}
        >
          <input type="url" required placeholder="https://…/oncall.ics or webcal://" value={feedUrl} onChange={(e) => setFeedUrl(e.target.value)} aria-label="Feed URL" />
          <input placeholder="Name (e.g. DB primary)" value={feedName} onChange={(e) => setFeedName(e.target.value)} aria-label="Feed name" />
          <button type="submit" className="primary">
            Subscribe
          </button>
        </form>
      ) : null}
      {csvPending ? (
        <CsvMappingForm key={`${csvPending.fileName}:${csvPending.text.length}`} fileName={csvPending.fileName} text={csvPending.text} onImport={(mapping) => void importCsv(csvPending.fileName, csvPending.text, mapping)} onCancel={() => setCsvPending(null)} />
      ) : null}
      {outcome ? (
        <div className={outcome.error || outcome.problems.length ? 'contacts-import-result warn' : 'contacts-import-result'} role="status">
          <strong>{outcome.title}</strong>
          {outcome.error ? <div className="error-text">{outcome.error}</div> : null}
          {outcome.problems.length ? (
            <details open={outcome.problems.length <= 5}>
              <summary>{outcome.problems.length} problem(s), kept aside for inspection</summary>
              <ul>
                {outcome.problems.map((p, i) => (
                  <li key={i}>
                    <span className="mono">{p.item}</span>: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <button type="button" className="ghost" aria-label="Dismiss" onClick={() => setOutcome(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
