/**
 * `decodeURIComponent`, or the text as given when its %-escapes are malformed (`%E0`, a lone `%`):
 * paths, link targets, cookies and URL user-info come from other people's files and requests, and
 * one bad escape must not turn into an exception (a 500, a skipped runbook link).
 */
export function decodeUriComponentOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
