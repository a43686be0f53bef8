import { matchesQuery, type PaletteItem, type PaletteProvider } from '../../shell/palette';

/**
 * Every typed word starts a word of the command. These commands come before the contact, alert
 * and runbook hits, so a match anywhere inside a word ("ar" of Arnold, "clare" in declare) put
 * Declare first and Enter opened it instead of the person being looked up.
 */
function startsItsWords(command: string, query: string): boolean {
  const words = command.toLowerCase().split(/\s+/);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

/**
 * "Declare incident" (with the typed words as its title), the daily review, and every open
 * incident by ref or title.
 */
export const incidentPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  const items: PaletteItem[] = [];
  const words = query.trim();
  const declareMatch = /^(declare|incident|sev\s*[123])\b\s*(.*)$/i.exec(words);
  if (!words || startsItsWords('Declare incident', words) || declareMatch) {
    const title = declareMatch ? declareMatch[2]!.replace(/^incident\s*:?\s*/i, '').trim() : '';
    items.push({
      id: 'incidents:declare',
      title: title ? `Declare incident: ${title}` : 'Declare incident…',
      hint: 'g i, n',
      group: 'Incidents',
      run: () => navigate('incidents', title ? ['new', title] : ['new']),
    });
  }
  if (startsItsWords('Daily operations review incidents', words)) {
    items.push({ id: 'incidents:review', title: 'Daily operations review', group: 'Incidents', run: () => navigate('incidents', ['review']) });
  }
  const open = await api.call('incidents.list', { state: 'open', limit: 50 });
  for (const incident of open) {
    if (words && !matchesQuery(`${incident.ref} ${incident.title} incident sev${incident.severity}`, words)) continue;
    items.push({
      id: `incidents:${incident.id}`,
      title: `${incident.ref} ${incident.title}`,
      hint: `Sev${incident.severity} · ${incident.status}`,
      group: 'Incidents',
      run: () => navigate('incidents', [incident.id]),
    });
  }
  return items;
};
