import { describe, expect, it } from 'vitest';
import { indexRecord, StringIndex } from './string-index.js';

describe('StringIndex', () => {
  const keys = ['alpha', 'beta', '', 'ключ', '\n\n', 'beta', 'x'.repeat(300)];
  const cases: [string, number][] = [
    ['alpha', 0],
    ['beta', 5], // the last of a repeated key, as on an object
    ['', 2],
    ['ключ', 3],
    ['\n\n', 4],
    ['x'.repeat(300), 6],
    ['gamma', -1],
    ['Alpha', -1],
    ['alph', -1],
  ];
  it.each(cases)('finds %j at %i', (key, position) => {
    expect(new StringIndex(keys).indexOf(key)).toBe(position);
  });

  it('looks up every key of a large list, and one rebuilt from its slot table the same', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const index = new StringIndex(many);
    const rebuilt = new StringIndex(many, index.slotTable.slice());
    for (let i = 0; i < many.length; i += 7) {
      expect(index.indexOf(many[i]!)).toBe(i);
      expect(rebuilt.indexOf(many[i]!)).toBe(i);
    }
    expect(rebuilt.indexOf('w-absent')).toBe(-1);
  });

  it('refuses a slot table of another size', () => {
    expect(() => new StringIndex(['a', 'b', 'c'], new Int32Array(8))).toThrow(/8 slots for 3 keys/);
  });

  it('serves as a record that keys can be added to, as wink adds new lexemes', () => {
    const record = indexRecord(new StringIndex(['a', 'b']));
    expect(record.b).toBe(1);
    expect(record.c).toBeUndefined();
    expect('a' in record).toBe(true);
    record.c = 2;
    expect(record.c).toBe(2);
    expect('c' in record).toBe(true);
  });
});
