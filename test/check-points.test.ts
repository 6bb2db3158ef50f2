// The deal checker reads plain plan points: a table of [point, what it asks].
import { describe, expect, it } from 'vitest';
import { termsOf } from '../src/analysis/check.js';
import { getPack } from '../src/pack/compile.js';

const pack = getPack();

describe('plain plan points', () => {
  it.each([
    ['Ukraine joins NATO.', ['nato_membership support']],
    ['Ukraine joins the EU.', ['eu_membership support']],
    ['Ukraine will not join NATO.', ['nato_membership oppose']],
    ['No deal is made without Ukraine\'s consent.', ['ukraine_participation support']],
    ['Any settlement requires Ukraine\'s consent.', ['ukraine_participation support']],
    ['The rights of Russian-speaking minorities are protected.', ['language_culture support']],
    ['Russian troops withdraw from occupied territory.', ['territory_cession oppose']],
    ['Ukraine withdraws its forces from Donbas.', ['territory_cession support']],
    ['Kyiv pulls its troops out of the Donetsk region.', ['territory_cession support']],
  ])('%s', (point, expected) => {
    expect(termsOf(pack, point).map((t) => `${t.proposition} ${t.wants}`)).toEqual(expected);
  });
});
