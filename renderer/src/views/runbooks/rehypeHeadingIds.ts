import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { createAnchorAllocator, splitHeadingId } from '../../../../shared/domain/runbookText';

/** Prefix of heading element ids, so a runbook's "impact" heading never collides with an id of the app. */
export const HEADING_ID_PREFIX = 'rb-';

function textOf(node: RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

function lastTextOf(node: Element): Text | undefined {
  for (let i = node.children.length - 1; i >= 0; i--) {
    const child = node.children[i]!;
    if (child.type === 'text') return child;
    if (child.type === 'element') return lastTextOf(child);
  }
  return undefined;
}

/** `Overview {#overview}` reads "Overview": the attribute is the anchor, not words (the importer strips it from the heading too). */
function hideHeadingAttribute(heading: Element): void {
  const last = lastTextOf(heading);
  if (!last || !splitHeadingId(textOf(heading).trim()).id) return;
  // The attribute may be all of the last text node (`Steps `dig` {#steps}`): a placeholder keeps it from counting as the whole heading.
  const { text, id } = splitHeadingId(`_${last.value}`);
  if (id) last.value = text.slice(1);
}

/**
 * Gives every heading the id the importer gave its section (same slug rules, same order of
 * duplicates), so `#/runbooks/<id>/<anchor>` and search hits land on the right heading. Only
 * top-level headings: the importer splits sections there too (a heading inside a quote or list
 * is not a section).
 */
export function rehypeHeadingIds() {
  return (tree: Root) => {
    const allocate = createAnchorAllocator();
    for (const node of tree.children) {
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) continue;
      const element = node as Element;
      element.properties = { ...element.properties, id: `${HEADING_ID_PREFIX}${allocate(textOf(element).trim())}` };
      hideHeadingAttribute(element);
    }
  };
}
