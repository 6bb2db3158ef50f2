// Loads the noise-line rules (data/noise.yaml) that cleaning applies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const ruleSchema = z.strictObject({ id: z.string().min(1), pattern: z.string().min(1) });
const noiseFileSchema = z.strictObject({
  lines: z.array(ruleSchema),
  nextLine: z.array(ruleSchema),
  block: z.array(ruleSchema),
  tail: z.array(ruleSchema),
});

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

export function loadNoiseRules(file: string = NOISE_FILE): NoiseRules {
  if (cached && file === NOISE_FILE) return cached;
  const parsed = noiseFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const compile = (rules: z.infer<typeof ruleSchema>[]): NoiseRule[] =>
    rules.map((r) => ({ id: r.id, re: new RegExp(r.pattern, 'iu') }));
  const rules = { lines: compile(parsed.data.lines), nextLine: compile(parsed.data.nextLine), block: compile(parsed.data.block), tail: compile(parsed.data.tail) };
  if (file === NOISE_FILE) cached = rules;
  return rules;
}
