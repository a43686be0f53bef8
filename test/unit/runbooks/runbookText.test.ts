import { describe, expect, it } from 'vitest';
import { buildFtsQuery, pathAfterPrefix, resolveRelativePath, splitIdentifierWords, stripHugoShortcodes } from '../../../shared/domain/runbookText';

describe('runbook text rules', () => {
  it('turns a search box into a safe FTS5 query: words AND-ed, phrases kept, last word a prefix while typing', () => {
    expect(buildFtsQuery('etcd no lead').all).toBe('"etcd" AND "no" AND "lead"*');
    expect(buildFtsQuery('etcd no leader ').all).toBe('"etcd" AND "no" AND "leader"');
    expect(buildFtsQuery('"no leader" etcd').all).toBe('"no leader" AND "etcd"*');
    expect(buildFtsQuery('disk "no space"').all).toBe('"disk" AND "no space"');
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
