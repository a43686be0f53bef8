import type { Db } from './database';
import type { SettingsStore } from './settingsStore';

export interface IntegrityCheck {
  checkedAt: string;
  ok: boolean;
  /** "ok", or SQLite's first findings. */
  detail: string;
}

const SETTINGS_KEY = 'integrityCheck';

/**
 * SQLite's quick_check of the replica, and when it last ran. It reads every page (≈170 ms per
 * 100 MB here), so it runs before migrations and in the background of the long-running app, not
 * in front of every CLI command or the first screen.
 */
export function createIntegrityStore(db: Db, settings: SettingsStore) {
  return {
    check(nowIso: string): IntegrityCheck {
      let findings: string[];
      try {
        findings = (db.pragma('quick_check(10)') as { quick_check: string }[]).map((row) => row.quick_check);
      } catch (error) {
        // Damage bad enough that SQLite refuses to walk the file is a finding too.
        findings = [(error as Error).message];
      }
      const ok = findings.length === 1 && findings[0] === 'ok';
      const result: IntegrityCheck = { checkedAt: nowIso, ok, detail: findings.join('; ') };
      // A corrupt page may refuse the write too; the caller still gets the finding.
      try {
        settings.writeValue(SETTINGS_KEY, result, nowIso);
      } catch {
        // Reported through the return value.
      }
      return result;
    },
    last(): IntegrityCheck | null {
      return (settings.readValue(SETTINGS_KEY) as IntegrityCheck | undefined) ?? null;
    },
  };
}
