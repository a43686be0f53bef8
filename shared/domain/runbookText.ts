/**
 * Pure text rules shared by the runbook indexer (backend) and the reader (renderer), so a
 * heading anchor computed while importing is the same id the reader puts on the heading.
 */

/** GitHub-style heading slug: lowercase, punctuation dropped, spaces to dashes. */
export function slugifyHeading(text: string): string {
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
  return slug || 'section';
}

/**
 * A heading's explicit id, written after it as Pandoc/Hugo/kramdown/MkDocs (attr_list) attributes:
 * `## Overview {#overview}`, `### Step 1 {#step-1 .note}`, `## Fix {: #fix }`. Links in such runbooks
 * point at that id (`[step 1](#step-1)`), not at the slug of the text.
 */
const HEADING_ID_ATTRIBUTE = /^\{:?\s*#([\p{L}\p{N}_.:-]+)(?:\s[^{}]*)?\}\s*$/u;

/** `Overview {#overview}` → `{ text: 'Overview', id: 'overview' }`; headings without attributes unchanged. */
export function splitHeadingId(headingText: string): { text: string; id?: string } {
  // The attribute holds no brace, so it opens at the last `{`: matching there only keeps a heading
  // with a long run of spaces from costing a scan per position (quadratic).
  const open = headingText.lastIndexOf('{');
  if (open <= 0) return { text: headingText };
  const match = HEADING_ID_ATTRIBUTE.exec(headingText.slice(open));
  const text = headingText.slice(0, open).trimEnd();
  if (!match || !text) return { text: headingText };
  return { text, id: match[1]! };
}

/** Hands out unique anchors in document order, the way GitHub suffixes repeated headings (-1, -2); an explicit `{#id}` is used as written. */
export function createAnchorAllocator(): (headingText: string) => string {
  const seen = new Map<string, number>();
  return (headingText) => {
    const explicit = splitHeadingId(headingText);
    if (explicit.id && !seen.has(explicit.id)) {
      seen.set(explicit.id, 0);
      return explicit.id;
    }
    const base = slugifyHeading(explicit.text);
    const count = seen.get(base);
    if (count === undefined) {
      seen.set(base, 0);
      return base;
    }
    let next = count + 1;
    while (seen.has(`${base}-${next}`)) next++;
    seen.set(base, next);
    seen.set(`${base}-${next}`, 0);
    return `${base}-${next}`;
  };
}

/**
 * The alert a heading names, for single-file collections that write it with a label or quotes:
 * `Alert Name: "KubeAPIDown"` (kubernetes-mixin runbook.md, datastax cassandra mixin),
 * `` `KubeAPIDown` ``, `Alert: KubeAPIDown {#kubeapidown}` → `KubeAPIDown`. Other headings come back trimmed.
 */
export function alertNameOfHeading(heading: string): string {
  const text = splitHeadingId(heading)
    .text.replace(/^\s*(?:alert\s*name|alertname|alert)\s*[:：]\s*/i, '')
    .trim();
  const quoted = /^[`"'“‘](.+)[`"'”’]$/.exec(text);
  return (quoted ? quoted[1]! : text).trim();
}

/**
 * The alert name a heading spells out in words: `Loki Request Errors` → `LokiRequestErrors`,
 * `Failed to collect Redis metrics` → `FailedtocollectRedismetrics` (compared without case). The
 * grafana/loki LokiStack SOP and gitlab-com/runbooks title their sections so, and name the alert
 * nowhere else. Only for ASCII headings of 2–8 words; undefined otherwise.
 */
export function headingAsAlertName(heading: string): string | undefined {
  const text = splitHeadingId(heading).text;
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  const words = text.match(/[A-Za-z0-9]+/g);
  if (!words || words.length < 2 || words.length > 8) return undefined;
  const joined = words.join('');
  return joined.length <= 80 ? joined : undefined;
}

/** Whether `heading` names the alert: as its label or quoted name, as one of its words, or spelled out in words. */
export function headingNamesAlert(heading: string, alertname: string): 'name' | 'word' | 'words' | undefined {
  const wanted = alertname.trim().toLowerCase();
  if (!wanted) return undefined;
  if (alertNameOfHeading(heading).toLowerCase() === wanted) return 'name';
  if (headingIdentifiers(heading).some((word) => word.toLowerCase() === wanted)) return 'word';
  return headingAsAlertName(heading)?.toLowerCase() === wanted ? 'words' : undefined;
}

/** Identifier-like words of a heading (`KubeAPIDown (critical)` → KubeAPIDown, critical), for an alert named inside a longer heading. */
export function headingIdentifiers(heading: string): string[] {
  return splitHeadingId(heading).text.match(/[\p{L}\p{N}_:.-]+/gu) ?? [];
}

/**
 * "etcdNoLeader" → "etcd No Leader", "KubePodCrashLooping" → "Kube Pod Crash Looping": alert
 * names are written as one token, but people search for their words.
 */
export function splitIdentifierWords(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ');
}

/**
 * Hugo shortcodes are template calls that mean nothing outside Hugo: `{{< ref "x.md" >}}` becomes
 * the link target it names, opening/closing shortcodes (`{{< hint >}}…{{< /hint >}}`) are dropped
 * and keep their inner text, anything else (`{{< param BookRepo >}}`) is removed.
 */
export function stripHugoShortcodes(markdown: string): string {
  return hugoCodeBlocksAsFences(markdown)
    .replace(/\{\{[<%]\s*(?:rel)?ref\s+"([^"]*)"\s*[>%]\}\}/g, '$1')
    .replace(/\{\{[<%]\s*(?:rel)?ref\s+([^\s>%"]+)\s*[>%]\}\}/g, '$1')
    // A shortcode ends before the next one opens: an unclosed `{{<` is left as text instead of being
    // searched to the end of the file from every one (quadratic on a file of them).
    .replace(/\{\{<(?:(?!\{\{<)[\s\S])*?>\}\}|\{\{%(?:(?!\{\{%)[\s\S])*?%\}\}/g, '');
}

// The attributes end before the next `{{<`: `[^>]*` scanned to the end of the file from every opening
// of a file of unclosed ones.
const HUGO_CODE_OPENING = /(^[ \t]*)?\{\{<\s*(highlight|text)\b((?:(?!\{\{<)[^>])*)>\}\}/gm;
const HUGO_CODE_TAG = /\{\{<\s*(\/?)(highlight|text)\b/g;
const HUGO_CLOSING_END = /\s*>\}\}/y;

/**
 * `{{< highlight shell >}}…{{< /highlight >}}` is Hugo's code block, and istio.io writes every
 * command as `{{< text bash >}}…{{< /text >}}`: kept as fenced ones (as text, a `# comment` line
 * in the code became a heading). The fence goes at the opening's indentation so a block inside a
 * list item stays in it. The code stops at the next opening of its kind, so an unclosed one stays
 * text. A scan rather than one regex: blank runs around the code made a regex backtrack over every
 * split of them (5,000 spaces after an unclosed opening took minutes).
 */
function hugoCodeBlocksAsFences(markdown: string): string {
  if (!markdown.includes('{{<')) return markdown;
  let out = '';
  let copiedUpTo = 0;
  HUGO_CODE_OPENING.lastIndex = 0;
  for (let opening = HUGO_CODE_OPENING.exec(markdown); opening; opening = HUGO_CODE_OPENING.exec(markdown)) {
    const [whole, indent, name, attributes] = opening;
    const bodyStart = opening.index + whole.length;
    let closeStart = -1;
    let closeEnd = -1;
    HUGO_CODE_TAG.lastIndex = bodyStart;
    for (let tag = HUGO_CODE_TAG.exec(markdown); tag; tag = HUGO_CODE_TAG.exec(markdown)) {
      if (tag[2] !== name) continue;
      if (!tag[1]) break;
      HUGO_CLOSING_END.lastIndex = tag.index + tag[0].length;
      if (HUGO_CLOSING_END.test(markdown)) {
        closeStart = tag.index;
        closeEnd = HUGO_CLOSING_END.lastIndex;
        break;
      }
    }
    if (closeStart < 0) continue;
    const codeStart = skipLeadingBlankAndNewline(markdown, bodyStart, closeStart);
    const code = markdown.slice(codeStart, trimTrailingNewlineAndBlank(markdown, codeStart, closeStart));
    const margin = indent ?? '';
    const fence = codeFenceFor(code);
    out += `${markdown.slice(copiedUpTo, opening.index)}\n${margin}${fence}${shortcodeLanguage(attributes!)}\n${code}\n${margin}${fence}\n`;
    copiedUpTo = closeEnd;
    HUGO_CODE_OPENING.lastIndex = closeEnd;
  }
  return copiedUpTo === 0 ? markdown : out + markdown.slice(copiedUpTo);
}

/** After the opening: its spaces and tabs, then one line break. */
function skipLeadingBlankAndNewline(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && (text[at] === ' ' || text[at] === '\t')) at++;
  if (at < to && text[at] === '\r') at++;
  if (at < to && text[at] === '\n') at++;
  return at;
}

/** Before the closing: its indentation, then one line break. */
function trimTrailingNewlineAndBlank(text: string, from: number, to: number): number {
  let at = to;
  while (at > from && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  if (at > from && text[at - 1] === '\n') at--;
  if (at > from && text[at - 1] === '\r') at--;
  return at;
}

/** `shell "linenos=table"` → shell, `bash yaml` (istio: command, then output) → bash, `syntax="bash"` → bash. */
function shortcodeLanguage(attributes: string): string {
  const named = /\b(?:syntax|lang)\s*=\s*"([\w+#.-]*)"/.exec(attributes);
  return named ? named[1]! : /^\s*([\w+#.-]*)/.exec(attributes)![1]!;
}

/** A backtick fence longer than any run of backticks in the code, so a ``` line inside cannot close it. */
function codeFenceFor(code: string): string {
  let longest = 0;
  for (const run of code.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * An `<img src="images/cockpit.png" style="height:100px;">` standing alone on its line (hmcts/ops-runbooks
 * source/Camunda/troubleshooting.html.md.erb, README-style screenshots sized in HTML) as a Markdown image:
 * the reader shows no raw HTML, so the screenshot of the step was missing, and as Markdown a local one
 * is stored with the runbook and shown offline. Tags inside fenced code, or beside other text, stay as written.
 */
export function htmlImagesAsMarkdown(markdown: string): string {
  if (!/<img\b/i.test(markdown)) return markdown;
  const inFencedCode = fencedCodeTracker();
  return markdown
    .split('\n')
    .map((line) => {
      if (inFencedCode(line)) return line;
      const tag = /^([ \t]*)<img\b([^<>]*)>[ \t]*$/i.exec(line);
      if (!tag) return line;
      const src = htmlAttribute(tag[2]!, 'src');
      if (!src) return line;
      const alt = (htmlAttribute(tag[2]!, 'alt') ?? '').replace(/[[\]\\]/g, '');
      return `${tag[1]}![${alt}](<${src.replace(/[<>]/g, '')}>)`;
    })
    .join('\n');
}

/**
 * A line that is only GitLab's table-of-contents placeholder, `[[_TOC_]]` or `[TOC]` (any case;
 * gitlab-com/runbooks pages open with one): GitLab draws the headings there, the reader showed the
 * marker as text and search indexed it. Dropped outside fenced code, where it is an example.
 */
export function dropTableOfContentsMarkers(markdown: string): string {
  if (!/\[\[?_?toc_?\]\]?/i.test(markdown)) return markdown;
  const inFencedCode = fencedCodeTracker();
  return markdown
    .split('\n')
    .filter((line) => inFencedCode(line) || !TOC_MARKER_LINE.test(line))
    .join('\n');
}

const TOC_MARKER_LINE = /^ {0,3}(?:\[\[_toc_\]\]|\[toc\])[ \t\r]*$/i;

/** `Title: SidekiqQueueTooLarge` (the heading gitlab-com/runbooks alert pages open with) → `SidekiqQueueTooLarge`. */
export function stripTitleLabel(heading: string): string {
  return heading.replace(/^\s*title\s*[:：]\s*(?=\S)/i, '');
}

function htmlAttribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  const value = match ? (match[1] ?? match[2] ?? match[3] ?? '').trim() : '';
  return value || undefined;
}

/**
 * ERB tags of tech-docs-template pages (`.html.md.erb`): `<%= current_page.data.title %>` is the
 * page title, `<%= warning_text('Deleting an app is irreversible.') %>` a warning (shown in bold),
 * and other tags (partials, helpers) template code, removed. Tags inside
 * fenced code are examples and stay as written.
 */
export function renderErbTags(markdown: string, title: string): string {
  if (!markdown.includes('<%')) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  let prose: string[] = [];
  const inFencedCode = fencedCodeTracker();
  const flushProse = () => {
    if (prose.length) out.push(replaceErbTags(prose.join('\n'), title));
    prose = [];
  };
  for (const line of lines) {
    if (inFencedCode(line)) {
      // Only the opening fence has prose before it; inside the code there is none to flush.
      flushProse();
      out.push(line);
    } else prose.push(line);
  }
  flushProse();
  return out.join('\n');
}

function replaceErbTags(text: string, title: string): string {
  // A tag ends before the next one opens: an unclosed `<%` stays text instead of being searched to
  // the end of the file from each one (quadratic).
  return text.replace(/<%([=#-]?)((?:(?!<%)[\s\S])*?)-?%>/g, (_all, kind: string, code: string) => {
    if (kind !== '=') return '';
    const expression = code.trim();
    if (expression === 'current_page.data.title') return title;
    const warning = /^warning_text\s*\(?\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*\)?$/.exec(expression);
    return warning ? `**Warning: ${warning[2]!.replace(/\\(.)/g, '$1')}**` : '';
  });
}

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * A line-by-line reader of fenced code: called on each line in order, true for the lines of a fenced
 * block, its opening and closing fences included (a closing fence is one at least as long, of the same character).
 */
function fencedCodeTracker(): (line: string) => boolean {
  let fence: string | undefined;
  return (line) => {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      return true;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return true;
    }
    return false;
  };
}

const MKDOCS_ADMONITION = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"]*)")?[ \t]*$/;
// The title starts at a non-space (`\S.*`, trimmed later): `[ \t]+(.+?)[ \t]*$` was quadratic on a run of spaces.
const DOCUSAURUS_ADMONITION = /^([ \t]*)(:{3,})[ \t]*([\w-]+)(?:\[([^\]]*)\]|[ \t]+(\S.*))?[ \t]*$/;
const DOCUSAURUS_CLOSE = /^[ \t]*(:{3,})[ \t]*$/;
const MAX_ADMONITION_NESTING = 8;
const GITHUB_ALERT = /^([ \t]*(?:>[ \t]?)+)\[!(note|tip|important|warning|caution)\][ \t]*$/i;
const GITBOOK_HINT = /^([ \t]*)\{%[ \t]*hint[ \t]+style=["']?(\w+)["']?[ \t]*%\}[ \t]*$/;
const GITBOOK_HINT_CLOSE = /^[ \t]*\{%[ \t]*endhint[ \t]*%\}[ \t]*$/;
/** Key of the `{% endhint %}` lines beside the `:::` closers (never a run of colons). */
const GITBOOK_HINT_KEY = 'endhint';

function admonitionTitle(type: string, title: string | undefined): string {
  const kind = type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
  return title?.trim() ? `**${kind}: ${title.trim()}**` : `**${kind}**`;
}

/**
 * MkDocs (`!!! warning "Title"` + a 4-space indented body), Docusaurus (`:::note` … `:::`) and
 * GitBook (`{% hint style="info" %}` … `{% endhint %}`) admonitions as Markdown blockquotes: GFM
 * reads an MkDocs body as a code block and shows `:::` and `{% … %}` as text. A GitHub alert's
 * `> [!WARNING]` becomes the same bold title. Fenced code is left alone.
 */
export function normaliseAdmonitions(markdown: string, depth = 0): string {
  // Each level re-reads its body: past a depth no real page has, bodies stay as written (a file of
  // 1,000 nested admonitions took ~5 s).
  if (depth >= MAX_ADMONITION_NESTING) return markdown;
  if (!markdown.includes('!!!') && !markdown.includes('???') && !markdown.includes(':::') && !markdown.includes('[!') && !markdown.includes('{%')) return markdown;
  const lines = markdown.split('\n');
  const out: string[] = [];
  const inFencedCode = fencedCodeTracker();
  // Closing `:::` lines by their colons, found once: searching the rest of the file from every
  // opener was quadratic on a file of unclosed openers.
  const closers = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const close = DOCUSAURUS_CLOSE.exec(line);
    if (!close) return;
    const list = closers.get(close[1]!);
    if (list) list.push(index);
    else closers.set(close[1]!, [index]);
  });
  // GitBook `{% endhint %}` lines, found once for the same reason.
  const hintClosers: number[] = [];
  lines.forEach((line, index) => {
    if (GITBOOK_HINT_CLOSE.test(line)) hintClosers.push(index);
  });
  const closerAfter = (colons: string, index: number): number => {
    const list = colons === GITBOOK_HINT_KEY ? hintClosers : (closers.get(colons) ?? []);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]! > index) high = middle;
      else low = middle + 1;
    }
    return low < list.length ? list[low]! : -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFencedCode(line)) {
      out.push(line);
      continue;
    }
    const mkdocs = MKDOCS_ADMONITION.exec(line);
    if (mkdocs) {
      const indent = mkdocs[1]!;
      const bodyIndent = indent.length + 4;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const next = lines[j]!;
        if (next.trim() === '') body.push('');
        else if (/^[ \t]*/.exec(next)![0].replace(/\t/g, '    ').length >= bodyIndent) body.push(next.replace(/\t/g, '    ').slice(bodyIndent));
        else break;
      }
      while (body.length && body[body.length - 1] === '') {
        body.pop();
        j--;
      }
      out.push(`${indent}> ${admonitionTitle(mkdocs[2]!, mkdocs[3])}`, `${indent}>`);
      for (const bodyLine of normaliseAdmonitions(body.join('\n'), depth + 1).split('\n')) out.push(bodyLine ? `${indent}> ${bodyLine}` : `${indent}>`);
      i = j - 1;
      continue;
    }
    // GitHub alerts: `> [!WARNING]` alone on the first line of a quote is its title, not text.
    const githubAlert = GITHUB_ALERT.exec(line);
    if (githubAlert && (i === 0 || !/^[ \t]*>/.test(lines[i - 1]!))) {
      out.push(`${githubAlert[1]}${admonitionTitle(githubAlert[2]!, undefined)}`);
      continue;
    }
    const hint = GITBOOK_HINT.exec(line);
    if (hint) {
      const close = closerAfter(GITBOOK_HINT_KEY, i);
      if (close > i) {
        out.push(...admonitionAsQuote(hint[1]!, admonitionTitle(hint[2]!, undefined), lines.slice(i + 1, close), depth));
        i = close;
        continue;
      }
    }
    const docusaurus = DOCUSAURUS_ADMONITION.exec(line);
    if (docusaurus) {
      const colons = docusaurus[2]!;
      const close = closerAfter(colons, i);
      if (close > i) {
        out.push(...admonitionAsQuote(docusaurus[1]!, admonitionTitle(docusaurus[3]!, docusaurus[4] ?? docusaurus[5]), lines.slice(i + 1, close), depth));
        i = close;
        continue;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * A closed admonition (Docusaurus `:::`, GitBook hint) as a quote at its opener's indentation. A body
 * line loses at most that indentation: one written less indented than the opener (a hint inside a
 * list item, its text at the margin) kept only what lay past it, "Do not restart" became "not restart".
 */
function admonitionAsQuote(indent: string, title: string, body: string[], depth: number): string[] {
  const out = [`${indent}> ${title}`, `${indent}>`];
  for (const line of normaliseAdmonitions(body.join('\n'), depth + 1).split('\n')) {
    out.push(line.trim() ? `${indent}> ${withoutIndent(line, indent.length)}` : `${indent}>`);
  }
  return out;
}

/** `line` without up to `width` leading spaces or tabs. */
function withoutIndent(line: string, width: number): string {
  let at = 0;
  while (at < width && (line[at] === ' ' || line[at] === '\t')) at++;
  return line.slice(at);
}

/** Scripts written without spaces between words (Han, kana, Hangul; the katakana long-vowel mark is "Common"). */
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u;
const CJK_CHARACTERS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc])/gu;
/** U+001F: a separator to FTS5's unicode61 tokenizer, and never part of a runbook's text. */
const CJK_SEPARATOR = /\u001f/g;

/**
 * FTS5's unicode61 tokenizer reads a run of Chinese or Japanese characters as ONE token, so
 * `证书` would never find `客户端证书过期时间`. Indexed text puts U+001F around each such character
 * (one token per character) and queries search them as phrases; `unsegmentCjk` removes the marks
 * again for display. Text without CJK is returned as is.
 */
export function segmentCjk(text: string): string {
  if (!CJK_CHARACTER.test(text)) return text;
  return text.replace(CJK_SEPARATOR, '').replace(CJK_CHARACTERS, '\u001f$1\u001f');
}

export function unsegmentCjk(text: string): string {
  return text.includes('\u001f') ? text.replace(CJK_SEPARATOR, '') : text;
}

/** A word as the index sees it: itself, or one token per CJK character. */
function indexTokens(word: string): string[] {
  return CJK_CHARACTER.test(word) ? segmentCjk(word).split('\u001f').filter(Boolean) : [word];
}

/** A search box string turned into an FTS5 MATCH expression: words AND-ed, quotes kept as phrases, the last word a prefix while typing. */
export interface ParsedSearchQuery {
  /** FTS5 expression requiring every term; empty when the query has no searchable words. */
  all: string;
  /** Same terms OR-ed: the fallback when no section contains every word. */
  any: string;
  terms: string[];
  /** Each searched word, for highlighting; `prefix` for the word still being typed. */
  highlight: HighlightTerm[];
}

export interface HighlightTerm {
  word: string;
  prefix: boolean;
}

export function buildFtsQuery(input: string, options: { prefixLastWord?: boolean } = {}): ParsedSearchQuery {
  const prefixLast = options.prefixLastWord ?? true;
  const parts: { text: string; phrase: boolean }[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(input)) !== null) {
    if (match[1] !== undefined) {
      const words = tokenWords(match[1]).flatMap(indexTokens);
      if (words.length) parts.push({ text: words.join(' '), phrase: true });
    } else if (match[2] !== undefined) {
      for (const word of tokenWords(match[2])) {
        // `证书过期` is four tokens in the index: searched as the phrase of them, in order.
        const tokens = indexTokens(word);
        parts.push(tokens.length > 1 ? { text: tokens.join(' '), phrase: true } : { text: word, phrase: false });
      }
    }
  }
  if (parts.length === 0) return { all: '', any: '', terms: [], highlight: [] };
  const typingLastWord = prefixLast && !/\s$/.test(input) && !input.trimEnd().endsWith('"');
  const expressions = parts.map((part, index) => {
    const quoted = `"${part.text}"`;
    const typed = !part.phrase && typingLastWord && index === parts.length - 1 ? `${quoted}*` : quoted;
    const alternatives = alternativesOf(part);
    return alternatives.length ? `(${[typed, ...alternatives.map((a) => `"${a}"`)].join(' OR ')})` : typed;
  });
  const highlight = parts.flatMap((part, index) => [
    ...part.text.split(' ').map((word) => ({ word: word.toLowerCase(), prefix: !part.phrase && typingLastWord && index === parts.length - 1 })),
    ...alternativesOf(part).flatMap((a) => a.split(' ').map((word) => ({ word, prefix: false }))),
  ]);
  return { all: expressions.join(' AND '), any: expressions.join(' OR '), terms: parts.map((p) => p.text), highlight };
}

/**
 * What else a typed word may be written as: its on-call synonyms, and for part of an alert name
 * (`PodCrashLooping`, `etcdNoLeader`) its words as a phrase, since the index holds alert names as
 * one token each but also split into words (`Kube Pod Crash Looping`).
 */
function alternativesOf(part: { text: string; phrase: boolean }): string[] {
  if (part.phrase) return [];
  const alternatives = [...(ONCALL_SYNONYMS.get(part.text.toLowerCase()) ?? [])];
  const words = splitIdentifierWords(part.text).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 1) alternatives.push(words.join(' '));
  return alternatives;
}

/**
 * How a paged engineer says it versus how runbooks are written: "disk full" is a filesystem or
 * volume "filling up", "crashloop" is KubePodCrashLooping or CrashLoopBackOff, "cert" a
 * certificate. Each word also matches its alternatives (the index stems, so "fill" covers
 * "filling"); quoted phrases are searched as written.
 */
const ONCALL_SYNONYMS = new Map<string, string[]>(
  (
    [
      [['disk', 'disks'], ['filesystem', 'volume']],
      [['full'], ['fill']],
      [['cert', 'certs'], ['certificate']],
      [['certificate', 'certificates'], ['cert']],
      [['ssl'], ['tls']],
      [['tls'], ['ssl']],
      [['oom', 'oomkill', 'oomkilled'], ['out of memory', 'oomkilled']],
      [['crashloop', 'crashlooping'], ['crash looping', 'crashloopbackoff']],
      [['slow'], ['latency']],
      [['expired'], ['expiry']],
    ] as const
  ).flatMap(([words, alternatives]) => words.map((word) => [word, [...alternatives]] as [string, string[]])),
);

/**
 * The common stem of an English word form, cruder than the porter stemmer the index uses: only
 * for highlighting, where marking "restarting" for "restarts" is the point and an extra mark is harmless.
 */
export function highlightStem(word: string): string {
  const lower = word.toLowerCase();
  const stripped = lower.replace(/(ations|ation|ings|ing|ions|ion|ers|er|ies|ied|es|ed|ly|s|e|y)$/, '');
  return stripped.length >= 3 ? stripped : lower;
}

/** Where the words (`/[\p{L}\p{N}]+/gu`) of `text` start and end. */
function unicodeWordSpans(text: string): { starts: number[]; ends: number[] } {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const starts: number[] = new Array<number>(words.length);
  const ends: number[] = new Array<number>(words.length);
  // Words are separated by non-word characters only, so each one is the next occurrence after the previous.
  let offset = 0;
  for (let i = 0; i < words.length; i++) {
    starts[i] = text.indexOf(words[i]!, offset);
    offset = ends[i] = starts[i]! + words[i]!.length;
  }
  return { starts, ends };
}

/** ASCII letters and digits: the word characters of ASCII text, by character code. */
const ASCII_WORD_CHARACTER = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    table[code] = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 1 : 0;
  }
  return table;
})();

/** The same for ASCII-only text (most runbooks), by character code: no string per word. */
function asciiWordSpans(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    // Only called for text without non-ASCII characters, so every code indexes the table.
    if (ASCII_WORD_CHARACTER[text.charCodeAt(i)] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      starts.push(start);
      ends.push(i);
      start = -1;
    }
  }
  if (start >= 0) {
    starts.push(start);
    ends.push(text.length);
  }
  return { starts, ends };
}

/**
 * A snippet of `text` around the densest run of matches (about `windowWords` words), split into
 * plain and matched parts. Computed for the few top-ranked sections only, but on every keystroke,
 * so it avoids a match object or a lowercased copy per word.
 */
export function buildSnippet(text: string, terms: HighlightTerm[], windowWords = 24): { text: string; match: boolean }[] {
  const { starts, ends } = /[^\x00-\x7f]/.test(text) ? unicodeWordSpans(text) : asciiWordSpans(text);
  if (starts.length === 0) return [];
  const stems = terms.map((t) => (t.prefix ? t.word : highlightStem(t.word)));
  // A word that does not start with a stem's first letter cannot match it: most words are rejected on one character code.
  const firstCodes = stems.map((stem) => (stem.length > 0 ? stem.charCodeAt(0) : -1));
  const lower = text.toLowerCase();
  // One lowercased copy lines up with the text unless a character changes length ("İ") or
  // lowercases by context (final "Σ"); then each word is lowercased on its own, as a word.
  const aligned = lower.length === text.length && !text.includes('\u03a3');
  const matched: number[] = new Array<number>(starts.length);
  for (let w = 0; w < starts.length; w++) {
    const source = aligned ? lower : text.slice(starts[w], ends[w]).toLowerCase();
    const at = aligned ? starts[w]! : 0;
    const length = aligned ? ends[w]! - starts[w]! : source.length;
    let found = -1;
    for (let i = 0; i < stems.length; i++) {
      const stem = stems[i]!;
      if (firstCodes[i]! >= 0 && source.charCodeAt(at) !== firstCodes[i]) continue;
      if (stem.length <= length && source.startsWith(stem, at) && (terms[i]!.prefix || length - stem.length <= 5)) {
        found = i;
        break;
      }
    }
    matched[w] = found;
  }
  let bestStart = 0;
  let bestScore = -1;
  const distinct = new Set<number>();
  for (let start = 0; start < starts.length; start++) {
    if (start > 0 && matched[start] === -1) continue;
    distinct.clear();
    let count = 0;
    const end = Math.min(starts.length, start + windowWords);
    for (let i = start; i < end; i++) {
      if (matched[i]! >= 0) {
        distinct.add(matched[i]!);
        count++;
      }
    }
    const score = distinct.size * 100 + count;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  // Start a few words before the first match, so it reads as a sentence.
  const first = Math.max(0, bestStart - (bestStart > 0 ? 3 : 0));
  const last = Math.min(starts.length, first + windowWords) - 1;
  const from = starts[first]!;
  const to = ends[last]!;
  const parts: { text: string; match: boolean }[] = [];
  if (first > 0) parts.push({ text: '…', match: false });
  let cursor = from;
  for (let i = first; i <= last; i++) {
    if (matched[i]! < 0) continue;
    if (starts[i]! > cursor) parts.push({ text: text.slice(cursor, starts[i]), match: false });
    parts.push({ text: text.slice(starts[i], ends[i]), match: true });
    cursor = ends[i]!;
  }
  if (to > cursor) parts.push({ text: text.slice(cursor, to), match: false });
  if (last < starts.length - 1) parts.push({ text: '…', match: false });
  return parts
    .map((p) => ({ ...p, text: unsegmentCjk(p.text).replace(/\s+/g, ' ') }))
    .filter((p) => p.text.length > 0);
}

/** The words FTS5's unicode61 tokenizer would see; everything else (quotes, operators, punctuation) is dropped so no input is a syntax error. */
function tokenWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Runbook files: Markdown (`.md`, `.markdown`), Docusaurus MDX, and the GOV.UK tech-docs-template's
 * Markdown with ERB (`.html.md.erb`, hmcts/ops-runbooks and other UK government ops manuals).
 */
export const RUNBOOK_FILE_EXTENSION = /(?:\.html?)?\.(?:md|markdown|mdx)(?:\.erb)?$/i;

/**
 * Lowercased path without its Markdown extension (or the `.html` of a page a site built from it),
 * with forward slashes: the key alert URLs and relative links match against.
 */
export function runbookPathKey(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(RUNBOOK_FILE_EXTENSION, '')
    .replace(/\.html?$/i, '')
    .replace(/^\/+|\/+$/g, '')
    .toLowerCase();
}

/** The part of `url` after `prefix` (case-insensitive), without query; with its fragment separated. Undefined when the prefix does not apply. */
export function pathAfterPrefix(url: string, prefix: string): { path: string; fragment: string | undefined } | undefined {
  const normalisedPrefix = prefix.trim().replace(/\/+$/, '') + '/';
  const trimmedUrl = url.trim();
  if (!trimmedUrl.toLowerCase().startsWith(normalisedPrefix.toLowerCase()) && trimmedUrl.toLowerCase() + '/' !== normalisedPrefix.toLowerCase()) {
    return undefined;
  }
  let rest = trimmedUrl.slice(normalisedPrefix.length);
  let fragment: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1) || undefined;
    rest = rest.slice(0, hash);
  }
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A malformed escape is kept as written; it simply will not match a file.
  }
  return { path: rest.replace(/^\/+|\/+$/g, ''), fragment };
}

/** Resolves `href` against the folder of `fromPath` (both relative to a source root, forward slashes). Undefined when it climbs out of the root. */
export function resolveRelativePath(fromPath: string, href: string): string | undefined {
  const base = href.startsWith('/') ? [] : fromPath.split('/').slice(0, -1);
  const segments = [...base];
  for (const segment of href.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

/** True for links that leave the document set: a scheme (`https:`, `mailto:`) or protocol-relative `//host`. */
export function hasUrlScheme(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
}

/** The only schemes the reader turns into clickable links; everything else (javascript:, data:, vbscript:) stays text. */
export function isSafeExternalUrl(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}

/** `tag:storage source:openshift etcd leader` → the filters and the words; typed filters work in every search box. */
export function extractSearchFilters(input: string): { text: string; tag?: string; source?: string } {
  const filters: { tag?: string; source?: string } = {};
  const text = input.replace(/(^|\s)(tag|source):(?:"([^"]*)"|(\S+))/gi, (_all, space: string, key: string, quoted?: string, bare?: string) => {
    const value = (quoted ?? bare ?? '').trim();
    if (value) filters[key.toLowerCase() as 'tag' | 'source'] = value;
    return space;
  });
  return { text, ...filters };
}
