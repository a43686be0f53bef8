import type { AppContext } from '../app/appContext';
import type { contactsMethods, EscalationPath, ImportProblem } from '../../shared/api/contacts';
import { ApiFailure } from '../../shared/api/result';
import { isoNow } from '../store/clock';
import { createContactStore } from '../store/contactStore';
import { createScheduleStore } from '../store/scheduleStore';
import { createScheduleService, toScheduleDto } from '../contacts/scheduleService';
import { exportVcard40, parseVcards, type ParsedContact } from '../../shared/domain/vcard';
import { contactFileFormat } from '../../shared/domain/contactFileFormat';
import { contactsFromCsv } from '../../shared/domain/contactsCsv';
import type { HandlersFor } from '.';

export const CONTACT_SOURCE_KIND = 'contacts';

export function contactsHandlers(ctx: AppContext) {
  const contacts = createContactStore(ctx.db, ctx.outbox);
  const schedules = createScheduleStore(ctx.db);
  const service = createScheduleService(ctx, schedules, contacts);
  const now = () => isoNow(ctx.clock);
  const changed = () => ctx.events.emit('contacts.changed', {});
  const schedulesChanged = (scheduleId: string | null) => {
    ctx.events.emit('schedules.changed', { scheduleId });
    ctx.events.emit('sources.changed', { sourceId: scheduleId ?? '' });
  };

  function resolveEscalations(): EscalationPath[] {
    const all = contacts.all();
    const byId = new Map(all.map((c) => [c.id, c]));
    const onCall = service.onCall(ctx.clock.now());
    const roleNames = new Map(contacts.roles().map((r) => [r.id, r.name]));
    const firstPhone = (id: string) => byId.get(id)?.phones.find((p) => p.pref)?.value ?? byId.get(id)?.phones[0]?.value ?? null;
    return contacts.escalations().map((path) => ({
      id: path.id,
      service: path.service,
      notes: path.notes,
      steps: path.steps.map((step) => {
        let resolved: EscalationPath['steps'][number]['resolved'] = [];
        if (step.target?.kind === 'contact') {
          const c = byId.get(step.target.id);
          resolved = c ? [{ contactId: c.id, name: c.name, phone: firstPhone(c.id) }] : [{ contactId: null, name: '(removed contact)', phone: null }];
        } else if (step.target?.kind === 'role') {
          resolved = contacts
            .roleContactIds(step.target.id)
            .filter((id) => byId.has(id))
            .map((id) => ({ contactId: id, name: byId.get(id)!.name, phone: firstPhone(id) }));
        } else if (step.target?.kind === 'schedule') {
          const entry = onCall.schedules.find((s) => s.scheduleId === step.target!.id);
          resolved = (entry?.current ?? []).map((shift) => ({
            contactId: shift.contact?.id ?? null,
            name: shift.contact?.name ?? shift.person ?? shift.summary,
            phone: shift.contact ? firstPhone(shift.contact.id) : null,
          }));
        }
        const targetName =
          step.target?.kind === 'contact'
            ? (byId.get(step.target.id)?.name ?? null)
            : step.target?.kind === 'role'
              ? (roleNames.get(step.target.id) ?? null)
              : step.target?.kind === 'schedule'
                ? (onCall.schedules.find((s) => s.scheduleId === step.target!.id)?.name ?? null)
                : null;
        return { label: step.label, target: step.target, targetName, waitMinutes: step.waitMinutes, resolved };
      }),
    }));
  }

  return {
    'contacts.search': ({ query, limit }) => contacts.search(query, limit ?? 200),
    'contacts.get': ({ id }) => {
      const contact = contacts.get(id);
      if (!contact) throw new ApiFailure('not_found', `No contact with id ${id}.`);
      return contact;
    },
    'contacts.save': ({ id, ...fields }) => {
      if (id && !contacts.get(id)) throw new ApiFailure('not_found', `No contact with id ${id}.`);
      const contact = contacts.save(id, fields, now());
      changed();
      return contact;
    },
    'contacts.remove': ({ id }) => {
      if (!contacts.remove(id, now())) throw new ApiFailure('not_found', `No contact with id ${id}.`);
      changed();
      return { id };
    },
    'contacts.import': ({ text, fileName, format, csvMapping }) => {
      const kind = format === 'auto' ? contactFileFormat(text) : format;
      const at = now();
      const problems: ImportProblem[] = [];
      let parsed: ParsedContact[] = [];
      if (kind === 'vcard') {
        const result = parseVcards(text);
        parsed = result.contacts.map((c) => c.contact);
        for (const p of result.problems) {
          problems.push({ file: fileName, item: `card ${p.card}${p.label ? ` (${p.label})` : ''}`, reason: p.reason });
          contacts.keepReject('vcard', fileName, `card ${p.card}`, p.reason, p.raw, at);
        }
        if (result.contacts.length === 0 && result.problems.length === 0) problems.push({ file: fileName, item: 'file', reason: 'no BEGIN:VCARD … END:VCARD card found' });
      } else {
        const result = contactsFromCsv(text, csvMapping);
        parsed = result.contacts.map((c) => c.contact);
        for (const p of result.problems) {
          problems.push({ file: fileName, item: `row ${p.row}${p.label ? ` (${p.label})` : ''}`, reason: p.reason });
          contacts.keepReject('csv', fileName, `row ${p.row}`, p.reason, p.raw, at);
        }
      }
      const source = ctx.sources.ensure(CONTACT_SOURCE_KIND, fileName, at);
      let created = 0;
      let updated = 0;
      contacts.transaction(() => {
        const roles = contacts.roleNamesByContact();
        const written = new Set<string>();
        for (const contact of parsed) {
          if (contacts.upsertImported(contact, source.id, at, roles, written) === 'created') created++;
          else updated++;
        }
      });
      if (parsed.length === 0) ctx.sources.recordFailure(source.id, at, problems.map((p) => `${p.item}: ${p.reason}`).join('; ').slice(0, 1000) || 'nothing to import');
      else {
        ctx.sources.recordSuccess(source.id, at, parsed.length);
        if (problems.length) ctx.sources.recordFailure(source.id, at, `${problems.length} problem(s) reported (cards left out or lines skipped): ${problems[0]!.item}: ${problems[0]!.reason}`.slice(0, 1000));
      }
      changed();
      ctx.events.emit('sources.changed', { sourceId: source.id });
      return { file: fileName, format: kind, created, updated, problems };
    },
    'contacts.export': ({ ids }) => {
      const all = contacts.all();
      const chosen = ids ? all.filter((c) => ids.includes(c.id)) : all;
      return { text: chosen.length ? exportVcard40(chosen) : '', count: chosen.length };
    },
    'roles.list': () => contacts.roles(),
    'roles.save': (input) => {
      for (const id of input.contactIds) if (!contacts.get(id)) throw new ApiFailure('invalid_input', `contactIds: no contact with id ${id}`);
      try {
        const role = contacts.saveRole(input, now());
        changed();
        return role;
      } catch (error) {
        throw new ApiFailure('conflict', (error as Error).message);
      }
    },
    'roles.remove': ({ id }) => {
      if (!contacts.removeRole(id, now())) throw new ApiFailure('not_found', `No role with id ${id}.`);
      changed();
      return { id };
    },
    'escalations.list': () => resolveEscalations(),
    'escalations.save': (input) => {
      input.steps.forEach((step, index) => {
        const target = step.target;
        if (!target) return;
        const exists =
          target.kind === 'contact' ? !!contacts.get(target.id) : target.kind === 'role' ? contacts.roles().some((r) => r.id === target.id) : !!schedules.get(target.id);
        if (!exists) throw new ApiFailure('invalid_input', `steps.${index}.target: no ${target.kind} with id ${target.id}`);
      });
      let savedId: string;
      try {
        savedId = contacts.saveEscalation(input, now()).id;
      } catch (error) {
        throw new ApiFailure('conflict', (error as Error).message);
      }
      changed();
      return resolveEscalations().find((p) => p.id === savedId)!;
    },
    'escalations.remove': ({ id }) => {
      if (!contacts.removeEscalation(id, now())) throw new ApiFailure('not_found', `No escalation path with id ${id}.`);
      changed();
      return { id };
    },
    'schedules.list': () => schedules.list().map((r) => toScheduleDto(r, ctx)),
    'schedules.import': (input) => {
      const report = service.importText(input);
      schedulesChanged(report.schedule.id);
      return report;
    },
    'schedules.subscribe': async (input) => {
      const report = await service.subscribe(input);
      schedulesChanged(report.schedule.id);
      return report;
    },
    'schedules.refresh': async ({ id }) => {
      const targets = id ? [schedules.get(id)] : schedules.list().filter((s) => s.url);
      if (id && !targets[0]) throw new ApiFailure('not_found', `No schedule with id ${id}.`);
      const reports = [];
      for (const record of targets) if (record) reports.push(await service.refresh(record));
      schedulesChanged(id ?? null);
      return reports;
    },
    'schedules.update': ({ id, name, personPattern }) => {
      const record = schedules.get(id);
      if (!record) throw new ApiFailure('not_found', `No schedule with id ${id}.`);
      if (name && name.toLowerCase() !== record.name.toLowerCase() && schedules.findByName(name)) throw new ApiFailure('conflict', `A schedule named "${name}" already exists.`);
      schedules.updateMeta(id, { name: name ?? record.name, url: record.url, personPattern: personPattern === undefined ? record.personPattern : personPattern }, now());
      // The pattern decides who each shift names: expand the cached copy again.
      service.reexpand(schedules.get(id)!);
      schedulesChanged(id);
      return toScheduleDto(schedules.get(id)!, ctx);
    },
    'schedules.remove': ({ id }) => {
      const record = schedules.get(id);
      if (!record || !schedules.remove(id, now())) throw new ApiFailure('not_found', `No schedule with id ${id}.`);
      schedulesChanged(id);
      return { id };
    },
    'oncall.at': ({ at }) => service.onCall(at ? new Date(at) : ctx.clock.now()),
    'checklist.list': () => contacts.checklist(now()),
    'checklist.add': ({ label }) => {
      const item = contacts.addChecklistItem(label, now());
      ctx.events.emit('checklist.changed', {});
      return item;
    },
    'checklist.update': ({ id, ...patch }) => {
      const item = contacts.updateChecklistItem(id, patch, now());
      if (!item) throw new ApiFailure('not_found', `No checklist item with id ${id}.`);
      ctx.events.emit('checklist.changed', {});
      return item;
    },
    'checklist.remove': ({ id }) => {
      if (!contacts.removeChecklistItem(id, now())) throw new ApiFailure('not_found', `No checklist item with id ${id}.`);
      ctx.events.emit('checklist.changed', {});
      return { id };
    },
  } satisfies HandlersFor<keyof typeof contactsMethods>;
}

