import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName, MethodOutput, MethodInput } from '../../shared/api/contract';
import { runCli } from '../../electron/cli/main';
import type { CliIo } from '../../electron/cli/command';
import { corpusRoot, fixedClock, openTempApp, tempDir, type TempApp } from '../helpers/tempApp';

const apps: TempApp[] = [];
afterEach(() => {
  while (apps.length) apps.pop()!.close();
});

async function start(iso = '2026-11-22T14:00:00.000Z') {
  const clock = fixedClock(iso);
  const app = await openTempApp({ clock });
  apps.push(app);
  app.ctx.settings.update({ userName: 'Ben' }, iso);
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await app.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  }
  return { app, clock, call };
}

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { json: false, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}

describe('incident console (through the dispatcher)', () => {
  it('runs a Sev1 from declaration to resolution with audited key times, handoffs, tasks, comms and outbox rows', async () => {
    const { app, clock, call } = await start();
    const events: string[] = [];
    app.ctx.events.onAny((name) => events.push(name));

    const declared = await call('incidents.declare', { title: 'Checkout returns 502', severity: 1, service: 'checkout', impactStartAt: '2026-11-22T13:52:00Z' });
    expect(declared).toMatchObject({ severity: 1, status: 'investigating', ref: expect.stringMatching(/^INC-[0-9A-Z]{6}$/) });
    expect(declared.keyTimes).toMatchObject({ impactStartAt: '2026-11-22T13:52:00.000Z', detectedAt: '2026-11-22T14:00:00.000Z', acknowledgedAt: '2026-11-22T14:00:00.000Z' });
    expect(events).toContain('incidents.changed');

    await call('incidents.assignRole', { incidentId: declared.id, role: 'commander', person: 'Ana' });
    await call('incidents.assignRole', { incidentId: declared.id, role: 'captain', person: 'Ben' });
    clock.advance(60_000);
    await call('incidents.addEntry', { incidentId: declared.id, kind: 'hypothesis', text: 'db3 connection pool exhausted' });
    await call('incidents.addEntry', { incidentId: declared.id, kind: 'action', text: 'Restarted checkout pods', occurredAt: '2026-11-22T13:58:00Z' });
    const task = await call('incidents.addTask', { incidentId: declared.id, title: 'Check the logs on db3', owner: 'Cy', dueAt: '2026-11-22T14:10:00Z' });
    const comms = await call('incidents.logComms', { incidentId: declared.id, audience: 'Customers', channel: 'Status page', text: 'We are investigating failed checkouts.', nextUpdateMinutes: 30 });
    expect(comms.nextUpdateAt).toBe('2026-11-22T14:31:00.000Z');

    clock.advance(15 * 60_000); // 14:16: task is overdue
    const summary = (await call('incidents.list', { state: 'open' }))[0]!;
    expect(summary).toMatchObject({ commander: 'Ana', captain: 'Ben', openTasks: 1, overdueTasks: 1, nextUpdateAt: '2026-11-22T14:31:00.000Z' });

    // Handoff of the captain role is recorded, the old holder released.
    await call('incidents.assignRole', { incidentId: declared.id, role: 'captain', person: 'Dee' });
    const handoff = await call('incidents.handoff', { id: declared.id });
    expect(handoff.markdown).toContain('- Battle captain (scribe): Dee');
    expect(handoff.markdown).toContain('Check the logs on db3 — Cy, due 2026-11-22 14:10 UTC **OVERDUE**');
    expect(handoff.markdown).toContain('- [open] db3 connection pool exhausted');

    await call('incidents.updateTask', { id: task.id, status: 'done' });
    await call('incidents.update', { id: declared.id, severity: 2, reason: 'only EU customers affected' });
    await call('incidents.update', { id: declared.id, status: 'stable', customersAffected: 500 });
    clock.advance(30 * 60_000);
    await call('incidents.update', { id: declared.id, status: 'resolved', category: 'capacity', reason: 'pool size raised to 200' });
    // Key time corrected after the fact: audited with the old value.
    await call('incidents.update', { id: declared.id, keyTimes: { impactStartAt: '2026-11-22T13:50:00Z' }, reason: 'first 5xx in the load balancer log' });

    const detail = await call('incidents.get', { id: declared.ref });
    expect(detail.incident).toMatchObject({ status: 'resolved', severity: 2, category: 'capacity', nextUpdateAt: null });
    expect(detail.incident.keyTimes).toMatchObject({ stableAt: '2026-11-22T14:16:00.000Z', resolvedAt: '2026-11-22T14:46:00.000Z' });
    expect(detail.metrics).toMatchObject({ timeToDetectMs: 10 * 60_000, timeToStableMs: 26 * 60_000, customerImpactMinutes: 26 * 500, impactOngoing: false });

    const captains = detail.roles.filter((r) => r.role === 'captain');
    expect(captains.map((r) => [r.person, r.releasedAt])).toEqual([
      ['Ben', '2026-11-22T14:16:00.000Z'],
      ['Dee', null],
    ]);
    const impactAudit = detail.history.find((h) => h.field === 'impactStartAt');
    expect(impactAudit).toMatchObject({ oldValue: '2026-11-22T13:52:00.000Z', newValue: '2026-11-22T13:50:00.000Z', author: 'Ben', reason: 'first 5xx in the load balancer log' });
    expect(detail.history.filter((h) => h.field === 'status').map((h) => h.newValue)).toEqual(['stable', 'resolved']);
    // The reason given with a status change is in the timeline, not only in the field history.
    expect(detail.timeline.filter((e) => e.kind === 'status').map((e) => e.text)).toContain('Status stable → resolved: pool size raised to 200');

    // The timeline is in occurred order: the back-filled 13:58 action sits before the 14:00 declaration.
    const kinds = detail.timeline.map((e) => e.kind);
    expect(detail.timeline[0]).toMatchObject({ kind: 'action', text: 'Restarted checkout pods', occurredAt: '2026-11-22T13:58:00.000Z', recordedAt: '2026-11-22T14:01:00.000Z' });
    for (const kind of ['status', 'role', 'hypothesis', 'task', 'comms', 'severity', 'key_time']) expect(kinds).toContain(kind);
    expect(detail.timeline.find((e) => e.kind === 'role' && e.text.includes('handed over'))?.text).toBe('Battle captain (scribe) handed over: Ben → Dee');

    // Every write of the incident landed in the outbox, HLC-ordered.
    const outbox = app.ctx.db.prepare<[], { entity: string; hlc: string }>("SELECT entity, hlc FROM outbox WHERE entity LIKE 'incident%' ORDER BY rowid").all();
    expect(new Set(outbox.map((r) => r.entity))).toEqual(new Set(['incident', 'incident_entry', 'incident_role', 'incident_task', 'incident_comms']));
    const stamps = outbox.map((r) => r.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    const entryRows = app.ctx.db.prepare('SELECT count(*) FROM incident_entries').pluck().get() as number;
    expect(app.ctx.db.prepare("SELECT count(*) FROM outbox WHERE entity = 'incident_entry' AND op = 'insert'").pluck().get()).toBe(entryRows);
  });

  it('corrects an entry time keeping the original, and marks hypotheses confirmed or refuted', async () => {
    const { call } = await start();
    const incident = await call('incidents.declare', { title: 'Search slow', severity: 3 });
    const entry = await call('incidents.addEntry', { incidentId: incident.id, kind: 'hypothesis', text: 'GC pauses' });
    expect(entry.hypothesisState).toBe('open');
    const moved = await call('incidents.updateEntry', { id: entry.id, occurredAt: '2026-11-22T13:55:00Z' });
    const movedAgain = await call('incidents.updateEntry', { id: entry.id, occurredAt: '2026-11-22T13:50:00Z', hypothesisState: 'refuted' });
    expect(moved.originalOccurredAt).toBe('2026-11-22T14:00:00.000Z');
    expect(movedAgain).toMatchObject({ occurredAt: '2026-11-22T13:50:00.000Z', originalOccurredAt: '2026-11-22T14:00:00.000Z', hypothesisState: 'refuted' });
    const note = await call('incidents.addEntry', { incidentId: incident.id, kind: 'note', text: 'x' });
    const refused = await (await start()).app.dispatch('incidents.updateEntry', { id: note.id, hypothesisState: 'confirmed' });
    expect(refused.ok).toBe(false);
  });

  it('lists suspect changes before impact start with rollback commands, and changes during the incident as auto entries', async () => {
    const { call } = await start();
    await call('changes.record', { summary: 'Deploy checkout v42', service: 'checkout', environment: 'production', at: '2026-11-22T13:40:00Z', rollback: 'kubectl rollout undo deploy/checkout' });
    await call('changes.record', { summary: 'Rotate search certs', service: 'search', environment: 'production', at: '2026-11-22T13:45:00Z' });
    await call('changes.record', { summary: 'Ancient change', service: 'checkout', environment: 'production', at: '2026-11-21T08:00:00Z' });
    const incident = await call('incidents.declare', { title: 'Checkout errors', severity: 1, service: 'checkout', impactStartAt: '2026-11-22T13:50:00Z' });
    await call('changes.record', { summary: 'Scale checkout to 12 replicas', service: 'checkout', environment: 'production', at: '2026-11-22T14:00:00Z' });

    const detail = await call('incidents.get', { id: incident.id });
    expect(detail.feeds.changes).toBe(true);
    expect(detail.suspects.map((s) => s.title)).toEqual(['Deploy checkout v42', 'Rotate search certs']);
    expect(detail.suspects[0]).toMatchObject({ rollbackCommand: 'kubectl rollout undo deploy/checkout', reasons: expect.arrayContaining(['10 min before impact start']) });
    const autoChanges = detail.timeline.filter((e) => e.kind === 'change');
    expect(autoChanges.map((e) => e.text)).toEqual(['Change recorded: Scale checkout to 12 replicas (checkout) by Ben']);
    expect(autoChanges[0]!.origin).toBe('auto');
  });

  it('declares from an alert (pre-filled, linked) and shows the alert firing and resolving in the timeline', async () => {
    const { call, clock } = await start('2018-03-07T11:40:00.000Z');
    const delivery = fs.readFileSync(path.join(corpusRoot, 'alertmanager/webhook-payloads/prometheus-msteams/prom_post_request.json'), 'utf8');
    await call('alerts.ingest', { kind: 'alertmanager', body: delivery });
    const alert = (await call('alerts.list', {})).alerts.find((a) => a.alertname === 'high_memory_load')!;
    expect(alert).toBeDefined();

    // Paged, acked on the board at 11:37, incident declared at 11:40: acknowledged is the ack.
    clock.set('2018-03-07T11:37:00.000Z');
    await call('alerts.ack', { ids: [alert.id] });
    clock.set('2018-03-07T11:40:00.000Z');
    const incident = await call('incidents.declare', { title: 'Docker nodes out of memory', severity: 2, alertId: alert.id });
    expect(incident).toMatchObject({ service: 'docker_nodes', summary: 'Server High Memory usage', detectionMethod: 'monitoring' });
    expect(incident.keyTimes.impactStartAt).toBe('2018-03-07T11:33:21.873Z');
    expect(incident.keyTimes.detectedAt).toBe('2018-03-07T11:33:21.873Z');
    expect(incident.keyTimes.acknowledgedAt).toBe('2018-03-07T11:37:00.000Z');
    // Without an ack of the alert, the declaration is the acknowledgement.
    const other = await call('incidents.declare', { title: 'Unacked page', severity: 3 });
    expect(other.keyTimes.acknowledgedAt).toBe('2018-03-07T11:40:00.000Z');
    expect(await call('incidents.forAlert', { alertId: alert.id })).toEqual([expect.objectContaining({ id: incident.id })]);

    clock.set('2018-03-07T12:10:00.000Z');
    const resolved = JSON.parse(delivery) as { status: string; alerts: { status?: string; endsAt: string }[] };
    resolved.status = 'resolved';
    for (const a of resolved.alerts) {
      a.status = 'resolved';
      a.endsAt = '2018-03-07T12:05:00Z';
    }
    await call('alerts.ingest', { kind: 'alertmanager', body: JSON.stringify(resolved) });

    const detail = await call('incidents.get', { id: incident.id });
    expect(detail.feeds.alerts).toBe(true);
    expect(detail.linkedAlertIds).toEqual([alert.id]);
    const alertEntries = detail.timeline.filter((e) => e.kind === 'alert' && e.origin === 'auto');
    expect(alertEntries.map((e) => e.text)).toEqual(['Alert high_memory_load firing', 'Alert high_memory_load firing → acked', 'Alert high_memory_load acked → resolved']);
    expect(alertEntries[0]!.occurredAt).toBe('2018-03-07T11:33:21.873Z');

    const review = await call('incidents.review', { weeks: 2 });
    expect(review.alertVolume24h).toBe(1);
    expect(review.weeks.reduce((n, w) => n + (w.pages ?? 0), 0)).toBe(1);

    const missing = await call('incidents.declare', { title: 'x', alertId: 'NOPE' }).catch((e: Error) => e.message);
    expect(missing).toMatch(/not_found No alert "NOPE"/);
  });

  it('refuses bad input naming the field, and unknown incidents as not_found', async () => {
    const { app } = await start();
    const noTitle = await app.dispatch('incidents.declare', { title: '  ', severity: 1 });
    expect(noTitle).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'title' })] } });
    const badSev = await app.dispatch('incidents.declare', { title: 'x', severity: 4 });
    expect(badSev).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'severity' })] } });
    const badTime = await app.dispatch('incidents.addEntry', { incidentId: 'x', kind: 'note', text: 'a', occurredAt: 'yesterday' });
    expect(badTime).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [expect.objectContaining({ path: 'occurredAt' })] } });
    const missing = await app.dispatch('incidents.get', { id: 'INC-NOPE99' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('assembles the postmortem with all six essentials and tracks remediations after close, overdue ones included', async () => {
    const { clock, call } = await start();
    const incident = await call('incidents.declare', { title: 'Payments timeouts', severity: 2, impactStartAt: '2026-11-22T13:40:00Z' });
    await call('incidents.addEntry', { incidentId: incident.id, kind: 'decision', text: 'Fail over to the secondary PSP' });
    await call('incidents.update', { id: incident.id, status: 'resolved', customersAffected: 40 });
    let pm = await call('incidents.postmortem', { id: incident.id });
    expect(pm.sections.map((s) => [s.id, s.complete])).toEqual([
      ['description', false],
      ['causes', false],
      ['stabilisation', false],
      ['timeline', true],
      ['impact', true],
      ['remediations', false],
    ]);
    pm = await call('incidents.updatePostmortem', {
      id: incident.id,
      description: 'Card payments timed out for 20 minutes.',
      causes: [{ id: 'c1', title: 'The PSP client had no timeout budget', whys: ['The default of 60 s was never reviewed'] }],
      stabilisation: 'Failed over to the secondary PSP.',
      fix: 'Timeout budget of 3 s with retries.',
    });
    const remediation = await call('incidents.addRemediation', { incidentId: incident.id, title: 'Add timeout budgets to every PSP call', owner: 'Eve', dueAt: '2026-11-29T00:00:00Z', priority: 'P1' });
    pm = await call('incidents.postmortem', { id: incident.id });
    expect(pm.sections.every((s) => s.complete)).toBe(true);
    expect(pm.markdown).toContain('| P1 | Add timeout budgets to every PSP call | Eve |');
    expect(pm.markdown).toContain('- Customer impact minutes: 800');

    expect(await call('incidents.remediations', { overdueOnly: true })).toEqual([]);
    clock.set('2026-12-01T09:00:00Z');
    const overdue = await call('incidents.remediations', { overdueOnly: true });
    expect(overdue.map((r) => r.id)).toEqual([remediation.id]);
    expect(overdue[0]).toMatchObject({ incidentRef: incident.ref, incidentTitle: 'Payments timeouts' });
    await call('incidents.updateRemediation', { id: remediation.id, status: 'done' });
    expect(await call('incidents.remediations', { overdueOnly: true })).toEqual([]);

    const review = await call('incidents.review', { weeks: 4 });
    expect(review.weeks).toHaveLength(4);
    expect(review.weeks.reduce((n, w) => n + w.sev2, 0)).toBe(1);
    expect(review.last24h).toEqual([]);
  });
});

describe('gobag incident / gobag postmortem (CLI, in process)', () => {
  it('declares with --sev and --json, prints the new incident with its id, then prints the postmortem as Markdown', async () => {
    const dir = tempDir();
    const declareIo = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'declare', 'Checkout returns 502', '--sev', '1', '--json'], declareIo)).toBe(0);
    const declared = JSON.parse(declareIo.out.join('\n'));
    expect(declared).toMatchObject({ id: expect.any(String), title: 'Checkout returns 502', severity: 1, status: 'investigating' });

    const noteIo = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'note', declared.ref, 'Rolled back checkout v42', '--kind', 'action'], noteIo)).toBe(0);
    expect(noteIo.out.join()).toMatch(/^Recorded action at /);

    const roleIo = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'role', declared.id, 'captain', 'Ben'], roleIo)).toBe(0);
    expect(roleIo.out.join()).toMatch(/^captain: Ben/);
    const commsIo = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'comms', declared.id, 'We are investigating.', '--next-minutes', '20', '--json'], commsIo)).toBe(0);
    expect(JSON.parse(commsIo.out.join('\n'))).toMatchObject({ audience: 'Customers', channel: 'Status page', nextUpdateAt: expect.any(String) });
    const badMinutes = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'comms', declared.id, 'x', '--next-minutes', 'soon'], badMinutes)).toBe(2);

    const pmIo = capture();
    expect(await runCli(['--data-dir', dir, 'postmortem', declared.id, '--format', 'md'], pmIo)).toBe(0);
    const markdown = pmIo.out.join('\n');
    expect(markdown).toContain(`# Postmortem: ${declared.ref} Checkout returns 502`);
    expect(markdown).toContain('Rolled back checkout v42');

    const badSev = capture();
    expect(await runCli(['--data-dir', dir, 'incident', 'declare', 'x', '--sev', '5'], badSev)).toBe(2);
    expect(badSev.err.join()).toContain('--sev must be 1, 2 or 3');
    const unknown = capture();
    expect(await runCli(['--data-dir', dir, 'postmortem', 'INC-ZZZZZZ'], unknown)).toBe(1);
    expect(unknown.err.join()).toContain('No incident "INC-ZZZZZZ"');
  });
});
