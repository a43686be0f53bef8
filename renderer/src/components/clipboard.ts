/**
 * Copies text with the async clipboard API, falling back to a hidden textarea and the old
 * selection trick where that API is missing or refused. Resolves to whether the copy happened;
 * never rejects, so callers can show "Copied" or "Copy failed" honestly.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
