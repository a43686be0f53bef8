/**
 * Alertmanager-style label matchers (`=`, `!=`, `=~`, `!~`), used by silences and by the board's
 * filter box. Regexes are anchored like Alertmanager's (`^(?:re)$`).
 */
export interface LabelMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** false for `!=` and `!~`. */
  isEqual: boolean;
}

export function matcherOperator(m: LabelMatcher): '=' | '!=' | '=~' | '!~' {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

export function formatMatcher(m: LabelMatcher): string {
  return `${m.name}${matcherOperator(m)}${JSON.stringify(m.value)}`;
}

/** Compiles an anchored regex; throws a message naming the matcher when the pattern is invalid. */
export function compileMatcherRegex(m: LabelMatcher): RegExp {
  try {
    return new RegExp(`^(?:${m.value})$`);
  } catch (error) {
    throw new Error(`Matcher ${m.name}${matcherOperator(m)}${m.value}: invalid regular expression (${(error as Error).message})`);
  }
}

export type CompiledMatcher = (labels: Record<string, string>) => boolean;

export function compileMatcher(m: LabelMatcher): CompiledMatcher {
  if (m.isRegex) {
    const re = compileMatcherRegex(m);
    // A missing label matches like the empty string, as in Alertmanager.
    return (labels) => re.test(labels[m.name] ?? '') === m.isEqual;
  }
  return (labels) => ((labels[m.name] ?? '') === m.value) === m.isEqual;
}

/** True when every matcher matches (an empty list matches nothing, so a silence can never mute everything by accident). */
export function compileMatchers(matchers: readonly LabelMatcher[]): CompiledMatcher {
  if (matchers.length === 0) return () => false;
  const compiled = matchers.map(compileMatcher);
  return (labels) => compiled.every((test) => test(labels));
}

const MATCHER_PATTERN = /^([a-zA-Z_][a-zA-Z0-9_.\-]*)\s*(=~|!~|!=|=)\s*(.*)$/;

/**
 * Parses `alertname="Disk full", instance=~"web.*"`, or the board's unquoted form
 * `service=api severity=critical`. Returns matchers and the words that were not matchers
 * (free text for the board). Quoted values may contain spaces and commas.
 */
export function parseMatcherQuery(text: string): { matchers: LabelMatcher[]; words: string[]; errors: string[] } {
  const matchers: LabelMatcher[] = [];
  const words: string[] = [];
  const errors: string[] = [];
  for (const token of tokenize(text.replace(/^\s*\{/, '').replace(/\}\s*$/, ''))) {
    const match = MATCHER_PATTERN.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const [, name, op, rawValue] = match as unknown as [string, string, string, string];
    let value = rawValue;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    const matcher: LabelMatcher = { name, value, isRegex: op === '=~' || op === '!~', isEqual: op === '=' || op === '=~' };
    if (matcher.isRegex) {
      try {
        compileMatcherRegex(matcher);
      } catch (error) {
        errors.push((error as Error).message);
        continue;
      }
    }
    matchers.push(matcher);
  }
  return { matchers, words, errors };
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && quoted && i + 1 < text.length) {
      current += ch + text[i + 1]!;
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ',' || /\s/.test(ch))) {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}
