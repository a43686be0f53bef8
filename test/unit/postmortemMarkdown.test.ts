import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { PostmortemMarkdown } from '../../renderer/src/views/incidents/PostmortemMarkdown';
import { openTempApp, type TempApp } from '../helpers/tempApp';

let app: TempApp | undefined;
afterEach(() => app?.close());

async function call(method: string, input: unknown): Promise<unknown> {
  const result = await app!.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

describe('the postmortem draft renders what the feeds wrote inert', () => {
  it('never loads an image or follows a non-web link from an alert summary quoted in the draft', async () => {
    app = await openTempApp();
    // The summary annotation is whatever the sender put there; declaring from the alert copies it.
    const summary =
      'Disk full ![status](//attacker.example/share/pixel.png) ![remote](https://attacker.example/p.png) ' +
      'see [runbook](https://runbooks.example/disk) or [share](//attacker.example/share) or [js](javascript:alert(1))';
    await call('alerts.ingest', {
      kind: 'alertmanager',
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        receiver: 'gobag',
        alerts: [{ status: 'firing', labels: { alertname: 'NodeDiskFull', instance: 'db-1' }, annotations: { summary }, startsAt: '2026-03-11T12:00:00Z' }],
      }),
    });
    const listed = (await call('alerts.list', {})) as { alerts: { id: string }[] };
    const incident = (await call('incidents.declare', { title: 'db-1 disk full', alertId: listed.alerts[0]!.id })) as { id: string };
    const draft = (await call('incidents.postmortem', { id: incident.id })) as { markdown: string };
    expect(draft.markdown).toContain('//attacker.example/share/pixel.png');

    const html = renderToStaticMarkup(createElement(PostmortemMarkdown, { markdown: draft.markdown }));
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('href="//attacker.example');
    expect(html).not.toMatch(/href="(javascript:|")/);
    expect(html).toContain('[image: status]');
    expect(html).toMatch(/<a href="https:\/\/runbooks\.example\/disk" target="_blank" rel="noopener noreferrer"[^>]*>runbook<\/a>/);
    expect(html).toMatch(/<a href="https:\/\/attacker\.example\/p\.png" target="_blank" rel="noopener noreferrer"[^>]*>\[image: remote\]<\/a>/);
  });
});
