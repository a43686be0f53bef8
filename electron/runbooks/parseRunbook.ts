import { Lexer, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import {
  alertNameOfHeading,
  createAnchorAllocator,
  dropTableOfContentsMarkers,
  hasUrlScheme,
  htmlImagesAsMarkdown,
  normaliseAdmonitions,
  renderErbTags,
  splitHeadingId,
  splitIdentifierWords,
  stripHugoShortcodes,
  stripTitleLabel,
} from '../../shared/domain/runbookText';

export interface ParsedSection {
  level: number;
  heading: string;
  anchor: string;
  /** Plain text of the section (code included: commands are what people search for). */
  text: string;
}

export interface ParsedRunbook {
  title: string;
  tags: string[];
  weight: number | null;
  frontMatter: Record<string, unknown>;
  /** Body without front matter and with Hugo shortcodes resolved: what is stored and rendered. */
  markdown: string;
  sections: ParsedSection[];
  /** Hrefs of links, as written. */
  links: string[];
  /** Srcs of images that are not URLs (stored with the runbook when the file exists). */
  localImages: string[];
  codeBlocks: { lang: string | null; code: string }[];
  /** Problems that did not stop the import (e.g. front matter that is not valid YAML). */
  warnings: string[];
}

const FRONT_MATTER = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;

/** Splits YAML (`---`) or TOML (`+++`) front matter off the top of a Markdown file. */
export function splitFrontMatter(source: string): { data: Record<string, unknown>; body: string; warning?: string } {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { data: {}, body: source.replace(/^\uFEFF/, '') };
  const body = source.slice(match[0].length);
  const raw = match[2] ?? '';
  if (match[1] === '+++') {
    try {
      // JSON round trip: TOML tables come back with a null prototype and dates as TomlDate objects.
      return { data: JSON.parse(JSON.stringify(parseToml(raw))) as Record<string, unknown>, body };
    } catch (error) {
      return { data: {}, body, warning: `front matter is not valid TOML (${firstLine((error as Error).message)}); ignored` };
    }
  }
  try {
    const data: unknown = parseYaml(raw);
    if (data === null || data === undefined) return { data: {}, body };
    if (typeof data !== 'object' || Array.isArray(data)) return { data: {}, body, warning: 'front matter is not a key: value map; ignored' };
    return { data: data as Record<string, unknown>, body };
  } catch (error) {
    return { data: {}, body, warning: `front matter is not valid YAML (${firstLine((error as Error).message)}); ignored` };
  }
}

/** Docusaurus MDX opens with ESM lines (`import Tabs from '@theme/Tabs';`): code for the site, not text of the runbook. */
const MDX_LEADING_ESM = /^(?:[ \t]*\r?\n|(?:import|export)\s[^\n]*\r?\n)+/;

/** Parses one runbook file. `fileStem` (file name without extension) is the title of last resort. */
export function parseRunbook(source: string, fileStem: string, options: { mdx?: boolean; erb?: boolean } = {}): ParsedRunbook {
  const front = splitFrontMatter(source);
  const mdxBody = options.mdx ? front.body.replace(MDX_LEADING_ESM, '\n') : front.body;
  const body = options.erb ? renderErbTags(mdxBody, frontMatterTitle(front.data.title) ?? fileStem) : mdxBody;
  const markdown = dropTableOfContentsMarkers(normaliseAdmonitions(htmlImagesAsMarkdown(stripHugoShortcodes(body))));
  const tokens = new Lexer({ gfm: true }).lex(markdown);

  const sections: ParsedSection[] = [];
  const links: string[] = [];
  const images: string[] = [];
  const codeBlocks: { lang: string | null; code: string }[] = [];
  const allocateAnchor = createAnchorAllocator();
  let current: ParsedSection = { level: 0, heading: '', anchor: '', text: '' };
  const flush = () => {
    current.text = current.text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
    if (current.level > 0 || current.text) sections.push(current);
  };

  const collect = (token: Token) => {
    if (token.type === 'link') links.push((token as Tokens.Link).href);
    if (token.type === 'image') {
      const href = (token as Tokens.Image).href;
      if (href && !hasUrlScheme(href)) images.push(href);
    }
    if (token.type === 'code') codeBlocks.push({ lang: (token as Tokens.Code).lang?.trim() || null, code: (token as Tokens.Code).text });
    for (const child of childTokens(token)) collect(child);
  };

  for (const token of tokens) {
    collect(token);
    if (token.type === 'heading') {
      flush();
      const written = plainText((token as Tokens.Heading).tokens).trim();
      // The anchor honours an explicit `{#id}`; the heading people read and search does not show it.
      current = { level: (token as Tokens.Heading).depth, heading: splitHeadingId(written).text, anchor: allocateAnchor(written), text: '' };
    } else if (!isTableOfContents(token)) {
      current.text += `${plainText([token])}\n`;
    }
  }
  flush();
  shareStackedHeadingText(sections);

  const fmTitle = frontMatterTitle(front.data.title);
  const headingTitle = documentHeadingTitle(sections);
  const title = fmTitle ?? (headingTitle === undefined ? undefined : stripTitleLabel(headingTitle)) ?? fileStem;
  for (const section of sections) if (section.level === 0) section.heading = title;

  return {
    title,
    tags: normaliseTags(front.data.tags),
    weight: typeof front.data.weight === 'number' && Number.isFinite(front.data.weight) ? front.data.weight : null,
    frontMatter: front.data,
    markdown,
    sections,
    links: [...new Set(links)],
    localImages: [...new Set(images)],
    codeBlocks,
    warnings: front.warning ? [front.warning] : [],
  };
}

function frontMatterTitle(value: unknown): string | undefined {
  // `title: 404` or `title: 2024` is YAML for a number, but still the page's title.
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return text || undefined;
}

/**
 * The first `#` heading; without one, a heading that opens the document and has no sibling or
 * parent after it (a runbook written as `## AlertName` or `### Problem` alone, as in
 * stolostron/managed-service-runbooks). Several `##` sections without a `#` title are a document
 * without a title heading: the file name says more than the first of them.
 */
function documentHeadingTitle(sections: ParsedSection[]): string | undefined {
  const firstH1 = sections.find((s) => s.level === 1)?.heading;
  if (firstH1) return firstH1;
  const first = sections[0];
  if (!first || first.level === 0 || !first.heading) return undefined;
  return sections.slice(1).some((s) => s.level > 0 && s.level <= first.level) ? undefined : first.heading;
}

/**
 * Alerts that share one explanation are written as stacked headings with nothing between them
 * (grafana/tempo operations/tempo-mixin/runbook.md: `## TempoRequestErrors` then
 * `## TempoRequestLatency` and the text): the empty one is indexed with the text that follows, so
 * a search for that alert's problem finds it too. Only a heading that is one name: an empty
 * `### Possible checks` above `### Solution` (gitlab-com/runbooks docs/redis/redis.md) is a
 * section nobody wrote, and sharing made every search hit there twice.
 */
function shareStackedHeadingText(sections: ParsedSection[]): void {
  for (let i = sections.length - 2; i >= 0; i--) {
    const section = sections[i]!;
    const next = sections[i + 1]!;
    if (section.level > 0 && !section.text && next.level === section.level && ALERT_NAME_LIKE.test(alertNameOfHeading(section.heading))) section.text = next.text;
  }
}

/** One identifier starting with a letter (`TempoRequestErrors`, `etcd_no_leader`), not words or a `--flag`. */
const ALERT_NAME_LIKE = /^\p{L}[\p{L}\p{N}_:.-]*$/u;

/**
 * A list of nothing but links to headings of the page (doctoc's generated TOC at the top of
 * gitlab-com/runbooks docs/redis/redis.md): shown, but not indexed, since it repeats every heading
 * and made the intro a hit for any of them.
 */
function isTableOfContents(token: Token): boolean {
  if (token.type !== 'list') return false;
  const items = (token as Tokens.List).items;
  return (
    items.length > 0 &&
    items.every((item) =>
      item.tokens.every((child) => {
        if (child.type === 'list') return isTableOfContents(child);
        if (child.type === 'space') return true;
        const inline = 'tokens' in child && Array.isArray(child.tokens) ? (child.tokens as Token[]).filter((t) => !(t.type === 'text' && !t.raw.trim())) : [];
        return (child.type === 'text' || child.type === 'paragraph') && inline.length === 1 && inline[0]!.type === 'link' && (inline[0] as Tokens.Link).href.startsWith('#');
      }),
    )
  );
}

/** Text of the title column: the title, the file name and both split into words, so `etcd no leader` finds `etcdNoLeader.md`. */
export function searchableTitle(title: string, fileStem: string): string {
  const words = new Set([title, fileStem, splitIdentifierWords(title), splitIdentifierWords(fileStem)]);
  return [...words].join(' ');
}

function normaliseTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(list.filter((t): t is string | number => typeof t === 'string' || typeof t === 'number').map((t) => String(t).trim()).filter(Boolean))];
}

function childTokens(token: Token): Token[] {
  const children: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) children.push(...(token.tokens as Token[]));
  if (token.type === 'list') for (const item of (token as Tokens.List).items) children.push(item);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of table.header) children.push(...cell.tokens);
    for (const row of table.rows) for (const cell of row) children.push(...cell.tokens);
  }
  return children;
}

/** Visible text of tokens: what a reader sees, not the Markdown syntax; raw HTML contributes its text only. */
export function plainText(tokens: Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
        out += '\n';
        break;
      case 'br':
        out += '\n';
        break;
      case 'code':
        out += `${(token as Tokens.Code).text}\n`;
        break;
      case 'codespan':
        out += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'html':
        out += decodeEntities((token as Tokens.HTML).text.replace(/<[^>]*>/g, ' '));
        break;
      case 'image':
        out += (token as Tokens.Image).text;
        break;
      case 'list':
        // An item's own text and its nested list are separate lines: run together, "Previous
        // Incidents" and a sub-item "Large queue" became the one word "IncidentsLarge" in the index.
        for (const item of (token as Tokens.List).items) out += `${item.tokens.map((child) => plainText([child])).filter(Boolean).join('\n')}\n`;
        break;
      case 'table': {
        const table = token as Tokens.Table;
        out += `${table.header.map((c) => plainText(c.tokens)).join(' | ')}\n`;
        for (const row of table.rows) out += `${row.map((c) => plainText(c.tokens)).join(' | ')}\n`;
        break;
      }
      case 'paragraph':
      case 'heading':
      case 'blockquote':
        out += `${plainText((token as Tokens.Paragraph).tokens)}\n`;
        break;
      default:
        if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) out += plainText(token.tokens as Token[]);
        else if ('text' in token && typeof token.text === 'string') out += decodeEntities(token.text);
    }
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** The Markdown of one heading's section (until the next heading of the same or a higher level), or undefined. */
export function sectionMarkdown(markdown: string, anchor: string): string | undefined {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const allocateAnchor = createAnchorAllocator();
  let depth = 0;
  let hasContent = false;
  let out = '';
  for (const token of tokens) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      const tokenAnchor = allocateAnchor(plainText(heading.tokens).trim());
      // A heading stacked right under ours at the same level shares its text (`## AlertA` `## AlertB` text).
      const stacked = depth > 0 && !hasContent && heading.depth === depth;
      if (depth > 0 && heading.depth <= depth && !stacked) break;
      if (depth === 0 && tokenAnchor === anchor) depth = heading.depth;
      // A sub-heading of ours (even an empty one) ends the stack: the next heading at our level is another alert's.
      else if (depth > 0 && heading.depth > depth) hasContent = true;
    } else if (depth > 0 && token.type !== 'space') {
      hasContent = true;
    }
    if (depth > 0) out += token.raw;
  }
  return depth > 0 ? out.trimEnd() + '\n' : undefined;
}
