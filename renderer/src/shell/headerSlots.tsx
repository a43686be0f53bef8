import type { ComponentType } from 'react';

function LastChangePlaceholder() {
  return <span className="header-slot muted">Last change: none recorded</span>;
}

/** Components shown in the middle of the header (e.g. the last production change). */
export const headerSlots: readonly ComponentType[] = [
  LastChangePlaceholder,
];
