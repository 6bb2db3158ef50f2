// The short fault campaign: 50 seeded bad inputs through the built CLI
// (`npm run fuzz` runs 1,000). No crash, no hang, one clear line per problem,
// and the store holds nothing it should not.
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../src/fuzz/main.js';

describe('fault campaign (short)', () => {
  it('survives 50 generated bad inputs with clear errors and a sound store', () => {
    const summary = runFuzz(50, 3);
    expect(summary.examples).toEqual([]);
    expect({ crashes: summary.crashes, hangs: summary.hangs, unclearErrors: summary.unclearErrors }).toEqual({ crashes: 0, hangs: 0, unclearErrors: 0 });
    expect(summary.integrity).toBe('ok');
    expect(summary.badStoredRows).toBe(0);
    expect(Object.keys(summary.byKind).length).toBeGreaterThan(10);
  }, 180_000);
});
