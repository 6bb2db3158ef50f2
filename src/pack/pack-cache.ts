// The compiled-pack cache: a pack's validated data, its model and the literal
// prefilters of its patterns, kept as one JSON file named by the hash of every
// pack file and of the code that reads them. A hit skips YAML parsing, zod
// validation of the 1 MB model and the regex parsing, which are most of a cold
// start. Any change to a pack file, the model or that code makes a new name; an
// unwritable or damaged cache is passed over and the pack is compiled as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeciderModel } from '../pipeline/decide/model.js';
import { compactWeights, type CompactWeights, expandWeights } from './compact-weights.js';
import type { PackData } from './load-pack.js';

/** Bumped when the cached shape changes. */
const CACHE_FORMAT = 'parley-pack-cache/2';

/** The modules whose code decides what a cached pack holds: a change to any of them is a new key. */
const READER_MODULES = ['./load-pack.js', './schema.js', './compile.js', './compact-weights.js', '../pipeline/decide/model.js', '../util/literal-filter.js'];

export interface CachedPack {
  readonly format: typeof CACHE_FORMAT;
  readonly data: PackData;
  readonly model: DeciderModel | null;
  /** `flags/source` of each pattern → its required literals (null: none). */
  readonly literals: Record<string, string[] | null>;
}

/** Where caches go: $PARLEY_CACHE_DIR, else $XDG_CACHE_HOME/parley, else ~/.cache/parley. */
export function cacheDir(): string {
  if (process.env.PARLEY_CACHE_DIR) return resolve(process.env.PARLEY_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache');
  return join(base, 'parley');
}

/** The content hash of a pack folder (every file, by name and bytes) and of the code that compiles it. */
export function packHash(dir: string): string {
  const hash = createHash('sha256').update(CACHE_FORMAT);
  for (const module of READER_MODULES) {
    const compiled = fileURLToPath(new URL(module, import.meta.url));
    // Run from source (tests), the modules are the .ts files.
    hash.update(module).update(readFileSync(existsSync(compiled) ? compiled : compiled.replace(/\.js$/, '.ts')));
  }
  for (const name of readdirSync(dir).sort()) {
    hash.update(`\0${name}\0`).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex');
}

function cacheFile(kind: string, hash: string): string {
  return join(cacheDir(), `${kind}-${hash.slice(0, 32)}.json`);
}

/** The JSON cached as `kind` under `hash` (e.g. "noise" and its file's hash), or undefined when there is none or it cannot be read. */
export function readCachedJson(kind: string, hash: string): unknown {
  try {
    return JSON.parse(readFileSync(cacheFile(kind, hash), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * JSON with every character beyond ASCII escaped (`"é"` → `"\u00e9"`), the same value once parsed:
 * V8 reads an ASCII file into a one-byte string, which decodes and parses faster, and so are the
 * strings parsed from it (a single “ in a 1.7 MB file made all of it two bytes a character).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Store a JSON value as `kind` under `hash`; false when the cache folder cannot be written (nothing else changes). */
export function writeCachedJson(kind: string, hash: string, value: unknown): boolean {
  const file = cacheFile(kind, hash);
  // Written beside the target and renamed, so a reader never sees half a file.
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(partial, asciiJson(value));
    renameSync(partial, file);
    return true;
  } catch {
    return false;
  }
}

/** The model as the cache file holds it: both views' weights in their compact form (compact-weights.ts). */
type StoredModel = Omit<DeciderModel, 'weights' | 'structuralWeights'> & { readonly weights: CompactWeights; readonly structuralWeights?: CompactWeights };

/** The cached pack under `hash`, or undefined when there is none or it cannot be read. */
export function readCachedPack(hash: string): CachedPack | undefined {
  const cached = readCachedJson('pack', hash) as (Omit<Partial<CachedPack>, 'model'> & { model?: StoredModel | null }) | undefined;
  if (cached?.format !== CACHE_FORMAT || !cached.data || !cached.literals || cached.model === undefined) return undefined;
  try {
    let model: DeciderModel | null = null;
    if (cached.model) {
      const { weights, structuralWeights, ...rest } = cached.model;
      model = { ...rest, weights: expandWeights(weights), ...(structuralWeights ? { structuralWeights: expandWeights(structuralWeights) } : {}) };
    }
    return { format: CACHE_FORMAT, data: cached.data, literals: cached.literals, model };
  } catch {
    return undefined;
  }
}

/** Store a compiled pack under `hash`; false when the cache folder cannot be written (nothing else changes). */
export function writeCachedPack(hash: string, pack: Omit<CachedPack, 'format'>): boolean {
  const weights = pack.model ? compactWeights(pack.model.weights) : null;
  const structural = pack.model?.structuralWeights ? compactWeights(pack.model.structuralWeights) : undefined;
  if (pack.model && (!weights || structural === null)) return false;
  const model = pack.model ? { ...pack.model, weights, ...(structural ? { structuralWeights: structural } : {}) } : null;
  return writeCachedJson('pack', hash, { format: CACHE_FORMAT, ...pack, model });
}
