import { useState } from 'react';
import { useApi } from '../../api';
import { useApiQuery } from '../../components/useApiQuery';
import type { EscalationPath, Role } from '../../../../shared/api/contacts';
import { telHref } from './contactFormat';

type TargetKind = 'role' | 'contact' | 'schedule';
interface StepDraft {
  label: string;
  target: string; // "kind:id" or ""
  waitMinutes: number;
}

function RoleForm({ role, onDone }: { role?: Role; onDone(): void }) {
  const api = useApi();
  const contacts = useApiQuery('contacts.search', { query: '', limit: 1000 }, ['contacts.changed']);
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [members, setMembers] = useState<string[]>(role?.members.map((m) => m.contactId) ?? []);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="contacts-subform"
      aria-label={role ? `Edit role ${role.name}` : 'New role'}
      onSubmit={(e) => {
        e.preventDefault();
        api.call('roles.save', { ...(role ? { id: role.id } : {}), name, description, contactIds: members }).then(onDone, (err: Error) => setError(err.message));
      }}
    >
      <input required placeholder='Role, e.g. "DB primary"' value={name} onChange={(e) => setName(e.target.value)} aria-label="Role name" />
      <input placeholder="What this role does" value={description} onChange={(e) => setDescription(e.target.value)} aria-label="Role description" />
      <select multiple size={5} value={members} onChange={(e) => setMembers(Array.from(e.target.selectedOptions, (o) => o.value))} aria-label="People in this role">
        {(contacts.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.org ? ` — ${c.org}` : ''}
          </option>
        ))}
      </select>
      {error ? <p className="error-text">{error}</p> : null}
      <div className="contacts-editor-actions">
        <button type="submit" className="primary">Save role</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function EscalationForm({ path, onDone }: { path?: EscalationPath; onDone(): void }) {
  const api = useApi();
  const roles = useApiQuery('roles.list', {}, ['contacts.changed']);
  const contacts = useApiQuery('contacts.search', { query: '', limit: 1000 }, ['contacts.changed']);
  const schedules = useApiQuery('schedules.list', {}, ['schedules.changed']);
  const [service, setService] = useState(path?.service ?? '');
  const [notes, setNotes] = useState(path?.notes ?? '');
  const [steps, setSteps] = useState<StepDraft[]>(
    path?.steps.map((s) => ({ label: s.label, target: s.target ? `${s.target.kind}:${s.target.id}` : '', waitMinutes: s.waitMinutes })) ?? [
      { label: 'Primary on call', target: '', waitMinutes: 10 },
      { label: 'Secondary', target: '', waitMinutes: 15 },
      { label: 'Manager', target: '', waitMinutes: 15 },
      { label: 'Vendor', target: '', waitMinutes: 30 },
    ],
  );
  const [error, setError] = useState<string | null>(null);
  const update = (i: number, patch: Partial<StepDraft>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <form
      className="contacts-subform"
      aria-label={path ? `Edit escalation for ${path.service}` : 'New escalation path'}
      onSubmit={(e) => {
        e.preventDefault();
        const payload = steps.map((s) => {
          const [kind, ...rest] = s.target.split(':');
          return { label: s.label, waitMinutes: s.waitMinutes, target: s.target ? { kind: kind as TargetKind, id: rest.join(':') } : null };
        });
        api.call('escalations.save', { ...(path ? { id: path.id } : {}), service, notes, steps: payload }).then(onDone, (err: Error) => setError(err.message));
      }}
    >
      <input required placeholder="Service, e.g. payments-db" value={service} onChange={(e) => setService(e.target.value)} aria-label="Service" />
      <ol className="contacts-steps-edit">
        {steps.map((step, i) => (
          <li key={i}>
            <input value={step.label} onChange={(e) => update(i, { label: e.target.value })} aria-label={`Step ${i + 1} label`} />
            <select value={step.target} onChange={(e) => update(i, { target: e.target.value })} aria-label={`Step ${i + 1} who`}>
              <option value="">(nobody linked)</option>
              <optgroup label="Schedules (whoever is on call)">
                {(schedules.data ?? []).map((s) => <option key={s.id} value={`schedule:${s.id}`}>{s.name}</option>)}
              </optgroup>
              <optgroup label="Roles">
                {(roles.data ?? []).map((r) => <option key={r.id} value={`role:${r.id}`}>{r.name}</option>)}
              </optgroup>
              <optgroup label="Contacts">
                {(contacts.data ?? []).map((c) => <option key={c.id} value={`contact:${c.id}`}>{c.name}</option>)}
              </optgroup>
            </select>
            <label className="contacts-wait">
              wait
              <input type="number" min={0} max={1440} value={step.waitMinutes} onChange={(e) => update(i, { waitMinutes: Number(e.target.value) })} aria-label={`Step ${i + 1} wait minutes`} />
              min
            </label>
            <button type="button" className="ghost" aria-label={`Remove step ${i + 1}`} onClick={() => setSteps(steps.filter((_, j) => j !== i))}>×</button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setSteps([...steps, { label: `Step ${steps.length + 1}`, target: '', waitMinutes: 15 }])}>Add step</button>
      <input placeholder="Notes (bridge number, account id for the vendor …)" value={notes} onChange={(e) => setNotes(e.target.value)} aria-label="Escalation notes" />
      {error ? <p className="error-text">{error}</p> : null}
      <div className="contacts-editor-actions">
        <button type="submit" className="primary">Save path</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

export function EscalationSteps({ path }: { path: EscalationPath }) {
  return (
    <ol className="contacts-steps">
      {path.steps.map((step, i) => (
        <li key={i}>
          <strong>{step.label}</strong>
          {step.targetName && step.target?.kind !== 'contact' ? <span className="muted"> ({step.target?.kind} {step.targetName})</span> : null}
          {step.resolved.length ? (
            <span>
              {' — '}
              {step.resolved.map((r, j) => (
                <span key={j}>
                  {j > 0 ? ', ' : ''}
                  {r.name}
                  {r.phone ? (
                    <>
                      {' '}
                      <a className="contacts-tel" href={telHref(r.phone)}>{r.phone}</a>
                    </>
                  ) : null}
                </span>
              ))}
            </span>
          ) : step.target ? <span className="warn"> — nobody resolves right now</span> : null}
          {i < path.steps.length - 1 ? <span className="muted"> · wait {step.waitMinutes} min, then ↓</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function RolesEscalations() {
  const api = useApi();
  const roles = useApiQuery('roles.list', {}, ['contacts.changed']);
  const escalations = useApiQuery('escalations.list', {}, ['contacts.changed', 'schedules.changed']);
  const [editingRole, setEditingRole] = useState<Role | 'new' | null>(null);
  const [editingPath, setEditingPath] = useState<EscalationPath | 'new' | null>(null);
  return (
    <section className="card contacts-roles" aria-label="Roles and escalation">
      <h2>Escalation paths</h2>
      {(escalations.data ?? []).length === 0 && editingPath === null ? <p className="muted">No escalation path yet: primary → secondary → manager → vendor, with how long to wait at each step.</p> : null}
      {(escalations.data ?? []).map((path) =>
        editingPath !== 'new' && editingPath?.id === path.id ? (
          <EscalationForm key={path.id} path={path} onDone={() => setEditingPath(null)} />
        ) : (
          <div key={path.id} className="contacts-escalation">
            <h3>
              {path.service}
              <button type="button" className="ghost" onClick={() => setEditingPath(path)}>Edit</button>
              <button type="button" className="ghost" onClick={() => void api.call('escalations.remove', { id: path.id })}>Remove</button>
            </h3>
            <EscalationSteps path={path} />
            {path.notes ? <p className="muted">{path.notes}</p> : null}
          </div>
        ),
      )}
      {editingPath === 'new' ? <EscalationForm onDone={() => setEditingPath(null)} /> : <button type="button" onClick={() => setEditingPath('new')}>New escalation path</button>}

      <h2>Roles</h2>
      {(roles.data ?? []).map((role) =>
        editingRole !== 'new' && editingRole?.id === role.id ? (
          <RoleForm key={role.id} role={role} onDone={() => setEditingRole(null)} />
        ) : (
          <div key={role.id} className="contacts-role">
            <strong>{role.name}</strong>: {role.members.map((m) => m.name).join(', ') || <span className="warn">nobody</span>}
            {role.description ? <span className="muted"> — {role.description}</span> : null}
            <button type="button" className="ghost" onClick={() => setEditingRole(role)}>Edit</button>
            <button type="button" className="ghost" onClick={() => void api.call('roles.remove', { id: role.id })}>Remove</button>
          </div>
        ),
      )}
      {editingRole === 'new' ? <RoleForm onDone={() => setEditingRole(null)} /> : <button type="button" onClick={() => setEditingRole('new')}>New role</button>}
    </section>
  );
}
