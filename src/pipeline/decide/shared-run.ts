// A run of features many candidates share: a sentence's words, the same for every
// actor named with a proposition. featuresOf marks where the run sits in a
// candidate's list, so scoring looks the run's weights up once, not once per actor.
// The list and the order of summing stay exactly as they were.

export interface SharedRun {
  /** Where the run starts in the candidate's feature list. */
  readonly at: number;
  /** The run's feature names, one array object for every candidate that shares it. */
  readonly names: readonly string[];
}

const runs = new WeakMap<readonly string[], SharedRun>();

/** Record that `features[at…]` holds `names`, e.g. a sentence's `w=` and `wp=` features. */
export function markSharedRun(features: readonly string[], at: number, names: readonly string[]): void {
  runs.set(features, { at, names });
}

/** The shared run of a feature list made by featuresOf, if it has one. */
export function sharedRunOf(features: readonly string[]): SharedRun | undefined {
  return runs.get(features);
}
