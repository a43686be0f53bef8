import { matchesQuery, type PaletteProvider } from '../../shell/palette';
import { copyText } from '../../components/clipboard';
import { preferredPhone } from './contactFormat';

/**
 * Contacts in the command palette: "Copy number of <name>" for each hit (Enter copies it and opens
 * the contact), plus the go-bag card and on-call commands.
 */
export const contactsPaletteProvider: PaletteProvider = async (query, { api, navigate }) => {
  const commands = [
    { id: 'contacts:card', title: 'Open the go-bag card (print)', hint: 'p in Contacts', group: 'Contacts', run: () => navigate('contacts', ['card']) },
    { id: 'contacts:oncall', title: 'Who is on call now', hint: 'g o', group: 'Contacts', run: () => navigate('contacts') },
  ].filter((item) => matchesQuery(item.title, query));
  if (query.trim().length < 2) return commands;
  const hits = await api.call('contacts.search', { query, limit: 6 });
  return [
    ...hits.map((c) => {
      const phone = preferredPhone(c.phones);
      return {
        id: `contact:${c.id}`,
        title: phone ? `Copy number of ${c.name}` : `${c.name} (no phone)`,
        hint: phone ?? c.emails[0]?.value ?? c.org,
        group: 'Contacts',
        run: () => {
          if (phone) void copyText(phone);
          navigate('contacts');
        },
      };
    }),
    ...commands,
  ];
};
