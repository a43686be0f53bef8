/**
 * Contacts CSV as Outlook, Google (old and new export) and Thunderbird write it. Headers are the
 * exporters' own; rows are made up.
 */
import { describe, expect, it } from 'vitest';
import { contactsFromCsv, guessCsvMapping } from '../../../shared/domain/contactsCsv';

// Outlook's export header, as written in e.g. a public Java project's OUTLOOK_CSV_HEADER (UsersExport).
const OUTLOOK_HEADER =
  "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,Private,Categories";

function outlookRow(values: Record<string, string>): string {
  return OUTLOOK_HEADER.split(',')
    .map((h) => {
      const v = values[h] ?? '';
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(',');
}

describe('CSV exports', () => {
  it('keeps every Outlook phone column (Business Phone 2, Company Main Phone, Assistant, Car, Fax), the job title, and E-mail 2', () => {
    const row = outlookRow({
      'First Name': 'Dana',
      'Last Name': 'Duty',
      Title: 'Ms.',
      'Job Title': 'Network Engineer',
      Company: 'Carrier NOC',
      'E-mail Address': 'dana@noc.example',
      'E-mail 2 Address': 'dana.private@example.net',
      'Primary Phone': '+1 555 0150',
      'Mobile Phone': '+1 555 0151',
      'Business Phone 2': '+1 555 0153',
      'Company Main Phone': '+1 555 0100',
      'Business Fax': '+1 555 0157',
      "Assistant's Phone": '+1 555 0156',
      'Car Phone': '+1 555 0155',
      'Other Phone': '+1 555 0158',
      Notes: 'Call mobile first,\r\nthen pager',
      Categories: 'NOC;Vendor',
    });
    const { contacts, problems } = contactsFromCsv(`${OUTLOOK_HEADER}\r\n${row}\r\n`);
    expect(problems).toEqual([]);
    const dana = contacts[0]!.contact;
    expect(dana).toMatchObject({ name: 'Dana Duty', org: 'Carrier NOC', title: 'Network Engineer', notes: 'Call mobile first,\nthen pager', tags: ['noc', 'vendor'] });
    expect(dana.phones).toEqual([
      { value: '+1 555 0150', types: [], pref: true },
      { value: '+1 555 0151', types: ['cell'], pref: false },
      { value: '+1 555 0100', types: ['work', 'main'], pref: false },
      { value: '+1 555 0153', types: ['work'], pref: false },
      { value: '+1 555 0158', types: ['other'], pref: false },
      { value: '+1 555 0155', types: ['car'], pref: false },
      // A fax and the assistant's line reach no one or someone else: after the person's own numbers.
      { value: '+1 555 0157', types: ['work', 'fax'], pref: false },
      { value: '+1 555 0156', types: ['assistant'], pref: false },
    ]);
    expect(dana.emails.map((e) => e.value)).toEqual(['dana@noc.example', 'dana.private@example.net']);
  });

  it('reads Google\'s older export: "Phone 1 - Type" labels, "* " marking the primary value, "* My Contacts" not a tag', () => {
    const header = 'Name,Given Name,Additional Name,Family Name,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value';
    // Row as in a real export quoted in a public script (writeGMailContactsCSV), columns trimmed.
    const row = 'Marion Zink,Marion,,Zink,,* My Contacts ::: DBA,Home,Marion_zink@gmx.net,* Home,zink.marion@googlemail.com,Home,07054-930711,Mobile,0176-42522511 ';
    const marion = contactsFromCsv(`${header}\n${row}\n`).contacts[0]!.contact;
    expect(marion.tags).toEqual(['dba']);
    expect(marion.phones).toEqual([
      { value: '0176-42522511', types: ['cell'], pref: false },
      { value: '07054-930711', types: ['home'], pref: false },
    ]);
    expect(marion.emails[1]).toEqual({ value: 'zink.marion@googlemail.com', types: ['home'], pref: true });
  });

  it('reads Google\'s current export: First/Middle/Last, Organization Name/Title, "- Label" columns, several values joined by :::', () => {
    const header = 'First Name,Middle Name,Last Name,Phonetic First Name,Organization Name,Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value';
    const row = 'Gina,G.,Google,,Example Corp,DBA,* myContacts ::: On-call,* Work,gina@example.com,Mobile,+1 555 0170 ::: +1 555 0171,Bridge line,+1 555 0173';
    const mapping = guessCsvMapping(header.split(','));
    expect(mapping.phones).toEqual(['Phone 1 - Value', 'Phone 2 - Value']);
    const gina = contactsFromCsv(`\uFEFF${header}\n${row}\n`).contacts[0]!.contact;
    expect(gina).toMatchObject({ name: 'Gina G. Google', org: 'Example Corp', title: 'DBA', tags: ['on-call'] });
    expect(gina.phones).toEqual([
      { value: '+1 555 0170', types: ['cell'], pref: false },
      { value: '+1 555 0171', types: ['cell'], pref: false },
      { value: '+1 555 0173', types: ['bridge line'], pref: false },
    ]);
    expect(gina.emails).toEqual([{ value: 'gina@example.com', types: ['work'], pref: true }]);
  });

  it('reads Thunderbird\'s export (Primary Email, Fax/Pager/Mobile Number)', () => {
    const header = 'First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Job Title,Department,Organization,Notes,';
    const row = 'Theo,Bird,Theo Bird,,theo@example.org,t.bird@example.net,,+49 30 111,,+49 30 333,+49 30 444,+49 170 555,SRE,,Example,,';
    const theo = contactsFromCsv(`${header}\r\n${row}\r\n`).contacts[0]!.contact;
    expect(theo).toMatchObject({ name: 'Theo Bird', title: 'SRE', org: 'Example' });
    expect(theo.phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['+49 170 555 cell', '+49 30 111 work', '+49 30 444 pager', '+49 30 333 fax']);
    expect(theo.emails.map((e) => e.value)).toEqual(['theo@example.org', 't.bird@example.net']);
  });

  it('reads a German Outlook export (Vorname, Nachname, Mobiltelefon, Telefon geschäftlich) and skips the E-Mail-Typ column', () => {
    const header = 'Anrede,Vorname,Weitere Vornamen,Nachname,Firma,Abteilung,Position,Fax geschäftlich,Telefon geschäftlich,Autotelefon,Telefon privat,Mobiltelefon,Pager,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,Kategorien,Notizen';
    const row = 'Frau,Jana,,Jäger,Netzbetrieb GmbH,NOC,Schichtleiterin,+49 30 100,+49 30 101,,+49 30 102,+49 170 103,,jana@netz.example,SMTP,Jana Jäger (jana@netz.example),jana.privat@example.de,Bereitschaft,Nachts nur Handy';
    const jana = contactsFromCsv(`${header}\r\n${row}\r\n`).contacts[0]!.contact;
    expect(jana).toMatchObject({ name: 'Jana Jäger', org: 'Netzbetrieb GmbH', title: 'Schichtleiterin', tags: ['bereitschaft'], notes: 'Nachts nur Handy' });
    expect(jana.phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['+49 170 103 cell', '+49 30 101 work', '+49 30 102 home', '+49 30 100 work,fax']);
    expect(jana.emails.map((e) => e.value)).toEqual(['jana@netz.example', 'jana.privat@example.de']);
  });

  it('names a problem row by the row a spreadsheet shows: blank rows count, a line break inside a quoted cell does not', () => {
    const text = 'Name,Phone\r\n"Ana\nAnalyst",+1 555 0001\r\n,\r\nBob,+1 555 0002,surplus\r\n';
    const { contacts, problems } = contactsFromCsv(text);
    expect(contacts.map((c) => c.contact.name)).toEqual(['Ana\nAnalyst']);
    expect(problems).toEqual([expect.objectContaining({ row: 4, label: 'Bob', reason: 'row has 3 fields but the header has 2' })]);
  });
});

describe('the first number of an Outlook contact', () => {
  // Outlook for Windows writes its phone columns alphabetically: Assistant's Phone, Business Fax, Business Phone, …
  // The first number is the one the go-bag card and the on-call header print for the person.
  const header = "Title,First Name,Last Name,Company,Assistant's Phone,Business Fax,Business Phone,Home Fax,Home Phone,Mobile Phone,Pager,E-mail Address";
  it('is the person\'s mobile, then their own desk number, never the assistant\'s or a fax', () => {
    const text = `${header}\r\n,Jane,Doe,Acme,+1 555 0900,+1 555 0901,+1 555 0902,+1 555 0903,,+1 555 0904,,jane@example.com\r\n`;
    const { contacts, problems } = contactsFromCsv(text);
    expect(problems).toEqual([]);
    const phones = contacts[0]!.contact.phones;
    expect(phones.map((p) => p.value)).toEqual(['+1 555 0904', '+1 555 0902', '+1 555 0900', '+1 555 0901', '+1 555 0903']);
    expect(phones.find((p) => p.value === '+1 555 0900')?.types).toEqual(['assistant']);
  });
});

describe('localised and preamble exports (second real-file pass)', () => {
  // German Outlook header, verbatim from a public README that documents an Outlook export (project "operator-ip-kontaktbuch").
  const OUTLOOK_DE_HEADER =
    'Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,Straße geschäftlich,Straße geschäftlich 2,Straße geschäftlich 3,Ort geschäftlich,Region geschäftlich,Postleitzahl geschäftlich,Land/Region geschäftlich,Straße privat,Straße privat 2,Straße privat 3,Ort privat,Bundesland/Kanton privat,Postleitzahl privat,Land/Region privat,Weitere Straße,Weitere Straße 2,Weitere Straße 3,Weiterer Ort,Weiteres/r Bundesland/Kanton,Weitere Postleitzahl,Weiteres/e Land/Region,Telefon Assistent,Fax geschäftlich,Telefon geschäftlich,Telefon geschäftlich 2,Rückmeldung,Autotelefon,Telefon Firma,Fax privat,Telefon (privat),Telefon (privat 2),ISDN,Mobiltelefon,Weiteres Fax,Weiteres Telefon,Pager,Haupttelefon,Mobiltelefon 2,Telefon für Hörbehinderte,Telex,Abrechnungsinformation,Assistent(in),Benutzer 1,Benutzer 2,Benutzer 3,Benutzer 4,Beruf,Büro,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,E-Mail 2: Typ,E-Mail 2: Angezeigter Name,E-Mail 3: Adresse,E-Mail 3: Typ,E-Mail 3: Angezeigter Name,Empfohlen von,Geburtstag,Geschlecht,Hobby,Initialen,Internet Frei/Gebucht,Jahrestag,Kategorien,Kinder,Konto,Name des/r Vorgesetzten,Notizen,Organisationsnr.,Ort,Partner,Postfach geschäftlich,Postfach privat,Priorität,Privat,Reisekilometer,Sozialversicherungsnr.,Sprache,Stichwörter,Vertraulichkeit,Verzeichnisserver,Webseite,Weiteres Postfach,Spalte1,Spalte2';

  it('never prints the assistant\'s number ("Telefon Assistent", the first phone column of a German Outlook export) for the person', () => {
    const columns = OUTLOOK_DE_HEADER.split(',');
    const values: Record<string, string> = { Vorname: 'Jürgen', Nachname: 'Weiß', 'Telefon Assistent': '+49 221 178 0', 'Fax geschäftlich': '+49 221 178 9999', 'Telefon geschäftlich': '+49 221 178 4411', Mobiltelefon: '+49 171 555 0101' };
    const row = columns.map((c) => values[c] ?? '').join(',');
    const phones = contactsFromCsv(`${OUTLOOK_DE_HEADER}\r\n${row}\r\n`).contacts[0]!.contact.phones;
    expect(phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['+49 171 555 0101 cell', '+49 221 178 4411 work', '+49 221 178 0 assistant', '+49 221 178 9999 work,fax']);
  });

  it('keeps the e-mails and the fax of a French Outlook export ("Adresse de messagerie", "Télécopie (bureau)"), not the address\'s display name', () => {
    // Column names as Polytechnique.org's platal writes French Outlook CSV (class Outlook, $contact_fields['fr']), abridged to the columns used.
    const header = "Titre,Prénom,Deuxième prénom,Nom,Société ,Télécopie (bureau),Téléphone (bureau),Tél. mobile,Récepteur de radiomessagerie,Adresse de messagerie,Type de messagerie,Nom complet de l'adresse de messagerie,Adresse de messagerie 2";
    const row = ',Amélie,,Lefèvre,Réseau Électrique,+33 1 55 01 02 05,+33 1 55 01 02 04,+33 6 55 01 02 03,,amelie.lefevre@example.fr,SMTP,Amélie Lefèvre <amelie.lefevre@example.fr>,amelie@example.org';
    const amelie = contactsFromCsv(`${header}\r\n${row}\r\n`).contacts[0]!.contact;
    expect(amelie).toMatchObject({ name: 'Amélie Lefèvre', org: 'Réseau Électrique' });
    expect(amelie.emails.map((e) => e.value)).toEqual(['amelie.lefevre@example.fr', 'amelie@example.org']);
    expect(amelie.phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['+33 6 55 01 02 03 cell', '+33 1 55 01 02 04 work', '+33 1 55 01 02 05 work,fax']);
  });

  it('keeps the mobile of a German Thunderbird export ("Mobil-Tel.-Nr.", "Tel. dienstlich") and a sheet\'s bare "Mobil" column', () => {
    // Header verbatim from a public ThunderbirdCsvWriter (German Thunderbird address book export), trailing comma included.
    const header = 'Vorname,Nachname,Anzeigename,Spitzname,Primäre E-Mail-Adresse,Sekundäre E-Mail-Adresse,Messenger-Name,Tel. dienstlich,Tel. privat,Fax-Nummer,Pager-Nummer,Mobil-Tel.-Nr.,Privat: Adresse,Privat: Adresse 2,Privat: Ort,Privat: Bundesland,Privat: PLZ,Privat: Land,Dienstlich: Adresse,Dienstlich: Adresse 2,Dienstlich: Ort,Dienstlich: Bundesland,Dienstlich: PLZ,Dienstlich: Land,Arbeitstitel,Abteilung,Organisation,Webseite 1,Webseite 2,Geburtsjahr,Geburtsmonat,Geburtstag,Benutzerdef. 1,Benutzerdef. 2,Benutzerdef. 3,Benutzerdef. 4,Notizen,';
    const cells = Array<string>(38).fill('');
    Object.assign(cells, { 0: 'Nat', 1: 'Friedman', 2: 'Nat Friedman', 4: 'nat@example.org', 7: '617 679 1984', 11: '123 456 7890', 24: 'Schichtleiter' });
    const nat = contactsFromCsv(`${header}\n${cells.join(',')}\n`).contacts[0]!.contact;
    expect(nat).toMatchObject({ name: 'Nat Friedman', title: 'Schichtleiter' });
    expect(nat.phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['123 456 7890 cell', '617 679 1984 work']);
    // A semicolon sheet from German Excel: "Mobil" is the only number Anna has.
    const sheet = contactsFromCsv('\uFEFFName;Firma;Telefon;Mobil;E-Mail\r\nSchulz, Anna;ACME AG;;0151 555 2002;a.schulz@example.de\r\n').contacts[0]!.contact;
    expect(sheet.phones.map((p) => `${p.value} ${p.types.join(',')}`)).toEqual(['0151 555 2002 cell']);
  });

  it('reads LinkedIn\'s Connections.csv past its "Notes:" preamble instead of rejecting every row', () => {
    // The shape of a real export as a public project's test fixture records it: BOM, "Notes:", a quoted paragraph, a blank line, CRLF.
    const text = [
      '\uFEFFNotes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Priya,Sharma,https://www.linkedin.com/in/priya-sharma-1a2b3c,,"Stripe, Inc.",Technical Recruiter,12 Mar 2024',
      'Arjun,Mehta,https://www.linkedin.com/in/ArjunMehta/,arjun@example.com,Amazon Web Services (AWS),"Engineering Manager, Payments",03 Jan 2023',
      ',,https://www.linkedin.com/in/nobody,,,,',
      '',
    ].join('\r\n');
    const { contacts, problems } = contactsFromCsv(text);
    expect(contacts.map((c) => [c.row, c.contact.name, c.contact.org, c.contact.title, c.contact.emails.map((e) => e.value).join()])).toEqual([
      [5, 'Priya Sharma', 'Stripe, Inc.', 'Technical Recruiter', ''],
      [6, 'Arjun Mehta', 'Amazon Web Services (AWS)', 'Engineering Manager, Payments', 'arjun@example.com'],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, reason: expect.stringMatching(/^2 line\(s\) before the column names were not read as contacts: Notes: \/ "?When exporting/) }),
      expect.objectContaining({ row: 7, reason: 'row has no name, organisation, email or phone' }),
    ]);
  });

  it('says which leading lines it did not read, and keeps a one-column sheet\'s wider row as data, not as its header', () => {
    const { contacts, problems } = contactsFromCsv('Name\r\nAna,+1 555 0001\r\n');
    expect(contacts).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ row: 2, reason: 'row has 2 fields but the header has 1' })]);
    const sheet = contactsFromCsv('Name\r\nAna,+1 555 0001\r\nBob,+1 555 0002\r\n');
    expect(sheet.problems[0]).toMatchObject({ row: 1, reason: expect.stringContaining('1 line(s) before the column names were not read as contacts: Name') });
  });
});
