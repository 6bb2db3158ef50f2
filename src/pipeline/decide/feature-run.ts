// The decider's feature vector as features.ts hands it to the model: runs of
// named features, each followed by groups of word features kept as their stems.
// A word feature's name is `${prefix}=${stem}` (`|${proposition}` after wp); the
// model looks a word up by its stem, so scoring builds no name per word.

/** Prefixes of the word features, in no particular order. */
export const WORD_PREFIXES = ['w', 'wp', 'pre', 'btw', 'post'] as const;
export type WordPrefix = (typeof WORD_PREFIXES)[number];

/** Word features of one prefix: one per stem, the stems distinct and in the order they count. */
export interface WordRun {
  readonly prefix: WordPrefix;
  readonly stems: readonly string[];
  /** The proposition a wp feature pairs the word with. */
  readonly proposition?: string;
}

/** Features in their order: the names, then each word run's. */
export interface FeatureRun {
  readonly names: readonly string[];
  readonly words: readonly WordRun[];
}

/** `wordFeatureName('wp', 'ceasefir', 'ceasefire')` → "wp=ceasefir|ceasefire". */
export function wordFeatureName(prefix: WordPrefix, stem: string, proposition?: string): string {
  return prefix === 'wp' ? `wp=${stem}|${proposition}` : `${prefix}=${stem}`;
}

/** The run's feature names, in order. */
export function runNames(run: FeatureRun): string[] {
  const names = [...run.names];
  for (const { prefix, stems, proposition } of run.words) for (const stem of stems) names.push(wordFeatureName(prefix, stem, proposition));
  return names;
}
