import { useMemo, useState } from 'react';
import { csvHeaderIndex, guessCsvMapping, parseCsv, type CsvMapping } from '../../../../shared/domain/contactsCsv';

const SINGLE_FIELDS: readonly { key: Exclude<keyof CsvMapping, 'phones' | 'emails'>; label: string }[] = [
  { key: 'name', label: 'Full name' },
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'org', label: 'Organisation' },
  { key: 'title', label: 'Title' },
  { key: 'role', label: 'Role' },
  { key: 'tz', label: 'Time zone' },
  { key: 'tags', label: 'Tags' },
  { key: 'notes', label: 'Notes' },
];

/** Which CSV column is what: pre-filled from the header (Google, Outlook, plain), changeable before import. */
export function CsvMappingForm({ fileName, text, onImport, onCancel }: { fileName: string; text: string; onImport(mapping: CsvMapping): void; onCancel(): void }) {
  const rows = useMemo(() => {
    const all = parseCsv(text);
    return all.slice(csvHeaderIndex(all));
  }, [text]);
  const headers = useMemo(() => (rows[0] ?? []).map((h) => h.trim()).filter(Boolean), [rows]);
  const [mapping, setMapping] = useState<CsvMapping>(() => guessCsvMapping(headers));
  const preview = rows.slice(1, 4);
  const multi = (key: 'phones' | 'emails', label: string) => (
    <label className="contacts-field">
      <span>{label} (several allowed)</span>
      <select multiple size={Math.min(5, Math.max(2, headers.length))} value={mapping[key] ?? []} onChange={(e) => setMapping({ ...mapping, [key]: Array.from(e.target.selectedOptions, (o) => o.value) })} aria-label={`CSV column for ${label}`}>
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      className="contacts-subform contacts-csv-mapping"
      aria-label={`Column mapping for ${fileName}`}
      onSubmit={(e) => {
        e.preventDefault();
        onImport(mapping);
      }}
    >
      <strong>{fileName}: which column is what?</strong>
      <div className="contacts-csv-grid">
        {SINGLE_FIELDS.map(({ key, label }) => (
          <label key={key} className="contacts-field">
            <span>{label}</span>
            <select value={mapping[key] ?? ''} onChange={(e) => setMapping({ ...mapping, [key]: e.target.value || undefined })} aria-label={`CSV column for ${label}`}>
              <option value="">(none)</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
        {multi('phones', 'Phones')}
        {multi('emails', 'Emails')}
      </div>
      {preview.length ? (
        <table className="table" aria-label="CSV preview">
          <thead>
            <tr>{headers.map((h) => <th key={h}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {preview.map((row, i) => (
              <tr key={i}>{headers.map((h, j) => <td key={h}>{row[j] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="contacts-editor-actions">
        <button type="submit" className="primary">
          Import {Math.max(0, rows.length - 1)} row(s)
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
