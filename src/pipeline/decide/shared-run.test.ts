import { describe, expect, it } from 'vitest';
import { classProbabilities } from './model.js';
import { markSharedRun } from './shared-run.js';

const weights: Record<string, [number, number, number]> = {
  bias: [0.1, -0.2, 0.3],
  'w=truce': [0.5, 1.25, -0.75],
  'wp=truce|ceasefire': [-0.3, 0.9, 0.1],
  'w=talk': [0.2, -0.4, 0.6],
  'post=said': [0.05, 0.15, -0.35],
};

describe('classProbabilities with a shared run of features', () => {
  it('gives the same numbers as the plain list, also when the list no longer holds the run', () => {
    const run = ['w=truce', 'wp=truce|ceasefire', 'w=unknown'];
    const features = ['bias', ...run, 'post=said'];
    markSharedRun(features, 1, run);
    expect(classProbabilities(weights, features)).toEqual(classProbabilities(weights, [...features]));
    // A second candidate sharing the run, and one whose list was changed after marking.
    const other = ['w=talk', ...run];
    markSharedRun(other, 1, run);
    expect(classProbabilities(weights, other)).toEqual(classProbabilities(weights, [...other]));
    const changed = ['bias', ...run, 'post=said'];
    markSharedRun(changed, 1, run);
    changed[2] = 'w=talk';
    expect(classProbabilities(weights, changed)).toEqual(classProbabilities(weights, [...changed]));
  });
});
