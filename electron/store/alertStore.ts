import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './database';
import { newId } from './ids';
import { createSettingsStore } from './settingsStore';
import type { NormalizedAlert, Severity } from '../../shared/domain/alertPayloads';
import { compileMatchers, type CompiledMatcher, type LabelMatcher } from '../../shared/domain/alertMatchers';
import type { AlertDetail, AlertSettings, AlertSort, AlertState, AlertStateFilter, AlertSummary, Silence } from '../../shared/api/alerts';
import type { OrderRow, StoredGroup } from '../alerts/boardIndex';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The state the board shows, in SQL (the twin of `displayState` below): `prefix` is the table alias
 * with its dot, and the one `?` is now, for local silences that have run out.
 */
function displayStateSql(prefix: '' | 'a.'): string {
  return `(CASE WHEN ${prefix}state = 'resolved' THEN 'resolved'
    WHEN ${prefix}upstream_suppressed = 1 OR (${prefix}local_silence_id IS NOT NULL AND ${prefix}local_silence_ends_at > ?) THEN 'silenced'
    WHEN ${prefix}acked_at IS NOT NULL THEN 'acked' ELSE 'firing' END)`;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  flapThreshold: 4,
  flapWindowMinutes: 60,
  rawRetentionDays: 7,
  rawRetentionMaxPayloads: 20_000,
  groupBy: ['alertname', 'service/job', 'cluster'],
};
const SETTINGS_KEY = 'alerts.settings';

interface AlertRow {
  id: string;
  key: string;
  fingerprint: string;
  source_kind: string;
  source_id: string | null;
  pulled_from: string | null;
  alertname: string;
  summary: string;
  severity: Severity;
  severity_rank: number;
  severity_raw: string | null;
  state: 'firing' | 'resolved';
  labels_json: string;
  annotations_json: string;
  starts_at: string | null;
  ends_at: string | null;
  generator_url: string | null;
  upstream_silenced_json: string;
  upstream_suppressed: number;
  local_silence_id: string | null;
  local_silence_ends_at: string | null;
  acked_by: string | null;
  acked_at: string | null;
  ack_note: string | null;
  flapping: number;
  transitions: number;
  last_transition_at: string | null;
  last_raw_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Every column of `alerts` that the store writes (all but `deleted_at`), in one order for positional statements. */
const ALERT_COLUMNS = [
  'id', 'key', 'fingerprint', 'source_kind', 'source_id', 'pulled_from', 'alertname', 'summary', 'severity', 'severity_rank',
  'severity_raw', 'state', 'labels_json', 'annotations_json', 'starts_at', 'ends_at', 'generator_url', 'upstream_silenced_json',
  'upstream_suppressed', 'local_silence_id', 'local_silence_ends_at', 'acked_by', 'acked_at', 'ack_note', 'flapping', 'transitions',
  'last_transition_at', 'last_raw_id', 'first_seen_at', 'last_seen_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof AlertRow)[];

type ValuesOf<Columns extends readonly (keyof AlertRow)[]> = { -readonly [I in keyof Columns]: Columns[I] extends keyof AlertRow ? AlertRow[Columns[I]] : never };
type AlertRowValues = [...ValuesOf<typeof ALERT_COLUMNS>, AlertRow['deleted_at']];

/** An `alerts` row from the values of `ALERT_COLUMNS, deleted_at`, in that order. */
function alertRowFromValues(v: AlertRowValues): AlertRow {
  return {
    id: v[0], key: v[1], fingerprint: v[2], source_kind: v[3], source_id: v[4], pulled_from: v[5], alertname: v[6], summary: v[7],
    severity: v[8], severity_rank: v[9], severity_raw: v[10], state: v[11], labels_json: v[12], annotations_json: v[13], starts_at: v[14],
    ends_at: v[15], generator_url: v[16], upstream_silenced_json: v[17], upstream_suppressed: v[18], local_silence_id: v[19],
    local_silence_ends_at: v[20], acked_by: v[21], acked_at: v[22], ack_note: v[23], flapping: v[24], transitions: v[25],
    last_transition_at: v[26], last_raw_id: v[27], first_seen_at: v[28], last_seen_at: v[29], created_at: v[30], updated_at: v[31],
    deleted_at: v[32],
  };
}

/** Columns a plain repeat may change; if nothing else differs the row is only touched. */
const TOUCHED_ON_REPEAT: ReadonlySet<keyof AlertRow> = new Set(['source_id', 'pulled_from', 'last_raw_id', 'last_seen_at', 'updated_at']);

interface SilenceRow {
  id: string;
  origin: 'local' | 'alertmanager';
  source_id: string | null;
  upstream_id: string | null;
  matchers_json: string;
  starts_at: string;
  ends_at: string;
  created_by: string;
  comment: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/**
 * This process, as the writer of `alert_notifications`: a running app shows the notices other
 * processes stored and leaves its own to the event it emitted when it stored them.
 */
export const NOTIFYING_PROCESS = randomUUID();
/** Notices kept for processes that have not looked yet; a storm beyond this is summarised anyway. */
const KEPT_NOTIFICATIONS = 500;

export interface AlertNotification {
  id: string;
  title: string;
  body: string;
  kind: 'critical' | 'flapping';
}

export interface UpsertMeta {
  sourceId: string | null;
  rawId: string | null;
  receivedAt: string;
  /** Set by the poller: alerts it saw, so it can resolve those that disappear from its next answer. */
  pulledFrom?: string | null;
}

export interface UpsertResult {
  /** Alerts whose board position or row changed (created, or changed beyond a repeat). */
  ids: string[];
  created: number;
  updated: number;
  transitions: number;
  unknownKeys: string[];
  notify: AlertNotification[];
}

export interface AlertFilter {
  query: string;
  state: AlertStateFilter;
  sort: AlertSort;
}


export interface AlertStateTransition {
  alertId: string;
  at: string;
  fromState: AlertState | null;
  toState: AlertState;
}

function displayState(row: Pick<AlertRow, 'state' | 'upstream_suppressed' | 'local_silence_id' | 'local_silence_ends_at' | 'acked_at'>, nowIso: string): AlertState {
  if (row.state === 'resolved') return 'resolved';
  if (row.upstream_suppressed || (row.local_silence_id && row.local_silence_ends_at && row.local_silence_ends_at > nowIso)) return 'silenced';
  if (row.acked_at) return 'acked';
  return 'firing';
}


/** Labels as silences and the board see them: `alertname` is always present. */
function matchLabels(row: Pick<AlertRow, 'alertname' | 'labels_json'>): Record<string, string> {
  return { alertname: row.alertname, ...(JSON.parse(row.labels_json) as Record<string, string>) };
}

/** A JSON path for one label name, quoted so any label name is safe to look up. */
function jsonPath(name: string): string {
  return `$."${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}


const SUMMARY_COLUMNS = `a.id, a.key, a.fingerprint, a.source_kind, a.source_id, a.alertname, a.summary, a.severity, a.severity_raw, a.state,
  a.labels_json, a.starts_at, a.ends_at, a.last_seen_at, a.acked_by, a.acked_at, a.ack_note, a.upstream_silenced_json,
  a.upstream_suppressed, a.local_silence_id, a.local_silence_ends_at, a.flapping, a.transitions, a.last_transition_at,
  COALESCE(s.name, a.source_kind) AS source_name`;

type SummaryRow = Pick<
  AlertRow,
  | 'id'
  | 'key'
  | 'fingerprint'
  | 'source_kind'
  | 'source_id'
  | 'alertname'
  | 'summary'
  | 'severity'
  | 'severity_raw'
  | 'state'
  | 'labels_json'
  | 'starts_at'
  | 'ends_at'
  | 'last_seen_at'
  | 'acked_by'
  | 'acked_at'
  | 'ack_note'
  | 'upstream_silenced_json'
  | 'upstream_suppressed'
  | 'local_silence_id'
  | 'local_silence_ends_at'
  | 'flapping'
  | 'transitions'
  | 'last_transition_at'
> & { source_name: string };

/**
 * The alert replica. Every write that changes what the board shows appends an `alert_events` row
 * (from → to display state), in the same transaction as the change.
 */
export function createAlertStore(db: Db) {
  const regexCache = new Map<string, RegExp | null>();
  db.function('gobag_regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    const key = String(pattern);
    let re = regexCache.get(key);
    if (re === undefined) {
      try {
        re = new RegExp(`^(?:${key})$`);
      } catch {
        re = null;
      }
      if (regexCache.size > 200) regexCache.clear();
      regexCache.set(key, re);
    }
    return re && re.test(String(value ?? '')) ? 1 : 0;
  });

  const sourceCounts = new Map<string, { atMs: number; count: number }>();

  // Raw arrays turned into rows here: better-sqlite3 building a 33-property object per row costs twice as much.
  const selectRawByKey = db.prepare<[string], AlertRowValues>(`SELECT ${ALERT_COLUMNS.join(', ')}, deleted_at FROM alerts WHERE key = ?`).raw(true);
  const selectByKey = (key: string): AlertRow | undefined => {
    const values = selectRawByKey.get(key);
    return values ? alertRowFromValues(values) : undefined;
  };
  const selectById = db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE id = ?');
  // Positional parameters: binding 32 named properties per row costs more than the rest of the JS per alert.
  const insertAlertStatement = db.prepare(
    `INSERT INTO alerts (${ALERT_COLUMNS.join(', ')}) VALUES (${ALERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertAlert = (row: AlertRow) => insertAlertStatement.run(ALERT_COLUMNS.map((column) => row[column]));
  const UPDATED_COLUMNS = ALERT_COLUMNS.filter((column) => column !== 'id' && column !== 'key' && column !== 'fingerprint' && column !== 'source_kind' && column !== 'first_seen_at' && column !== 'created_at');
  const updateAlertStatement = db.prepare(`UPDATE alerts SET ${UPDATED_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`);
  const updateAlert = (row: AlertRow) => updateAlertStatement.run([...UPDATED_COLUMNS.map((column) => row[column]), row.id]);
  // A plain repeat changes only when and through what it was last seen: no indexed column, no other column rewritten.
  const touchAlertStatement = db.prepare('UPDATE alerts SET source_id = ?, pulled_from = ?, last_raw_id = ?, last_seen_at = ?, updated_at = ? WHERE id = ?');
  const insertEvent = db.prepare(
    `INSERT INTO alert_events (alert_id, at, at_ms, from_state, to_state, upstream_state, note, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const countUpstreamEventsSince = db.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM alert_events WHERE alert_id = ? AND at_ms >= ? AND upstream_state IS NOT NULL AND from_state IS NOT NULL',
  );
  const selectEventsForAlert = db.prepare<[string], { alert_id: string; at: string; from_state: AlertState | null; to_state: AlertState; note: string | null }>(
    'SELECT alert_id, at, from_state, to_state, note FROM alert_events WHERE alert_id = ? ORDER BY at_ms, id',
  );
  const storedSettings = createSettingsStore(db);
  const insertRaw = db.prepare(
    `INSERT INTO alert_raw_payloads (id, source_kind, source_id, via, received_at, body, bytes, body_hash, alert_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuarantine = db.prepare(
    `INSERT INTO alert_quarantine (id, source_kind, via, remote_address, received_at, body, bytes, error, issues_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSilence = db.prepare(
    `INSERT INTO alert_silences (id, origin, source_id, upstream_id, matchers_json, starts_at, ends_at, created_by, comment, created_at, updated_at)
     VALUES (@id, @origin, @source_id, @upstream_id, @matchers_json, @starts_at, @ends_at, @created_by, @comment, @created_at, @updated_at)`,
  );
  const selectSilence = db.prepare<[string], SilenceRow>('SELECT * FROM alert_silences WHERE id = ?');

  function settings(): AlertSettings {
    const stored = storedSettings.readValue(SETTINGS_KEY) as Partial<AlertSettings> | undefined;
    return { ...DEFAULT_ALERT_SETTINGS, ...stored };
  }

  // Active local silences change rarely; keep them compiled between deliveries.
  let silenceCache: { stamp: number; list: { row: SilenceRow; test: CompiledMatcher }[] } | undefined;
  let silenceStamp = 0;
  function activeSilences(nowIso: string): { row: SilenceRow; test: CompiledMatcher }[] {
    if (!silenceCache || silenceCache.stamp !== silenceStamp) {
      // Load every not-yet-ended silence; filter by start per call so scheduled windows start on time.
      const rows = db
        .prepare<[string], SilenceRow>("SELECT * FROM alert_silences WHERE origin = 'local' AND deleted_at IS NULL AND ends_at > ? ORDER BY ends_at DESC")
        .all(nowIso);
      silenceCache = {
        stamp: silenceStamp,
        list: rows.map((row) => ({ row, test: safeCompile(JSON.parse(row.matchers_json) as LabelMatcher[]) })),
      };
    }
    return silenceCache.list.filter((s) => s.row.starts_at <= nowIso && s.row.ends_at > nowIso);
  }

  function matchingSilence(row: Pick<AlertRow, 'alertname' | 'labels_json'>, silences: readonly { row: SilenceRow; test: CompiledMatcher }[]): SilenceRow | undefined {
    if (silences.length === 0) return undefined;
    const labels = matchLabels(row);
    return silences.find((s) => s.test(labels))?.row;
  }

  function recordEvent(alertId: string, atIso: string, from: AlertState | null, to: AlertState, upstreamState: 'firing' | 'resolved' | null, note: string | null, nowIso: string): void {
    insertEvent.run(alertId, atIso, Date.parse(atIso), from, to, upstreamState, note, nowIso);
  }

  function onlyTouched(before: AlertRow, next: AlertRow): boolean {
    for (const column of ALERT_COLUMNS) if (before[column] !== next[column] && !TOUCHED_ON_REPEAT.has(column)) return false;
    return true;
  }

  /** Writes `next` over `before` and records the transition of what the board shows, if any. */
  function commit(before: AlertRow, next: AlertRow, atIso: string, nowIso: string, upstreamChanged: boolean, note: string | null, fromOverride?: AlertState): boolean {
    const from = fromOverride ?? displayState(before, nowIso);
    const to = displayState(next, nowIso);
    if (onlyTouched(before, next)) touchAlertStatement.run(next.source_id, next.pulled_from, next.last_raw_id, next.last_seen_at, next.updated_at, next.id);
    else updateAlert(next);
    if (from !== to || upstreamChanged) {
      recordEvent(next.id, atIso, from, to, upstreamChanged ? next.state : null, note, nowIso);
      return true;
    }
    return false;
  }

  function applyUpsert(
    alert: NormalizedAlert,
    meta: UpsertMeta,
    result: UpsertResult,
    cfg: AlertSettings,
    silences: readonly { row: SilenceRow; test: CompiledMatcher }[],
  ): void {
    const now = meta.receivedAt;
    const existing = selectByKey(alert.key);
    const suppressed = alert.upstreamSilencedBy.length + alert.upstreamInhibitedBy.length > 0 ? 1 : 0;
    const silencedBy = suppressed ? JSON.stringify([...alert.upstreamSilencedBy, ...alert.upstreamInhibitedBy.map((id) => `inhibited:${id}`)]) : '[]';
    if (!existing) {
      if (alert.partial) {
        result.unknownKeys.push(alert.fingerprint);
        return;
      }
      const labelsJson = JSON.stringify(alert.labels);
      const row: AlertRow = {
        id: newId(Date.parse(now)),
        key: alert.key,
        fingerprint: alert.fingerprint,
        source_kind: alert.sourceKind,
        source_id: meta.sourceId,
        pulled_from: meta.pulledFrom ?? null,
        alertname: alert.alertname,
        summary: alert.summary,
        severity: alert.severity,
        severity_rank: SEVERITY_RANK[alert.severity],
        severity_raw: alert.severityRaw,
        state: alert.status,
        labels_json: labelsJson,
        annotations_json: JSON.stringify(alert.annotations),
        // No start given (Go's zero time): a resolved alert heard of only after it ended started no later than its end.
        starts_at: alert.startsAt ?? (alert.endsAt && alert.endsAt < now ? alert.endsAt : now),
        ends_at: alert.endsAt,
        generator_url: alert.generatorUrl,
        upstream_silenced_json: silencedBy,
        upstream_suppressed: suppressed,
        local_silence_id: null,
        local_silence_ends_at: null,
        acked_by: alert.upstreamAck ? 'upstream' : null,
        acked_at: alert.upstreamAck ? now : null,
        ack_note: null,
        flapping: 0,
        transitions: 0,
        last_transition_at: now,
        last_raw_id: meta.rawId,
        first_seen_at: now,
        last_seen_at: now,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      const silence = matchingSilence(row, silences);
      if (silence) {
        row.local_silence_id = silence.id;
        row.local_silence_ends_at = silence.ends_at;
      }
      insertAlert(row);
      result.ids.push(row.id);
      const state = displayState(row, now);
      // The first firing is dated by the upstream start, so history and volume show when it began.
      const at = alert.status === 'firing' ? (row.starts_at && row.starts_at < now ? row.starts_at : now) : (alert.endsAt ?? now);
      recordEvent(row.id, at, null, state, alert.status, null, now);
      result.created++;
      result.transitions++;
      if (state === 'firing' && alert.severity === 'critical') {
        result.notify.push({ id: row.id, title: `CRITICAL: ${row.alertname}`, body: row.summary || labelsLine(alert.labels), kind: 'critical' });
      }
      return;
    }

    const next: AlertRow = { ...existing, source_id: meta.sourceId ?? existing.source_id, last_raw_id: meta.rawId ?? existing.last_raw_id, last_seen_at: now, updated_at: now };
    if (meta.pulledFrom !== undefined) next.pulled_from = meta.pulledFrom;
    if (!alert.partial) {
      next.alertname = alert.alertname;
      next.summary = alert.summary;
      next.severity = alert.severity;
      next.severity_rank = SEVERITY_RANK[alert.severity];
      next.severity_raw = alert.severityRaw;
      next.labels_json = JSON.stringify(alert.labels);
      next.annotations_json = JSON.stringify(alert.annotations);
      next.generator_url = alert.generatorUrl ?? existing.generator_url;
      next.upstream_silenced_json = silencedBy;
      next.upstream_suppressed = suppressed;
      if (alert.startsAt) next.starts_at = alert.startsAt;
    }
    next.state = alert.status;
    next.ends_at = alert.status === 'resolved' ? (alert.endsAt ?? now) : null;
    if (alert.upstreamAck && !existing.acked_at) {
      next.acked_by = 'upstream';
      next.acked_at = now;
    }
    const upstreamChanged = existing.state !== alert.status;
    const refired = upstreamChanged && alert.status === 'firing';
    if (refired) {
      // A new occurrence: yesterday's ack does not cover it.
      next.acked_by = alert.upstreamAck ? 'upstream' : null;
      next.acked_at = alert.upstreamAck ? now : null;
      next.ack_note = null;
      if (!alert.startsAt || alert.startsAt < (existing.ends_at ?? '')) next.starts_at = now;
    }
    if (!next.local_silence_id || (next.local_silence_ends_at ?? '') <= now) {
      const silence = matchingSilence(next, silences);
      next.local_silence_id = silence?.id ?? null;
      next.local_silence_ends_at = silence?.ends_at ?? null;
    }
    let startedFlapping = false;
    if (upstreamChanged) {
      next.transitions = existing.transitions + 1;
      next.last_transition_at = now;
      const windowStart = Date.parse(now) - cfg.flapWindowMinutes * 60_000;
      const recent = countUpstreamEventsSince.get(existing.id, windowStart)!.n + 1;
      const flapping = recent > cfg.flapThreshold ? 1 : 0;
      startedFlapping = flapping === 1 && (existing.flapping === 0 || !withinWindow(existing.last_transition_at, windowStart));
      next.flapping = flapping;
    }
    const changed = commit(existing, next, now, now, upstreamChanged, startedFlapping ? 'flapping' : null);
    // A plain repeat (same labels, state, start) does not move the alert on any board.
    if (
      changed ||
      existing.labels_json !== next.labels_json ||
      existing.severity !== next.severity ||
      existing.starts_at !== next.starts_at ||
      existing.summary !== next.summary ||
      existing.alertname !== next.alertname ||
      existing.upstream_suppressed !== next.upstream_suppressed ||
      existing.local_silence_id !== next.local_silence_id ||
      existing.acked_at !== next.acked_at
    ) {
      result.ids.push(next.id);
    }
    result.updated++;
    if (changed) result.transitions++;
    if (startedFlapping) {
      result.notify.push({
        id: next.id,
        title: `Flapping: ${next.alertname}`,
        body: `Changed state more than ${cfg.flapThreshold} times in ${cfg.flapWindowMinutes} min; further flips will not notify.`,
        kind: 'flapping',
      });
    } else if (refired && next.flapping === 0 && next.severity === 'critical' && displayState(next, now) === 'firing') {
      result.notify.push({ id: next.id, title: `CRITICAL: ${next.alertname}`, body: next.summary || labelsLine(JSON.parse(next.labels_json) as Record<string, string>), kind: 'critical' });
    }
  }

  const insertNotification = db.prepare('INSERT INTO alert_notifications (alert_id, kind, title, body, writer, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const pruneNotifications = db.prepare('DELETE FROM alert_notifications WHERE id <= ?');
  const selectNotificationsAfter = db.prepare<[number, string], { id: number; alert_id: string; kind: AlertNotification['kind']; title: string; body: string }>(
    'SELECT id, alert_id, kind, title, body FROM alert_notifications WHERE id > ? AND writer != ? ORDER BY id',
  );
  const selectLastNotificationId = db.prepare<[], number>('SELECT COALESCE(max(id), 0) FROM alert_notifications').pluck();
  const countAlerts = db.prepare<[], number>('SELECT count(*) FROM alerts').pluck();
  // Apart: together, max(rowid) and count(*) lose their shortcuts and scan the whole table (~8 ms per 100,000 alerts).
  const selectLastRowid = db.prepare<[], number | null>('SELECT max(rowid) FROM alerts').pluck();
  const countDeleted = db.prepare<[], number>('SELECT count(*) FROM alerts WHERE deleted_at IS NOT NULL').pluck();
  const countResolved = db.prepare<[], number>("SELECT count(*) FROM alerts WHERE deleted_at IS NULL AND state = 'resolved'").pluck();
  const SILENCED_NOW = '(upstream_suppressed = 1 OR (local_silence_id IS NOT NULL AND local_silence_ends_at > ?))';
  const countSilenced = db
    .prepare<[string], number>(
      `SELECT count(*) FROM alerts WHERE deleted_at IS NULL AND state = 'firing' AND (upstream_suppressed = 1 OR local_silence_id IS NOT NULL) AND ${SILENCED_NOW}`,
    )
    .pluck();
  const countAcked = db
    .prepare<[string], number>(`SELECT count(*) FROM alerts WHERE deleted_at IS NULL AND state = 'firing' AND acked_at IS NOT NULL AND NOT ${SILENCED_NOW}`)
    .pluck();

  const upsertTransaction = db.transaction((alerts: readonly NormalizedAlert[], meta: UpsertMeta, result: UpsertResult) => {
    const cfg = settings();
    // Every alert of a delivery is judged at the same instant: compile and filter the silences once.
    const silences = activeSilences(meta.receivedAt);
    for (const alert of alerts) applyUpsert(alert, meta, result, cfg, silences);
    if (result.notify.length > 0) {
      let last = 0;
      for (const n of result.notify) last = Number(insertNotification.run(n.id, n.kind, n.title, n.body, NOTIFYING_PROCESS, meta.receivedAt).lastInsertRowid);
      if (last > KEPT_NOTIFICATIONS) pruneNotifications.run(last - KEPT_NOTIFICATIONS);
    }
  });

  function toSummary(row: SummaryRow, nowIso: string): AlertSummary {
    const silencedBy = JSON.parse(row.upstream_silenced_json) as string[];
    const localActive = row.local_silence_id && row.local_silence_ends_at && row.local_silence_ends_at > nowIso;
    return {
      id: row.id,
      key: row.key,
      fingerprint: row.fingerprint,
      sourceKind: row.source_kind as AlertSummary['sourceKind'],
      sourceName: row.source_name,
      alertname: row.alertname,
      summary: row.summary,
      severity: row.severity,
      severityRaw: row.severity_raw,
      upstreamState: row.state,
      state: displayState(row, nowIso),
      labels: JSON.parse(row.labels_json) as Record<string, string>,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      lastSeenAt: row.last_seen_at,
      ackedBy: row.acked_by,
      ackedAt: row.acked_at,
      ackNote: row.ack_note,
      silencedBy: localActive ? [`local:${row.local_silence_id}`, ...silencedBy] : silencedBy,
      flapping: row.flapping === 1,
      transitions: row.transitions,
    };
  }

  /** SQL WHERE for a board filter; regex matchers run through `gobag_regexp`. */
  function whereFor(filter: AlertFilter, matchers: readonly LabelMatcher[], words: readonly string[], nowIso: string): { sql: string; params: unknown[] } {
    const clauses: string[] = ['a.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (filter.state === 'active') clauses.push("a.state = 'firing'");
    else if (filter.state === 'resolved') clauses.push("a.state = 'resolved'");
    else if (filter.state !== 'all') {
      clauses.push(`a.state = 'firing' AND ${displayStateSql('a.')} = ?`);
      params.push(nowIso, filter.state);
    }
    for (const m of matchers) {
      const labelColumn = m.name !== 'severity' && m.name !== 'alertname';
      const column = m.name === 'severity' ? 'a.severity' : m.name === 'alertname' ? 'a.alertname' : "COALESCE(json_extract(a.labels_json, ?), '')";
      if (m.isRegex) {
        clauses.push(`gobag_regexp(?, ${column}) = ?`);
        params.push(m.value, ...(labelColumn ? [jsonPath(m.name)] : []), m.isEqual ? 1 : 0);
      } else {
        clauses.push(`${column} ${m.isEqual ? '=' : '!='} ?`);
        params.push(...(labelColumn ? [jsonPath(m.name)] : []), m.value);
      }
    }
    for (const word of words) {
      // LIKE is case-insensitive for ASCII; label values are matched inside the labels JSON.
      clauses.push("(a.alertname || ' ' || a.summary || ' ' || a.labels_json) LIKE ? ESCAPE '\\'");
      params.push(`%${escapeLike(word)}%`);
    }
    return { sql: clauses.join(' AND '), params };
  }

  /**
   * The rows a board filter selects, with what ordering and grouping need: id, rank, starts,
   * alertname (only when sorting by it), firing, and the group's label values joined by
   * GROUP_VALUE_SEPARATOR (char 31) as group_key.
   */
  function boardRowSql(
    filter: AlertFilter,
    groupBy: readonly string[],
    nowIso: string,
    matchers: readonly LabelMatcher[],
    words: readonly string[],
    ids?: readonly string[],
    rowids?: { from: number; to: number },
  ): { sql: string; params: unknown[] } {
    const where = whereFor(filter, matchers, words, nowIso);
    const groupParams: string[] = [];
    const groupColumns = groupBy.map((entry) => {
      const names = entry.split('/').filter(Boolean);
      const parts = names.map((name) => {
        if (name === 'alertname') return "NULLIF(a.alertname, '')";
        if (name === 'severity') return 'a.severity';
        groupParams.push(jsonPath(name));
        return "NULLIF(json_extract(a.labels_json, ?), '')";
      });
      return `COALESCE(${[...parts, "''"].join(', ')})`;
    });
    const groupKey = groupColumns.length > 0 ? groupColumns.join(' || char(31) || ') : "''";
    return {
      sql: `SELECT a.id AS id, a.severity_rank AS rank, COALESCE(a.starts_at, '') AS starts, ${filter.sort === 'alertname' ? 'a.alertname' : "''"} AS alertname,
          ${displayStateSql('a.')} = 'firing' AS firing, ${groupKey} AS group_key
        FROM alerts a WHERE ${where.sql}${ids ? ' AND a.id IN (SELECT value FROM json_each(?))' : ''}${rowids ? ' AND a.rowid >= ? AND a.rowid < ?' : ''}`,
      params: [nowIso, ...groupParams, ...where.params, ...(ids ? [JSON.stringify(ids)] : []), ...(rowids ? [rowids.from, rowids.to] : [])],
    };
  }

  return {
    settings,
    updateSettings(patch: Partial<AlertSettings>, nowIso: string): AlertSettings {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<AlertSettings>;
      const next = { ...settings(), ...defined };
      storedSettings.writeValue(SETTINGS_KEY, next, nowIso);
      return next;
    },

    /**
     * Inserts or updates alerts by identity in one transaction. Repeats update the row; state
     * changes, acks and silences append to `alert_events`.
     */
    upsertBatch(alerts: readonly NormalizedAlert[], meta: UpsertMeta): UpsertResult {
      const result: UpsertResult = { ids: [], created: 0, updated: 0, transitions: 0, unknownKeys: [], notify: [] };
      upsertTransaction(alerts, meta, result);
      return result;
    },

    /** Id of the newest stored notice: where a process starts watching for other processes' notices. */
    lastNotificationId(): number {
      return selectLastNotificationId.get() ?? 0;
    },

    /** Notices stored by other processes after `afterId`, oldest first. */
    notificationsFromOthersAfter(afterId: number): (AlertNotification & { seq: number })[] {
      return selectNotificationsAfter.all(afterId, NOTIFYING_PROCESS).map((n) => ({ seq: n.id, id: n.alert_id, kind: n.kind, title: n.title, body: n.body }));
    },

    /** Alerts a poller saw before that its latest answer no longer lists: resolved now. */
    resolveMissing(pulledFrom: string, presentKeys: ReadonlySet<string>, nowIso: string): string[] {
      const rows = db.prepare<[string], AlertRow>("SELECT * FROM alerts WHERE pulled_from = ? AND state = 'firing'").all(pulledFrom);
      const resolved: string[] = [];
      db.transaction(() => {
        for (const row of rows) {
          if (presentKeys.has(row.key)) continue;
          commit(row, { ...row, state: 'resolved', ends_at: nowIso, updated_at: nowIso, transitions: row.transitions + 1, last_transition_at: nowIso }, nowIso, nowIso, true, 'no longer listed by the Alertmanager');
          resolved.push(row.id);
        }
      })();
      return resolved;
    },

    get(id: string, nowIso: string = new Date().toISOString()): AlertDetail | undefined {
      const row = db.prepare<[string, string], SummaryRow & Pick<AlertRow, 'annotations_json' | 'generator_url' | 'first_seen_at' | 'last_raw_id'>>(
        `SELECT ${SUMMARY_COLUMNS}, a.annotations_json, a.generator_url, a.first_seen_at, a.last_raw_id
         FROM alerts a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ? OR a.key = ?`,
      ).get(id, id) as (SummaryRow & Pick<AlertRow, 'annotations_json' | 'generator_url' | 'first_seen_at' | 'last_raw_id'>) | undefined;
      if (!row) return undefined;
      const raw = row.last_raw_id
        ? db.prepare<[string], { id: string; received_at: string; via: string; bytes: number }>('SELECT id, received_at, via, bytes FROM alert_raw_payloads WHERE id = ?').get(row.last_raw_id)
        : undefined;
      return {
        ...toSummary(row, nowIso),
        annotations: JSON.parse(row.annotations_json) as Record<string, string>,
        generatorUrl: row.generator_url,
        firstSeenAt: row.first_seen_at,
        history: selectEventsForAlert.all(row.id).map((e) => ({ alertId: e.alert_id, at: e.at, fromState: e.from_state, toState: e.to_state, note: e.note })),
        rawPayload: row.last_raw_id
          ? raw
            ? { id: raw.id, receivedAt: raw.received_at, via: raw.via, bytes: raw.bytes, available: true }
            : { id: row.last_raw_id, receivedAt: '', via: '', bytes: 0, available: false }
          : null,
      };
    },

    /** State transitions of these alerts (for incident timelines), oldest first. */
    eventsForAlerts(alertIds: string[], fromIso?: string, toIso?: string): AlertStateTransition[] {
      if (alertIds.length === 0) return [];
      const from = fromIso ? Date.parse(fromIso) : -8.64e15;
      const to = toIso ? Date.parse(toIso) : 8.64e15;
      return db
        .prepare<[string, number, number], { alert_id: string; at: string; from_state: AlertState | null; to_state: AlertState }>(
          `SELECT alert_id, at, from_state, to_state FROM alert_events
           WHERE alert_id IN (SELECT value FROM json_each(?)) AND at_ms >= ? AND at_ms <= ? ORDER BY at_ms, id`,
        )
        .all(JSON.stringify(alertIds), from, to)
        .map((e) => ({ alertId: e.alert_id, at: e.at, fromState: e.from_state, toState: e.to_state }));
    },

    ack(ids: readonly string[], by: string, note: string | null, nowIso: string): string[] {
      const changed: string[] = [];
      db.transaction(() => {
        for (const id of ids) {
          const row = selectById.get(id);
          if (!row || row.state === 'resolved') continue;
          commit(row, { ...row, acked_by: by, acked_at: nowIso, ack_note: note, updated_at: nowIso }, nowIso, nowIso, false, note ? `acked by ${by}: ${note}` : `acked by ${by}`);
          changed.push(id);
        }
      })();
      return changed;
    },

    unack(ids: readonly string[], nowIso: string): string[] {
      const changed: string[] = [];
      db.transaction(() => {
        for (const id of ids) {
          const row = selectById.get(id);
          if (!row || !row.acked_at) continue;
          commit(row, { ...row, acked_by: null, acked_at: null, ack_note: null, updated_at: nowIso }, nowIso, nowIso, false, 'ack removed');
          changed.push(id);
        }
      })();
      return changed;
    },

    /**
     * A board filter's alerts per group, aggregated by SQL: counts now, rows (JSON, decoded when
     * the board first needs them) later. Group values come from json_extract in SQL. `rowids`
     * limits it to one slice of the table ([from, to)), for a build done a slice at a time.
     */
    boardGroups(
      filter: AlertFilter,
      groupBy: readonly string[],
      nowIso: string,
      matchers: readonly LabelMatcher[],
      words: readonly string[],
      rowids?: { from: number; to: number },
    ): StoredGroup[] {
      const board = boardRowSql(filter, groupBy, nowIso, matchers, words, undefined, rowids);
      const raw = db
        .prepare(
          `SELECT group_key, count(*), sum(rank = 0), sum(rank = 1), sum(firing),
             '[' || group_concat(json_array(id, rank, starts, firing${filter.sort === 'alertname' ? ', alertname' : ''}), ',') || ']'
           FROM (${board.sql}) GROUP BY group_key`,
        )
        .raw(true)
        .all(...board.params) as [string, number, number, number, number, string][];
      return raw.map(([key, count, critical, warning, firing, json]) => ({
        key,
        count,
        critical,
        warning,
        firing,
        rows: () =>
          (JSON.parse(json) as [string, number, string, number, string?][]).map(([id, rank, starts, isFiring, alertname]) => ({
            id,
            rank,
            starts,
            alertname: alertname ?? '',
            firing: isFiring === 1,
            groupKey: key,
          })),
      }));
    },

    /** The highest rowid of the alerts table (where a build by slices stops: later rows arrive as changes) and the row count. */
    alertRowidSpan(): { last: number; count: number } {
      return { last: selectLastRowid.get() ?? 0, count: countAlerts.get()! };
    },

    /** The rows of a few alerts (`ids`) as a board filter sees them, to patch a kept board; absent ones left the filter. */
    orderRows(filter: AlertFilter, groupBy: readonly string[], nowIso: string, matchers: readonly LabelMatcher[], words: readonly string[], ids: readonly string[]): OrderRow[] {
      const board = boardRowSql(filter, groupBy, nowIso, matchers, words, ids);
      const raw = db
        .prepare(`SELECT id, rank, starts, alertname, firing, group_key FROM (${board.sql})`)
        .raw(true)
        .all(...board.params) as [string, number, string, string, number, string][];
      return raw.map(([id, rank, starts, alertname, firing, groupKey]) => ({ id, rank, starts, alertname, firing: firing === 1, groupKey }));
    },

    summariesByIds(ids: readonly string[], nowIso: string): AlertSummary[] {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM alerts a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toSummary(row, nowIso)] : [];
      });
    },

    /**
     * Every alert per display state, counted in the partial indexes of migration 0009 (the WHERE
     * clauses must stay word for word theirs): resolved, silenced and acked are counted, firing is
     * the rest of the live alerts.
     */
    stateCounts(nowIso: string): Record<AlertState, number> {
      const all = countAlerts.get()! - countDeleted.get()!;
      const resolved = countResolved.get()!;
      const silenced = countSilenced.get(nowIso)!;
      const acked = countAcked.get(nowIso)!;
      return { firing: all - resolved - silenced - acked, acked, silenced, resolved };
    },

    /** Alerts that started firing (first firing and re-fires) per bucket, by severity. */
    volume(fromIso: string, toIso: string, bucketMinutes: number): { t: string; critical: number; warning: number; info: number }[] {
      const from = Date.parse(fromIso);
      const to = Date.parse(toIso);
      const bucketMs = bucketMinutes * 60_000;
      const buckets = Math.max(0, Math.min(10_000, Math.ceil((to - from) / bucketMs)));
      const out = Array.from({ length: buckets }, (_, i) => ({ t: new Date(from + i * bucketMs).toISOString(), critical: 0, warning: 0, info: 0 }));
      const rows = db
        .prepare<[number, number, number, number], { b: number; severity: Severity; n: number }>(
          `SELECT CAST((e.at_ms - ?) / ? AS INTEGER) AS b, a.severity AS severity, count(*) AS n
           FROM alert_events e JOIN alerts a ON a.id = e.alert_id
           WHERE e.upstream_state = 'firing' AND e.at_ms >= ? AND e.at_ms < ?
           GROUP BY b, a.severity`,
        )
        .all(from, bucketMs, from, to);
      for (const r of rows) {
        const bucket = out[r.b];
        if (bucket) bucket[r.severity] += r.n;
      }
      return out;
    },

    // ----- raw payloads and quarantine -----

    storeRaw(input: { kind: string; sourceId: string | null; via: string; receivedAt: string; body: string; alertCount: number }): string {
      const id = newId(Date.parse(input.receivedAt));
      insertRaw.run(id, input.kind, input.sourceId, input.via, input.receivedAt, input.body, Buffer.byteLength(input.body), bodyHash(input.body), input.alertCount);
      return id;
    },

    lastRawHash(sourceId: string): string | undefined {
      return db.prepare<[string], { body_hash: string }>('SELECT body_hash FROM alert_raw_payloads WHERE source_id = ? ORDER BY received_at DESC, id DESC LIMIT 1').get(sourceId)?.body_hash;
    },

    /** Applies the retention setting: older than N days, or beyond the newest M payloads. */
    pruneRaw(nowIso: string): number {
      const cfg = settings();
      const cutoff = new Date(Date.parse(nowIso) - cfg.rawRetentionDays * 86_400_000).toISOString();
      let removed = db.prepare('DELETE FROM alert_raw_payloads WHERE received_at < ?').run(cutoff).changes;
      const total = db.prepare('SELECT count(*) FROM alert_raw_payloads').pluck().get() as number;
      if (total > cfg.rawRetentionMaxPayloads) {
        removed += db
          .prepare('DELETE FROM alert_raw_payloads WHERE id IN (SELECT id FROM alert_raw_payloads ORDER BY received_at, id LIMIT ?)')
          .run(total - cfg.rawRetentionMaxPayloads).changes;
      }
      return removed;
    },

    getRaw(id: string): { id: string; kind: string; via: string; receivedAt: string; body: string; quarantined: boolean; error: string | null } | undefined {
      const accepted = db
        .prepare<[string], { id: string; source_kind: string; via: string; received_at: string; body: string }>('SELECT id, source_kind, via, received_at, body FROM alert_raw_payloads WHERE id = ?')
        .get(id);
      if (accepted) return { id, kind: accepted.source_kind, via: accepted.via, receivedAt: accepted.received_at, body: accepted.body, quarantined: false, error: null };
      const refused = db
        .prepare<[string], { source_kind: string; via: string; received_at: string; body: string; error: string }>('SELECT source_kind, via, received_at, body, error FROM alert_quarantine WHERE id = ?')
        .get(id);
      if (refused) return { id, kind: refused.source_kind, via: refused.via, receivedAt: refused.received_at, body: refused.body, quarantined: true, error: refused.error };
      return undefined;
    },

    quarantine(input: { kind: string; via: string; remoteAddress: string | null; receivedAt: string; body: string; error: string; issues: { path: string; message: string }[] }): string {
      const id = newId(Date.parse(input.receivedAt));
      insertQuarantine.run(id, input.kind, input.via, input.remoteAddress, input.receivedAt, input.body, Buffer.byteLength(input.body), input.error, JSON.stringify(input.issues));
      return id;
    },

    quarantineCount(): number {
      return db.prepare('SELECT count(*) FROM alert_quarantine').pluck().get() as number;
    },

    listQuarantine(limit: number) {
      return db
        .prepare<[number], { id: string; source_kind: string; via: string; received_at: string; error: string; issues_json: string; bytes: number; preview: string }>(
          'SELECT id, source_kind, via, received_at, error, issues_json, bytes, substr(body, 1, 400) AS preview FROM alert_quarantine ORDER BY received_at DESC, id DESC LIMIT ?',
        )
        .all(limit)
        .map((r) => ({
          id: r.id,
          kind: r.source_kind,
          via: r.via,
          receivedAt: r.received_at,
          error: r.error,
          issues: JSON.parse(r.issues_json) as { path: string; message: string }[],
          bytes: r.bytes,
          preview: r.preview,
        }));
    },

    // ----- silences -----

    createSilence(input: { matchers: LabelMatcher[]; startsAt: string; endsAt: string; createdBy: string; comment: string }, nowIso: string): string {
      const id = newId(Date.parse(nowIso));
      db.transaction(() => {
        insertSilence.run({
          id,
          origin: 'local',
          source_id: null,
          upstream_id: null,
          matchers_json: JSON.stringify(input.matchers),
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          created_by: input.createdBy,
          comment: input.comment,
          created_at: nowIso,
          updated_at: nowIso,
        });
        silenceStamp++;
        if (input.startsAt <= nowIso) applySilenceToAlerts(id, nowIso);
      })();
      return id;
    },

    expireSilence(id: string, nowIso: string): boolean {
      const row = selectSilence.get(id);
      if (!row || row.origin !== 'local') return false;
      db.transaction(() => {
        if (row.ends_at > nowIso) db.prepare('UPDATE alert_silences SET ends_at = ?, updated_at = ? WHERE id = ?').run(nowIso, nowIso, id);
        silenceStamp++;
        releaseSilencedAlerts(db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE local_silence_id = ?').all(id), nowIso, 'silence expired');
      })();
      return true;
    },

    /**
     * Time passing: silences that ended release their alerts, silences whose start arrived
     * (maintenance windows) take hold. Returns how many alerts changed.
     */
    reconcileSilences(sinceIso: string, nowIso: string): number {
      let changed = 0;
      db.transaction(() => {
        const expired = db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE local_silence_id IS NOT NULL AND local_silence_ends_at <= ?').all(nowIso);
        if (expired.length) {
          silenceStamp++;
          changed += releaseSilencedAlerts(expired, nowIso, 'silence ended');
        }
        const started = db
          .prepare<[string, string, string], { id: string }>(
            "SELECT id FROM alert_silences WHERE origin = 'local' AND deleted_at IS NULL AND starts_at > ? AND starts_at <= ? AND ends_at > ?",
          )
          .all(sinceIso, nowIso, nowIso);
        if (started.length) silenceStamp++;
        for (const s of started) changed += applySilenceToAlerts(s.id, nowIso);
      })();
      return changed;
    },

    silenceRow(id: string): SilenceRow | undefined {
      return selectSilence.get(id);
    },

    listSilences(includeExpired: boolean, nowIso: string): Silence[] {
      const rows = includeExpired
        ? db.prepare<[], SilenceRow & { source_name: string | null }>(
            'SELECT x.*, s.name AS source_name FROM alert_silences x LEFT JOIN sources s ON s.id = x.source_id WHERE x.deleted_at IS NULL ORDER BY x.ends_at DESC LIMIT 1000',
          ).all()
        : db
            .prepare<[string], SilenceRow & { source_name: string | null }>(
              'SELECT x.*, s.name AS source_name FROM alert_silences x LEFT JOIN sources s ON s.id = x.source_id WHERE x.deleted_at IS NULL AND x.ends_at > ? ORDER BY x.ends_at DESC',
            )
            .all(nowIso);
      return rows.map((row) => toSilence(row, nowIso));
    },

    silence(id: string, nowIso: string): Silence | undefined {
      const row = db
        .prepare<[string], SilenceRow & { source_name: string | null }>('SELECT x.*, s.name AS source_name FROM alert_silences x LEFT JOIN sources s ON s.id = x.source_id WHERE x.id = ?')
        .get(id);
      return row ? toSilence(row, nowIso) : undefined;
    },

    /** Mirrors an Alertmanager's own silences (for display; its alerts carry `silencedBy`). */
    replaceUpstreamSilences(
      sourceId: string,
      silences: { id: string; matchers: LabelMatcher[]; startsAt: string; endsAt: string; createdBy: string; comment: string; state: string }[],
      nowIso: string,
    ): void {
      const upsert = db.prepare(
        `INSERT INTO alert_silences (id, origin, source_id, upstream_id, matchers_json, starts_at, ends_at, created_by, comment, created_at, updated_at)
         VALUES (@id, 'alertmanager', @source_id, @upstream_id, @matchers_json, @starts_at, @ends_at, @created_by, @comment, @now, @now)
         ON CONFLICT (source_id, upstream_id) WHERE origin = 'alertmanager' DO UPDATE SET matchers_json = excluded.matchers_json,
           starts_at = excluded.starts_at, ends_at = excluded.ends_at, comment = excluded.comment, updated_at = excluded.updated_at, deleted_at = NULL`,
      );
      db.transaction(() => {
        const seen = new Set<string>();
        for (const s of silences) {
          // Our own silences come back from the Alertmanager too: show them once, as ours.
          const ours = db.prepare("SELECT 1 FROM alert_silence_outbox WHERE source_id = ? AND upstream_id = ? AND op = 'create'").get(sourceId, s.id);
          if (ours) continue;
          seen.add(s.id);
          upsert.run({
            id: newId(),
            source_id: sourceId,
            upstream_id: s.id,
            matchers_json: JSON.stringify(s.matchers),
            starts_at: s.startsAt,
            ends_at: s.state === 'expired' && s.endsAt > nowIso ? nowIso : s.endsAt,
            created_by: s.createdBy,
            comment: s.comment,
            now: nowIso,
          });
        }
        const known = db.prepare<[string], { id: string; upstream_id: string }>(
          "SELECT id, upstream_id FROM alert_silences WHERE origin = 'alertmanager' AND source_id = ? AND deleted_at IS NULL",
        ).all(sourceId);
        for (const k of known) if (!seen.has(k.upstream_id)) db.prepare('UPDATE alert_silences SET deleted_at = ?, updated_at = ? WHERE id = ?').run(nowIso, nowIso, k.id);
      })();
    },

    // ----- silence outbox (to Alertmanager) -----

    enqueueSilencePush(silenceId: string, sourceId: string, op: 'create' | 'expire', nowIso: string): void {
      db.prepare(
        `INSERT INTO alert_silence_outbox (id, silence_id, source_id, op, state, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
      ).run(newId(), silenceId, sourceId, op, nowIso, nowIso);
    },

    pendingSilencePushes(sourceId: string): { id: string; silenceId: string; op: 'create' | 'expire'; attempts: number }[] {
      return db
        .prepare<[string], { id: string; silence_id: string; op: 'create' | 'expire'; attempts: number }>(
          "SELECT id, silence_id, op, attempts FROM alert_silence_outbox WHERE source_id = ? AND state = 'pending' ORDER BY created_at, id",
        )
        .all(sourceId)
        .map((r) => ({ id: r.id, silenceId: r.silence_id, op: r.op, attempts: r.attempts }));
    },

    upstreamIdFor(silenceId: string, sourceId: string): string | undefined {
      return (
        db
          .prepare<[string, string], { upstream_id: string | null }>(
            "SELECT upstream_id FROM alert_silence_outbox WHERE silence_id = ? AND source_id = ? AND op = 'create' AND state = 'sent'",
          )
          .get(silenceId, sourceId)?.upstream_id ?? undefined
      );
    },

    markSilencePush(id: string, outcome: { state: 'pending' | 'sent' | 'failed'; error: string | null; upstreamId?: string }, nowIso: string): void {
      db.prepare(
        'UPDATE alert_silence_outbox SET state = ?, attempts = attempts + 1, last_error = ?, upstream_id = COALESCE(?, upstream_id), updated_at = ? WHERE id = ?',
      ).run(outcome.state, outcome.error, outcome.upstreamId ?? null, nowIso, id);
    },

    // ----- pull bookkeeping -----

    pullState(sourceId: string): { failingSince: string | null } {
      const row = db.prepare<[string], { failing_since: string | null }>('SELECT failing_since FROM alert_pull_state WHERE source_id = ?').get(sourceId);
      return { failingSince: row?.failing_since ?? null };
    },

    setFailingSince(sourceId: string, failingSince: string | null): void {
      db.prepare(
        `INSERT INTO alert_pull_state (source_id, failing_since) VALUES (?, ?)
         ON CONFLICT (source_id) DO UPDATE SET failing_since = excluded.failing_since`,
      ).run(sourceId, failingSince);
    },

    /** Firing alerts of a source, for its item count; a full count at most every few seconds per source. */
    countForSource(sourceId: string, nowIso: string, createdSince: number): number {
      const cached = sourceCounts.get(sourceId);
      const nowMs = Date.parse(nowIso);
      if (cached && nowMs - cached.atMs < 5_000 && nowMs >= cached.atMs) {
        cached.count += createdSince;
        return cached.count;
      }
      const count = db.prepare("SELECT count(*) FROM alerts WHERE source_id = ? AND state = 'firing'").pluck().get(sourceId) as number;
      sourceCounts.set(sourceId, { atMs: nowMs, count });
      return count;
    },
  };

  function applySilenceToAlerts(silenceId: string, nowIso: string): number {
    const row = selectSilence.get(silenceId)!;
    const test = safeCompile(JSON.parse(row.matchers_json) as LabelMatcher[]);
    const candidates = db.prepare<[], AlertRow>('SELECT * FROM alerts WHERE deleted_at IS NULL').all();
    let changed = 0;
    for (const alert of candidates) {
      if (!test(matchLabels(alert))) continue;
      // Several silences may match: keep the one that lasts longest.
      if (alert.local_silence_id && (alert.local_silence_ends_at ?? '') > nowIso && (alert.local_silence_ends_at ?? '') >= row.ends_at) continue;
      if (commit(alert, { ...alert, local_silence_id: row.id, local_silence_ends_at: row.ends_at, updated_at: nowIso }, nowIso, nowIso, false, `silenced: ${row.comment}`)) changed++;
    }
    return changed;
  }

  function releaseSilencedAlerts(rows: AlertRow[], nowIso: string, note: string): number {
    let changed = 0;
    for (const alert of rows) {
      const other = activeSilences(nowIso).find((s) => s.row.id !== alert.local_silence_id && s.test(matchLabels(alert)))?.row;
      const next = { ...alert, local_silence_id: other?.id ?? null, local_silence_ends_at: other?.ends_at ?? null, updated_at: nowIso };
      // The event is dated when the silence ended, not when we noticed.
      const at = alert.local_silence_ends_at && alert.local_silence_ends_at < nowIso ? alert.local_silence_ends_at : nowIso;
      // Judge "before" as it was while the silence held, not as the clock already sees it.
      const before = displayState({ ...alert, local_silence_ends_at: '9999-12-31T23:59:59.999Z' }, nowIso);
      if (commit(alert, next, at, nowIso, false, note, before)) changed++;
    }
    return changed;
  }

  function toSilence(row: SilenceRow & { source_name: string | null }, nowIso: string): Silence {
    const matchers = JSON.parse(row.matchers_json) as LabelMatcher[];
    const push = db
      .prepare<[string], { source_name: string | null; state: 'pending' | 'sent' | 'failed'; last_error: string | null; attempts: number }>(
        `SELECT s.name AS source_name, o.state, o.last_error, o.attempts FROM alert_silence_outbox o
         LEFT JOIN sources s ON s.id = o.source_id WHERE o.silence_id = ? AND o.op = 'create' ORDER BY o.created_at`,
      )
      .all(row.id)
      .map((p) => ({ sourceName: p.source_name ?? '?', state: p.state, lastError: p.last_error, attempts: p.attempts }));
    const matchingAlerts =
      row.origin === 'local'
        ? (db.prepare("SELECT count(*) FROM alerts WHERE local_silence_id = ? AND state = 'firing'").pluck().get(row.id) as number)
        : (db.prepare("SELECT count(*) FROM alerts WHERE state = 'firing' AND upstream_silenced_json LIKE ?").pluck().get(`%"${row.upstream_id ?? ''}"%`) as number);
    return {
      id: row.id,
      matchers: matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual })),
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      createdBy: row.created_by,
      comment: row.comment,
      createdAt: row.created_at,
      origin: row.origin,
      sourceName: row.source_name,
      upstreamId: row.upstream_id,
      status: row.ends_at <= nowIso ? 'expired' : row.starts_at > nowIso ? 'pending' : 'active',
      push,
      matchingAlerts,
    };
  }
}

function safeCompile(matchers: LabelMatcher[]): CompiledMatcher {
  try {
    return compileMatchers(matchers);
  } catch {
    return () => false;
  }
}

function withinWindow(iso: string | null, windowStartMs: number): boolean {
  return iso !== null && Date.parse(iso) >= windowStartMs;
}

function labelsLine(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export type AlertStore = ReturnType<typeof createAlertStore>;
