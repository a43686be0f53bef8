/**
 * The incident console's vocabulary: severities, statuses, roles, categories, entry kinds. Plain
 * values, so the renderer can use them without loading the API's validation schemas.
 */
export const SEVERITIES = [1, 2, 3] as const;
export const INCIDENT_STATUSES = ['investigating', 'identified', 'stable', 'resolved'] as const;
export const STANDARD_ROLES = ['commander', 'captain', 'communications', 'operations'] as const;
export const ROLE_LABELS: Record<string, string> = {
  commander: 'Incident commander',
  captain: 'Battle captain (scribe)',
  communications: 'Communications',
  operations: 'Operations lead',
};
export const DETECTION_METHODS = ['monitoring', 'customer_report', 'internal'] as const;
export const CATEGORIES = ['change', 'capacity', 'hardware', 'software_bug', 'dependency', 'other'] as const;
export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], string> = {
  change: 'Change-related',
  capacity: 'Capacity / traffic',
  hardware: 'Hardware',
  software_bug: 'Pre-existing software bug',
  dependency: 'Dependency / vendor',
  other: 'Other',
};
/** Kinds a person writes; the rest are written by Gobag itself (status, role, severity, task, alert, change). */
export const MANUAL_ENTRY_KINDS = ['note', 'action', 'decision', 'hypothesis', 'comms'] as const;
export const ENTRY_KINDS = [...MANUAL_ENTRY_KINDS, 'status', 'role', 'severity', 'task', 'key_time', 'alert', 'change'] as const;
export const HYPOTHESIS_STATES = ['open', 'confirmed', 'refuted'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const REMEDIATION_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export const REMEDIATION_PRIORITIES = ['P1', 'P2', 'P3'] as const;
export const KEY_TIME_FIELDS = ['impactStartAt', 'detectedAt', 'acknowledgedAt', 'stableAt', 'resolvedAt'] as const;
