/**
 * What a box should hold once the entry sent from it is saved. Saving is a round trip, and a
 * captain keeps typing the next entry into the same box meanwhile (Enter, a, "Deleted…"):
 * clearing it then wiped those first keystrokes ("eleted old WAL archives"). Only the sent text
 * goes; whatever was typed after it stays, and a box edited otherwise is left alone.
 */
export function textAfterSave(current: string, sent: string): string {
  if (current === sent) return '';
  if (current.startsWith(sent)) return current.slice(sent.length).trimStart();
  return current;
}
