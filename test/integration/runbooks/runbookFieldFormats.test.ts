import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, openTempApp, tempDir, type TempApp } from '../../helpers/tempApp';

/** A 1×1 PNG, so the stored image is a real one. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

function writeTree(files: Record<string, string>): string {
  const dir = tempDir('gobag-runbook-field-');
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

/*
 * Shortened reproductions of collections met in the second real-file pass (upstream named on
 * each); the upstream files are not copied into the project.
 */

/** grafana/loki operator/docs/lokistack/sop.md: one section per alert, its name spelled out in words. */
const LOKISTACK_SOP = `---
title: "Standard Operational Procedures"
---

The following page describes Standard Operational Procedures for alerts provided and managed by the Loki Operator.

## Loki Request Errors

### Impact

A service(s) is unable to perform its duties for a number of requests, resulting in potential loss of data.

### Steps

- Check the logs of the service that is emitting the server error (5XX)

## LokiStack Write Request Errors

### Impact

The LokiStack Gateway component is unable to perform its duties for a number of write requests.
`;

/** gitlab-com/runbooks docs/redis/redis.md: the alert is named only in the text; the heading spells it out. */
const GITLAB_REDIS = `# Troubleshooting

## Failed to collect Redis metrics

### Symptoms

- You see alerts like \`FailedToCollectRedisMetrics\`.
`;

/** grafana/loki operator/docs/standard-operational-procedures/alert-loki-request-errors.md: the title names the alert, the file name does not. */
const LOKI_ALERT_PAGE = `---
title: "Alert - LokiRequestErrors"
description: "The standard operational procedure for alert LokiRequestErrors"
---

## Impact

A service(s) is unable to perform its duties for a number of requests, resulting in potential loss of data.
`;

describe('runbook collections of the second real-file pass: alert lookup, links, file types', () => {
  let app: TempApp | undefined;
  afterEach(() => app?.close());

  it('finds an alert by a heading that spells its name in words, and by a runbook title that names it', async () => {
    app = await openTempApp();
    const sopDir = writeTree({ 'operator/docs/lokistack/sop.md': LOKISTACK_SOP, 'docs/redis/redis.md': GITLAB_REDIS });
    await callApi(app, 'runbooks.import', { dir: sopDir, name: 'sop' });

    const errors = await callApi(app, 'runbooks.find', { ref: 'LokiRequestErrors' });
    expect(errors).toMatchObject({ matchedBy: 'heading', heading: 'loki-request-errors' });
    expect(errors.sectionMarkdown).toContain('emitting the server error');
    expect(errors.sectionMarkdown).not.toContain('write requests');
    expect((await callApi(app, 'runbooks.find', { ref: 'LokiStackWriteRequestErrors' })).heading).toBe('lokistack-write-request-errors');
    const byName = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'FailedToCollectRedisMetrics' }, annotations: {} });
    expect(byName).toMatchObject({ found: true, matchedBy: 'heading', heading: 'failed-to-collect-redis-metrics' });
    // The alert name typed into search lands on its section first.
    const search = await callApi(app, 'runbooks.search', { query: 'LokiStackWriteRequestErrors', limit: 3 });
    expect(search.hits[0]).toMatchObject({ path: 'operator/docs/lokistack/sop.md', heading: 'LokiStack Write Request Errors' });

    // A page of its own, titled after the alert, is preferred to a section of the collected SOP.
    const pageDir = writeTree({ 'operator/docs/standard-operational-procedures/alert-loki-request-errors.md': LOKI_ALERT_PAGE });
    await callApi(app, 'runbooks.import', { dir: pageDir, name: 'pages' });
    const page = await callApi(app, 'runbooks.resolveForAlert', { labels: { alertname: 'LokiRequestErrors' }, annotations: {} });
    expect(page).toMatchObject({ found: true, matchedBy: 'alertname' });
    expect(page.found && page.runbook.path).toBe('operator/docs/standard-operational-procedures/alert-loki-request-errors.md');
    // A title that only shares a word with the alert does not claim it.
    expect((await callApi(app, 'runbooks.find', { ref: 'LokiRequestPanics' }).catch(() => undefined))).toBeUndefined();
  });

  it('imports a tech-docs-template collection (.html.md.erb) and resolves links and site URLs to its built .html pages', async () => {
    // hmcts/ops-runbooks: every page is source/**/*.html.md.erb and links its neighbours as `known-issues.html`.
    app = await openTempApp();
    const dir = writeTree({
      'source/aks/known-issues.html.md.erb': '---\ntitle: AKS Known Issues\n---\n\n# <%= current_page.data.title %>\n\n## DaemonSet Failed Scheduling\n\nA pod on a specific node may fail scheduling and block the rolling update.\n',
      'source/aks/if-something-goes-wrong.html.md.erb':
        '---\ntitle: If Something Goes Wrong\n---\n\n# <%= current_page.data.title %>\n\nThe most common issues are covered [here](known-issues.html#daemonset-failed-scheduling).\n',
    });
    const report = await callApi(app, 'runbooks.import', { dir, name: 'hmcts' });
    expect(report).toMatchObject({ added: 2, runbookCount: 2 });
    const search = await callApi(app, 'runbooks.search', { query: 'daemonset scheduling', limit: 3 });
    expect(search.hits[0]).toMatchObject({ title: 'AKS Known Issues', heading: 'DaemonSet Failed Scheduling' });

    const guide = await callApi(app, 'runbooks.find', { ref: 'source/aks/if-something-goes-wrong.html.md.erb' });
    const known = await callApi(app, 'runbooks.find', { ref: 'source/aks/known-issues.html.md.erb' });
    expect(guide.runbook.links['known-issues.html#daemonset-failed-scheduling']).toEqual({ runbookId: known.runbook.id, anchor: 'daemonset-failed-scheduling' });
    const byUrl = await callApi(app, 'runbooks.resolveForAlert', {
      labels: { alertname: 'AksNodeNotReady' },
      annotations: { runbook_url: 'https://hmcts.github.io/ops-runbooks/aks/known-issues.html#daemonset-failed-scheduling' },
    });
    expect(byUrl).toMatchObject({ found: true, matchedBy: 'url', heading: 'daemonset-failed-scheduling' });
  });

  it('stores and shows a screenshot written as a lone HTML <img> line, like a Markdown image', async () => {
    // hmcts/ops-runbooks source/Camunda/troubleshooting.html.md.erb sizes its screenshots in HTML.
    app = await openTempApp();
    const dir = writeTree({
      'source/Camunda/troubleshooting.html.md.erb':
        '---\ntitle: Camunda Troubleshooting\n---\n\n## Camunda Cleanup\n\n- When logged in you will need to access Cockpit\n\n    <img src="images/cockpit.png" style="height:100px;">\n\n- Then open `more` and `cleanup`\n\n```html\n<img src="images/cockpit.png">\n```\n',
    });
    fs.mkdirSync(path.join(dir, 'source/Camunda/images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'source/Camunda/images/cockpit.png'), PNG);
    const report = await callApi(app, 'runbooks.import', { dir, name: 'hmcts' });
    expect(report).toMatchObject({ added: 1, imagesStored: 1, warnings: [] });
    const detail = (await callApi(app, 'runbooks.find', { ref: 'source/Camunda/troubleshooting.html.md.erb' })).runbook;
    expect(detail.markdown).toContain('    ![](<images/cockpit.png>)');
    expect(detail.markdown).toContain('```html\n<img src="images/cockpit.png">\n```');
    expect(detail.images['images/cockpit.png']).toMatch(/^data:image\/png;base64,/);
  });
});
