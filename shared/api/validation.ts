import type { z } from 'zod';
import type { ApiError } from './result';

/** Turns zod issues into a message that names the bad field, e.g. `alerts.0.labels: expected object`. */
export function describeZodError(error: z.ZodError, what = 'input'): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return { code: 'invalid_input', message: `Invalid ${what}: ${summary}${more}`, issues };
}
