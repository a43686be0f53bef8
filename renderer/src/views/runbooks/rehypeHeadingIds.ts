import type { Element, ElementContent, Root, RootContent } from 'hast';
import { createAnchorAllocator } from '../../../../shared/domain/runbookText';

/** Prefix of heading element ids, so a runbook's "impact" heading never collides with an id of the app. */
export const HEADING_ID_PREFIX = 'rb-';

function textOf(node: RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
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
    }
  };
}
