import type { Migration } from './types';

/**
 * Alertmanager alert keys become `alertmanager:<alertname>:<fingerprint>` (see `alertmanagerKey`):
 * the same identity, ordered so that one notification group's alerts sit together in the unique
 * key index. Fingerprints hash the whole label set, alertname included, so no two rows can collide.
 */
export const alertKeysByNameMigration: Migration = {
  version: 7,
  name: 'alert-keys-by-name',
  up: `
    UPDATE alerts
    SET key = 'alertmanager:' || COALESCE(json_extract(labels_json, '$.alertname'), '') || ':' || fingerprint
    WHERE source_kind = 'alertmanager';
  `,
};
