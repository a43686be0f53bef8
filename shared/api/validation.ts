import type { z } from 'zod';
import type { ApiError } from './result';

export interface FieldIssue {
  path: string;
  message: string;
}

/** zod issues as dotted field paths (`alerts.0.labels`), optionally under a prefix such as a batch index. */
export function fieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

/** The first five issues on one line, `path: message; …`, with a count of the rest. */
export function summarizeIssues(issues: readonly FieldIssue[]): string {
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return issues.length > 5 ? `${summary} (and ${issues.length - 5} more)` : summary;
}

/** Turns zod issues into a message that names the bad field, e.g. `alerts.0.labels: expected object`. */
export function describeZodError(error: z.ZodError, what = 'input'): ApiError {
  const issues = fieldIssues(error);
  return { code: 'invalid_input', message: `Invalid ${what}: ${summarizeIssues(issues)}`, issues };
}
