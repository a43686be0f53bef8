/**
 * Text of imported files whatever their encoding, for the CLI (bytes from disk) and the renderer (bytes
 * of a picked file) alike. Pure: no Node or DOM APIs beyond TextDecoder, no parser libraries, so the
 * renderer can load it without the vCard parser.
 */

/** Windows-1252 in 0x80–0x9F (€, ‚, „, …, Œ, ‘, ’, “, ”, –, —, ™, œ, Ÿ …); elsewhere it is ISO-8859-1. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Decodes bytes in a named charset. Node's TextDecoder reads "windows-1252" as plain ISO-8859-1
 * (0x8C → U+008C instead of Œ), so the Western charsets Outlook and old phones write are mapped here.
 */
export function decodeBytes(charset: string, bytes: Uint8Array): string {
  const label = charset.trim().toLowerCase();
  if (/^(windows-?1252|cp-?1252|iso-?8859-1|iso_8859-1|latin-?1|l1|us-ascii|ascii)$/.test(label)) {
    let text = '';
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    return text;
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function knownCharset(label: string): boolean {
  try {
    return label !== '' && new TextDecoder(label.toLowerCase()) !== null;
  } catch {
    return false;
  }
}

/**
 * Removes the folds (CRLF or LF, then a space or tab) that sit inside a UTF-8 character: after a byte of a
 * multi-byte sequence and before a continuation byte. Unfolding removes them anyway; done on bytes, the
 * character is whole again. Null when there is none.
 */
function joinFoldsInsideUtf8(bytes: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  let changed = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if ((byte === 0x0d || byte === 0x0a) && length > 0 && out[length - 1]! >= 0x80) {
      const lineFeed = byte === 0x0d && bytes[i + 1] === 0x0a ? i + 1 : i;
      const indent = bytes[lineFeed + 1];
      const next = bytes[lineFeed + 2];
      if ((indent === 0x20 || indent === 0x09) && next !== undefined && next >= 0x80 && next <= 0xbf) {
        i = lineFeed + 1;
        changed = true;
        continue;
      }
    }
    out[length++] = byte;
  }
  return changed ? out.subarray(0, length) : null;
}

/**
 * Decodes an imported file's bytes (contacts above all). Exports arrive as UTF-8 (with or without BOM), UTF-16 (Windows
 * tools), or a legacy 8-bit charset (Outlook and old phones: Windows-1252 / ISO-8859-1, sometimes
 * named in a CHARSET parameter). Reading those as UTF-8 would garble every accented name.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  const decode = (label: string, data: Uint8Array) => new TextDecoder(label).decode(data);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return decode('utf-16le', bytes);
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0) return decode('utf-16be', bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A writer folding at 75 octets may cut a UTF-8 character in two (RFC 6350 §3.2 warns of it); one such
    // line must not make the whole file read as Windows-1252 and garble every name in it.
    const joined = joinFoldsInsideUtf8(bytes);
    if (joined) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(joined);
      } catch {
        // Not UTF-8 after all: fall through to the 8-bit charsets.
      }
    }
    // Not UTF-8: the charset a CHARSET parameter names, else Windows-1252 (what Outlook writes).
    const declared = /CHARSET="?([\w.-]+)/i.exec(decodeBytes('latin1', bytes))?.[1] ?? '';
    return decodeBytes(!/^utf-?8$/i.test(declared) && knownCharset(declared) ? declared : 'windows-1252', bytes);
  }
}
