// The pack patterns' literal automaton kept in the cache folder: built at every
// start it was a tenth of a one-file `parley extract` (thousands of states made
// in code V8 has not compiled yet); read back it is a few typed arrays. Named by
// the hash of the literal lists it was built from, in their order; a missing,
// damaged or unwritable entry is passed over and the automaton built as before.
import { createHash } from 'node:crypto';
import { readCachedJson, writeCachedJson } from '../pack/pack-cache.js';
import { type AutomatonTables, LiteralAutomaton } from './literal-filter.js';

const FORMAT = 'parley-literal-automaton/1';

interface StoredTables {
  readonly format: typeof FORMAT;
  readonly width: number;
  /** base64 of each typed array. */
  readonly classOf: string;
  readonly next: string;
  readonly outputStart: string;
  readonly outputKeys: string;
  /** checksumOf the tables. */
  readonly checksum: string;
}

const base64Of = (array: Uint8Array | Int32Array): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function int32s(base64: string): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0) throw new Error('literal automaton: a table is not whole');
  const array = new Int32Array(bytes.length / 4);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/** sha256 of the tables' bytes: an entry whose tables do not hash to its checksum is damaged. */
function checksumOf(tables: AutomatonTables): string {
  const hash = createHash('sha256').update(String(tables.width));
  for (const array of [tables.classOf, tables.next, tables.outputStart, tables.outputKeys]) hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return hash.digest('hex');
}

/** The tables of a stored entry, or undefined when it is of another format, inconsistent or damaged. */
function tablesOf(stored: StoredTables): AutomatonTables | undefined {
  if (stored.format !== FORMAT || !Number.isInteger(stored.width) || stored.width < 1) return undefined;
  const tables = { width: stored.width, classOf: new Uint8Array(Buffer.from(stored.classOf, 'base64')), next: int32s(stored.next), outputStart: int32s(stored.outputStart), outputKeys: int32s(stored.outputKeys) };
  const states = tables.next.length / tables.width;
  if (tables.classOf.length !== 128 || tables.outputStart.length !== states + 1) return undefined;
  return checksumOf(tables) === stored.checksum ? tables : undefined;
}

/** The automaton over `literalsByKey`, from the cache when it was built before, else built and cached. */
export function cachedAutomaton(literalsByKey: readonly (readonly string[])[]): LiteralAutomaton {
  const hash = createHash('sha256').update(FORMAT).update(JSON.stringify(literalsByKey)).digest('hex');
  const entry = readCachedJson('automaton', hash) as StoredTables | undefined;
  try {
    const tables = entry ? tablesOf(entry) : undefined;
    if (tables) return new LiteralAutomaton(literalsByKey, tables);
  } catch {
    // Damaged: built again below.
  }
  const automaton = new LiteralAutomaton(literalsByKey);
  const tables = automaton.tables;
  const { width, classOf, next, outputStart, outputKeys } = tables;
  const stored: StoredTables = { format: FORMAT, width, classOf: base64Of(classOf), next: base64Of(next), outputStart: base64Of(outputStart), outputKeys: base64Of(outputKeys), checksum: checksumOf(tables) };
  writeCachedJson('automaton', hash, stored);
  return automaton;
}
