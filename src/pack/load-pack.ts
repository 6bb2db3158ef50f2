// Loads a domain pack from a folder of YAML files and validates each file.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { lazyModule } from '../util/lazy-module.js';
import { packSchemas, type ActorsFile, type PackManifest, type PropositionsFile, type StancesFile } from './schema.js';

/** Loaded when a pack is read from its files, not from the compiled-pack cache. */
const yaml = lazyModule<typeof import('yaml')>('yaml');

/** The pack's files, validated but not yet compiled. */
export interface PackData {
  readonly dir: string;
  readonly manifest: PackManifest;
  readonly actors: ActorsFile['actors'];
  readonly propositions: PropositionsFile['propositions'];
  readonly stances: StancesFile;
}

export class PackError extends Error {
  override readonly name = 'PackError';
}

/** The folder of the pack that ships with Parley. */
export const DEFAULT_PACK_DIR = fileURLToPath(new URL('../../packs/russia-ukraine', import.meta.url));

/** Read and validate one YAML file; errors name the file, the path inside it and its line. */
function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  if (!existsSync(file)) throw new PackError(`${file}: file is missing`);
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new PackError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  const node = doc.getIn(issue.path as Iterable<unknown>, true) as { range?: [number, number] } | undefined;
  const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  throw new PackError(`${file}${line ? `:${line}` : ''}: ${path.join('.') || '(root)'}: ${issue.message}`);
}

/** The absolute folder of a pack, as `PackData.dir` records it. */
export function packRoot(dir: string): string {
  return resolve(dir);
}

/** Load the pack in `dir`, e.g. `loadPack('packs/russia-ukraine')`. */
export function loadPack(dir: string = DEFAULT_PACK_DIR): PackData {
  const root = packRoot(dir);
  if (!existsSync(root)) throw new PackError(`${dir}: pack folder not found`);
  const { packManifestSchema, actorsFileSchema, propositionsFileSchema, stancesFileSchema } = packSchemas();
  const manifest = readYaml(join(root, 'pack.yaml'), packManifestSchema);
  const { actors } = readYaml(join(root, 'actors.yaml'), actorsFileSchema);
  const { propositions } = readYaml(join(root, 'propositions.yaml'), propositionsFileSchema);
  const stances = readYaml(join(root, 'stances.yaml'), stancesFileSchema);
  checkUnique(join(root, 'actors.yaml'), 'actors', actors.map((a) => a.id));
  checkUnique(join(root, 'propositions.yaml'), 'propositions', propositions.map((p) => p.id));
  checkUnique(join(root, 'stances.yaml'), 'stances', stances.stances.map((s) => s.id));
  return { dir: root, manifest, actors, propositions, stances };
}

function checkUnique(file: string, what: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new PackError(`${file}: ${what}: duplicate id "${id}"`);
    seen.add(id);
  }
}
