import type { Migration } from './types';
import { foundation } from './0001-foundation';

/** Every migration in order. A domain adds its file and one line here. */
export const migrations: readonly Migration[] = [
  foundation,
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);
