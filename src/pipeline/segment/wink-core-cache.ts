// wink's core model kept in the cache folder in a form that loads in a few
// milliseconds: the 3 MB package file is JSON holding base64 tables and a list
// of 87 k lexemes, and parsing it is a third of a one-file `parley extract`.
// Here the tables are raw bytes, the lexemes one NUL-separated ASCII string
// (the few beyond ASCII in the header), and the
// index over the lexemes (StringIndex) its slot table. The file is named by the
// model package's version and read only when its header matches that version
// and the size of the package file and its bytes their checksum (sha256, 2 ms);
// a missing, damaged or unwritable cache is passed over and the package read.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../../pack/pack-cache.js';
import { StringIndex } from '../../util/string-index.js';

const MAGIC = 'parley-wink-core/4\n';
const SEPARATOR = '\0';

/** The core model as read from the package, tables decoded; nothing derived from it yet. */
export interface RawCore {
  lexicon: Uint32Array;
  xpansions: Uint32Array;
  lexemes: string[];
  /** Where each lexeme sits in `lexemes`. */
  lexemeIndex: StringIndex;
  /** Every other field of the package file, as parsed. */
  rest: Record<string, unknown>;
}

export interface CoreSource {
  /** The package's version, e.g. "1.8.1". */
  readonly version: string;
  /** The size of the package's core file, a second check that the cache is of these files. */
  readonly bytes: number;
}

interface Header {
  readonly version: string;
  readonly bytes: number;
  readonly lexicon: number;
  readonly xpansions: number;
  readonly lexemes: number;
  /** The lexemes beyond ASCII by position, left empty in the ASCII block so it reads as one-byte strings. */
  readonly wide: readonly (readonly [number, string])[];
  readonly slots: number;
  readonly rest: Record<string, unknown>;
}

/** The file of `source` in the cache folder; typed arrays are stored in this machine's byte order. */
export function coreCacheFile(source: CoreSource): string {
  return join(cacheDir(), `wink-core-${source.version}-${endianness()}.bin`);
}

/** The size of a package file, for CoreSource.bytes. */
export function fileBytes(file: string): number {
  return statSync(file).size;
}

const align4 = (n: number): number => (n + 3) & ~3;
/** After the magic line: the sha256 of everything after it, then the header's length. */
const CHECKSUM_AT = MAGIC.length;
const HEADER_AT = CHECKSUM_AT + 32 + 4;

/** The cached core of `source`, or undefined when there is none or it is damaged or of other files. */
export function readCoreCache(source: CoreSource): RawCore | undefined {
  try {
    const buffer = readFileSync(coreCacheFile(source));
    if (buffer.length < HEADER_AT || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const checksum = createHash('sha256').update(buffer.subarray(CHECKSUM_AT + 32)).digest();
    if (!checksum.equals(buffer.subarray(CHECKSUM_AT, CHECKSUM_AT + 32))) return undefined;
    const headerBytes = buffer.readUInt32LE(CHECKSUM_AT + 32);
    const header = JSON.parse(buffer.toString('utf8', HEADER_AT, HEADER_AT + headerBytes)) as Header;
    if (header.version !== source.version || header.bytes !== source.bytes) return undefined;
    let offset = align4(HEADER_AT + headerBytes);
    if (buffer.length !== offset + 4 * (header.lexicon + header.xpansions + header.slots) + header.lexemes) return undefined;
    // Copied out: a typed array over the file's buffer would need its offset aligned to 4.
    const words = (count: number): Uint32Array => {
      const table = new Uint32Array(count);
      new Uint8Array(table.buffer).set(buffer.subarray(offset, offset + 4 * count));
      offset += 4 * count;
      return table;
    };
    const lexicon = words(header.lexicon);
    const xpansions = words(header.xpansions);
    const slots = new Int32Array(words(header.slots).buffer);
    const lexemes = buffer.toString('latin1', offset, offset + header.lexemes).split(SEPARATOR);
    for (const [position, lexeme] of header.wide) lexemes[position] = lexeme;
    return { lexicon, xpansions, lexemes, lexemeIndex: new StringIndex(lexemes, slots), rest: header.rest };
  } catch {
    return undefined;
  }
}

/** Store `core` for `source`; false when it cannot be stored (nothing else changes). */
export function writeCoreCache(source: CoreSource, core: RawCore): boolean {
  if (core.lexemes.some((lexeme) => lexeme.includes(SEPARATOR))) return false;
  const wide: [number, string][] = [];
  const ascii = core.lexemes.map((lexeme, position) => {
    if (!/[\u0080-\uffff]/.test(lexeme)) return lexeme;
    wide.push([position, lexeme]);
    return '';
  });
  const lexemes = Buffer.from(ascii.join(SEPARATOR), 'latin1');
  const slots = core.lexemeIndex.slotTable;
  const bytesOf = (table: Uint32Array | Int32Array): Buffer => Buffer.from(table.buffer, table.byteOffset, table.byteLength);
  const header: Header = {
    version: source.version,
    bytes: source.bytes,
    lexicon: core.lexicon.length,
    xpansions: core.xpansions.length,
    slots: slots.length,
    lexemes: lexemes.length,
    wide,
    rest: core.rest,
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(headerJson.length);
  const padding = Buffer.alloc(align4(HEADER_AT + headerJson.length) - (HEADER_AT + headerJson.length));
  const body = Buffer.concat([headerLength, headerJson, padding, bytesOf(core.lexicon), bytesOf(core.xpansions), bytesOf(slots), lexemes]);
  const checksum = createHash('sha256').update(body).digest();
  const file = coreCacheFile(source);
  // Written beside the target and renamed, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(partial, Buffer.concat([Buffer.from(MAGIC, 'latin1'), checksum, body]));
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}
