import type { Migration } from './types';
import { foundation } from './0001-foundation';
import { changesMigration } from './0005-changes';
import { alertsMigration } from './0002-alerts';
import { runbooksMigration } from './0003-runbooks';
import { contactsMigration } from './0004-contacts';
import { incidents } from './0006-incidents';
import { alertKeysByNameMigration } from './0007-alert-keys-by-name';
import { alertNotificationsMigration } from './0008-alert-notifications';
import { alertStateCountIndexesMigration } from './0009-alert-state-count-indexes';
import { contactsSearchRowidMigration } from './0010-contacts-search-rowid';

/** Every migration in order. A domain adds its file and one line here. */
export const migrations: readonly Migration[] = [
  foundation,
  alertsMigration,
  runbooksMigration,
  contactsMigration,
  changesMigration,
  incidents,
  alertKeysByNameMigration,
  alertNotificationsMigration,
  alertStateCountIndexesMigration,
  contactsSearchRowidMigration,
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
