// Loads the noise-line rules (data/noise.yaml) that cleaning applies. The checked
// rules are cached by the hash of the file and of this module, so a start with the
// cache filled loads neither yaml nor zod.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z as Zod } from 'zod';
import { readCachedJson, writeCachedJson } from '../../pack/pack-cache.js';
import { lazyModule } from '../../util/lazy-module.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');
const zod = lazyModule<typeof import('zod')>('zod');

function buildNoiseSchema(z: typeof Zod) {
  const ruleSchema = z.strictObject({ id: z.string().min(1), pattern: z.string().min(1) });
  return z.strictObject({
    lines: z.array(ruleSchema),
    nextLine: z.array(ruleSchema),
    block: z.array(ruleSchema),
    tail: z.array(ruleSchema),
  });
}

type NoiseFile = Zod.infer<ReturnType<typeof buildNoiseSchema>>;
const CACHE_KIND = 'noise';
const THIS_MODULE = fileURLToPath(import.meta.url);

export interface NoiseRule {
  readonly id: string;
  readonly re: RegExp;
}

export interface NoiseRules {
  readonly lines: readonly NoiseRule[];
  readonly nextLine: readonly NoiseRule[];
  readonly block: readonly NoiseRule[];
  readonly tail: readonly NoiseRule[];
}

export const NOISE_FILE = fileURLToPath(new URL('../../../data/noise.yaml', import.meta.url));

let cached: NoiseRules | undefined;

/** The rules of a noise file, checked: from the cache when the file and this module are unchanged. */
function readNoiseFile(file: string): NoiseFile {
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(readFileSync(THIS_MODULE)).update('\0').update(text).digest('hex');
  const hit = readCachedJson(CACHE_KIND, hash) as NoiseFile | undefined;
  if (hit && Array.isArray(hit.lines) && Array.isArray(hit.nextLine) && Array.isArray(hit.block) && Array.isArray(hit.tail)) return hit;
  const parsed = buildNoiseSchema(zod().z).safeParse(yaml().parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  writeCachedJson(CACHE_KIND, hash, parsed.data);
  return parsed.data;
}

export function loadNoiseRules(file: string = NOISE_FILE): NoiseRules {
  if (cached && file === NOISE_FILE) return cached;
  const data = readNoiseFile(file);
  const compile = (rules: NoiseFile['lines']): NoiseRule[] => rules.map((r) => ({ id: r.id, re: new RegExp(r.pattern, 'iu') }));
  const rules = { lines: compile(data.lines), nextLine: compile(data.nextLine), block: compile(data.block), tail: compile(data.tail) };
  if (file === NOISE_FILE) cached = rules;
  return rules;
}
