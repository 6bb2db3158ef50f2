// Decodes markup bytes (HTML, feeds) in the charset the page declares: the
// Content-Type header first, then a byte-order mark, <meta charset>, http-equiv
// or the XML declaration; UTF-8 when nothing is declared. A declaration the bytes
// plainly contradict is overruled, with a warning.
import { bareUtf16Problem, InputError, utf32Bom } from './text-reader.js';
import { binaryReason } from './validate-source.js';

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i;
const XML_ENCODING = /^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)["']/i;

/** The charset named in a Content-Type value, e.g. "text/html; charset=windows-1251" → "windows-1251". */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return m?.[1]?.toLowerCase();
}

/** Where the bytes hold a NUL anywhere: markup never does, binaries nearly always do. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decode HTML or XML bytes, e.g. a windows-1251 page with `<meta charset="windows-1251">`.
 * Binary data (NUL bytes) and empty input are refused with an error naming `input`. A
 * declaration the bytes contradict is overruled, and `warn` is told, naming `input`: bytes
 * that are not UTF-8 under a UTF-8 declaration read as windows-1252, and valid UTF-8 under
 * a one-byte charset's declaration (a CMS template's stale `<meta>`) reads as UTF-8; either
 * way the text would otherwise carry replacement characters or mojibake into the evidence.
 */
export function decodeMarkup(bytes: Uint8Array, input: string, contentType?: string, warn?: (message: string) => void): string {
  if (bytes.length === 0) throw new InputError(input, 'is empty');
  const utf32 = utf32Bom(bytes);
  if (utf32) throw new InputError(input, `is UTF-32 (${utf32}); convert it first, e.g. iconv -f utf-32 -t utf-8`);
  const bare16 = bareUtf16Problem(bytes);
  if (bare16) throw new InputError(input, bare16);
  if (looksBinary(bytes)) throw new InputError(input, `looks binary (contains NUL bytes), not ${contentType ? contentType.split(';')[0] : 'markup'}`);
  const { text, overruled } = decodeDeclared(bytes, contentType);
  // Random bytes decode in windows-1252 without an error: their control and replacement characters give them away.
  const binary = binaryReason(text);
  if (binary) throw new InputError(input, `looks binary (${binary}), not ${contentType ? contentType.split(';')[0] : 'markup'}`);
  if (overruled) warn?.(`${input}: ${overruled}`);
  return text;
}

const isUtf8Label = (label: string): boolean => label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8';

/** The bytes as strict UTF-8, or undefined when they are not UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes at or above 0x80: ASCII reads the same in every charset here, so only these can tell charsets apart. */
function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function decodeDeclared(bytes: Uint8Array, contentType?: string): { text: string; overruled?: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  // The declaration sits near the top and is ASCII in every charset we decode.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = (charsetOf(contentType) ?? XML_ENCODING.exec(head.trimStart())?.[1] ?? META_CHARSET.exec(head)?.[1])?.toLowerCase();
  const decoder = declared ? decoderFor(declared) : undefined;
  const utf8 = strictUtf8(bytes);
  if (decoder) {
    const canonical = decoder.encoding;
    if (canonical === 'utf-8' || isUtf8Label(declared!)) {
      if (utf8 !== undefined) return { text: utf8 };
      return { text: new TextDecoder('windows-1252').decode(bytes), overruled: `declares ${declared} but its bytes are not UTF-8; read as windows-1252` };
    }
    // Text in a one-byte charset with letters past ASCII almost never forms valid UTF-8 by chance.
    if (utf8 !== undefined && !canonical.startsWith('utf-16') && hasHighBytes(bytes)) return { text: utf8, overruled: `declares ${declared} but its bytes are UTF-8; read as UTF-8` };
    return { text: decoder.decode(bytes) };
  }
  // Undeclared (or an unknown name) and not UTF-8: windows-1252 is what browsers assume for such pages.
  return { text: utf8 ?? new TextDecoder('windows-1252').decode(bytes) };
}
