import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedAutomaton } from './automaton-cache.js';
import { LiteralAutomaton } from './literal-filter.js';
import { useTempCacheDir } from '../../test/helpers.js';

const LISTS = [['truce', 'ceasefi'], ['sanction', 'embargo'], ['kyiv'], ['territo', 'land']];
const TEXTS = ['A TRUCE in Kyiv', 'no embargo on land', 'nothing here', 'ceasefire sanctions territory'];
const found = (automaton: LiteralAutomaton): number[][] =>
  TEXTS.map((text) => {
    const keys: number[] = [];
    automaton.scan(text, (key) => keys.push(key));
    return keys;
  });

describe('the literal automaton cache', () => {
  const cacheDir = useTempCacheDir('parley-automaton-');
  const entries = (): string[] => readdirSync(cacheDir()).filter((f) => f.startsWith('automaton-'));
  const expected = found(new LiteralAutomaton(LISTS));

  it('writes the automaton once and reads it back to the same tables', () => {
    expect(found(cachedAutomaton(LISTS))).toEqual(expected);
    expect(entries()).toHaveLength(1);
    const written = readFileSync(join(cacheDir(), entries()[0]!), 'utf8');
    const again = cachedAutomaton(LISTS);
    expect(again.tables).toEqual(new LiteralAutomaton(LISTS).tables);
    expect(found(again)).toEqual(expected);
    expect(readFileSync(join(cacheDir(), entries()[0]!), 'utf8')).toBe(written);
    // Other lists are another entry.
    cachedAutomaton([...LISTS, ['moscow']]);
    expect(entries()).toHaveLength(2);
  });

  const damages: [string, (entry: Record<string, unknown>) => unknown][] = [
    ['a table changed', (entry) => ({ ...entry, next: Buffer.from(new Int32Array(Buffer.from(entry.next as string, 'base64').length / 4).fill(1).buffer).toString('base64') })],
    ['a table cut short', (entry) => ({ ...entry, outputKeys: (entry.outputKeys as string).slice(0, 4) })],
    ['another format', (entry) => ({ ...entry, format: 'parley-literal-automaton/0' })],
    ['not an object', () => 42],
  ];
  it.each(damages)('passes over an entry with %s and builds the automaton again', (_name, damage) => {
    cachedAutomaton(LISTS);
    const file = join(cacheDir(), entries()[0]!);
    writeFileSync(file, JSON.stringify(damage(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)));
    expect(found(cachedAutomaton(LISTS))).toEqual(expected);
    expect(cachedAutomaton(LISTS).tables).toEqual(new LiteralAutomaton(LISTS).tables);
  });

  it('builds the automaton when the cache folder cannot be made', () => {
    writeFileSync(join(cacheDir(), 'a-file'), '');
    process.env.PARLEY_CACHE_DIR = join(cacheDir(), 'a-file', 'inside');
    expect(found(cachedAutomaton(LISTS))).toEqual(expected);
  });
});
