import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadPack } from '../src/pack/load-pack.js';
import { bounded, compilePack } from '../src/pack/compile.js';
import { tempDir } from './helpers.js';

function packCopy(edit: (dir: string) => void): string {
  const dir = join(tempDir(), 'pack');
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe('loadPack', () => {
  it('loads the bundled pack with the 18 propositions and 4 scored actors', () => {
    const pack = loadPack();
    expect(pack.propositions).toHaveLength(18);
    expect(pack.actors.filter((a) => a.scored).map((a) => a.id)).toEqual(['russia', 'ukraine', 'usa', 'europe']);
  });

  it('matches every example a proposition cue lists', () => {
    const compiled = compilePack(loadPack());
    const misses = compiled.propositionCues.flatMap((cue) =>
      cue.examples.filter((example) => !new RegExp(cue.re.source, 'iu').test(example)).map((example) => `${cue.cue}: ${example}`),
    );
    expect(misses).toEqual([]);
    expect(compiled.propositionCues.filter((cue) => cue.examples.length > 0).length).toBeGreaterThan(10);
  });

  const broken: [string, string, (text: string) => string, RegExp][] = [
    ['a bad regular expression', 'propositions.yaml', (t) => t.replace('pattern: "(current |existing )?line of contact"', 'pattern: "((current |existing )?line of contact"'), /propositions\.yaml:\d+: propositions\.1\.cues\.3\.pattern: is not a valid regular expression/],
    ['an unknown polarity', 'stances.yaml', (t) => t.replace('polarity: oppose', 'polarity: against'), /stances\.yaml:\d+: stances\.\d+\.polarity/],
    ['invalid YAML', 'actors.yaml', (t) => `${t}\n  - [unclosed`, /actors\.yaml(:\d+)?: invalid YAML/],
    ['a missing field', 'pack.yaml', (t) => t.replace(/^name:.*$/m, ''), /pack\.yaml: name/],
  ];
  it.each(broken)('names the file, the path and the problem for %s', (_name, file, edit, expected) => {
    const dir = packCopy((d) => writeFileSync(join(d, file), edit(readFileSync(join(d, file), 'utf8'))));
    expect(() => loadPack(dir)).toThrow(expected);
  });
});

describe('bounded', () => {
  it('checks a word boundary only on a side where the pattern has a word character', () => {
    const find = (source: string, text: string) => text.match(bounded(source, true)) ?? [];
    expect(find('truce', 'an untruced line; a truce')).toEqual(['truce']);
    expect(find(', as', 'talks stalled, as Kyiv refused')).toEqual([', as']);
    expect(find(', as', 'talks stalled, asking for more')).toEqual([]);
    expect(find(';', 'first; second')).toEqual([';']);
  });
});
