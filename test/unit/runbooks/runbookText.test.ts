import { describe, expect, it } from 'vitest';
import { buildFtsQuery, buildSnippet, extractSearchFilters, pathAfterPrefix, resolveRelativePath, splitIdentifierWords, stripHugoShortcodes } from '../../../shared/domain/runbookText';

describe('runbook text rules', () => {
  it('turns a search box into a safe FTS5 query: words AND-ed, phrases kept, last word a prefix while typing', () => {
    expect(buildFtsQuery('etcd no lead').all).toBe('"etcd" AND "no" AND "lead"*');
    expect(buildFtsQuery('etcd no leader ').all).toBe('"etcd" AND "no" AND "leader"');
    expect(buildFtsQuery('"no leader" etcd').all).toBe('"no leader" AND "etcd"*');
    expect(buildFtsQuery('node "no space"').all).toBe('"node" AND "no space"');
    expect(buildFtsQuery('kube* OR (NEAR "x').all).toBe('"kube" AND "OR" AND "NEAR" AND "x"');
    expect(buildFtsQuery('  ').all).toBe('');
    expect(buildFtsQuery('a b').any).toBe('"a" OR "b"*');
  });

  it('splits alert names into words', () => {
    expect(splitIdentifierWords('etcdNoLeader')).toBe('etcd No Leader');
    expect(splitIdentifierWords('KubeAPIErrorBudgetBurn')).toBe('Kube API Error Budget Burn');
  });

  it('resolves Hugo ref shortcodes to their target and removes the rest', () => {
    expect(stripHugoShortcodes('See [x]({{< ref "./NodeRAIDDegraded.md" >}}).')).toBe('See [x](./NodeRAIDDegraded.md).');
    expect(stripHugoShortcodes('[new]({{< param BookRepo >}}/new/main)')).toBe('[new](/new/main)');
    expect(stripHugoShortcodes('{{< hint info >}}careful{{< /hint >}}')).toBe('careful');
  });

  it('maps URLs under a prefix case-insensitively, keeping the fragment', () => {
    expect(pathAfterPrefix('https://Runbooks.Example.com/runbooks/etcd/etcdnoleader/#mitigation', 'https://runbooks.example.com/runbooks')).toEqual({
      path: 'etcd/etcdnoleader',
      fragment: 'mitigation',
    });
    expect(pathAfterPrefix('https://other.example.com/x', 'https://runbooks.example.com/')).toBeUndefined();
    expect(resolveRelativePath('a/b/c.md', '../d.md')).toBe('a/d.md');
    expect(resolveRelativePath('a.md', '../../etc/passwd')).toBeUndefined();
  });
});

describe('search snippets', () => {
  it('centres on the densest run of matches and marks word forms of the query (restart → restarting)', () => {
    const text =
      'Meaning: the service is down. ' + 'filler '.repeat(40) + 'If the pod keeps restarting, check its logs with kubectl logs and restart the deployment. ' + 'tail '.repeat(40);
    const parts = buildSnippet(text, buildFtsQuery('pod restart ').highlight);
    expect(parts[0]).toEqual({ text: '…', match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['pod', 'restarting', 'restart']);
    expect(parts.map((p) => p.text).join('')).toContain('If the pod keeps restarting');
  });

  it('marks the word being typed by prefix, and starts at the top when nothing matches', () => {
    expect(buildSnippet('Run kubectl rollout undo now', buildFtsQuery('rollo').highlight).filter((p) => p.match)).toEqual([{ text: 'rollout', match: true }]);
    expect(buildSnippet('First words of the section', buildFtsQuery('absent ').highlight)).toEqual([{ text: 'First words of the section', match: false }]);
  });
});

describe('typed filters', () => {
  it('takes tag: and source: out of the query', () => {
    expect(extractSearchFilters('tag:storage etcd source:"open shift" leader')).toEqual({ text: ' etcd  leader', tag: 'storage', source: 'open shift' });
    expect(extractSearchFilters('etcd no leader')).toEqual({ text: 'etcd no leader' });
  });
});
