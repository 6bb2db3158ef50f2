// Hostile input must cost linear time: over-long sentences are cut, and no pack
// or noise pattern nests unbounded quantifiers (the shape that backtracks
// exponentially). No timings here: the bench prints time per MB.
import { describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { nestedUnboundedGroups } from '../src/pack/pattern-safety.js';
import { explainDocument } from '../src/cli/explain.js';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { loadNoiseRules } from '../src/pipeline/clean/noise-rules.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { MAX_SENTENCE_CHARS, segmentDocument } from '../src/pipeline/segment/segment.js';
import { findAll } from '../src/util/regex.js';

function allPackPatterns(): { name: string; re: RegExp }[] {
  const pack = getPack();
  const named = (name: string, re: RegExp | null): { name: string; re: RegExp }[] => (re ? [{ name, re }] : []);
  const noise = loadNoiseRules();
  return [
    ...pack.actorMatchers.map((m) => ({ name: `actor ${m.actor}/${m.via}`, re: m.re })),
    ...named('titles', pack.titleRe),
    ...pack.propositionCues.map((c) => ({ name: `proposition ${c.proposition}/${c.cue}`, re: c.re })),
    ...pack.stanceCues.map((c) => ({ name: `stance ${c.id}`, re: c.re })),
    ...named('attribution', pack.attribution),
    ...named('hedges', pack.hedges),
    ...named('blockers', pack.blockers),
    ...named('negators', pack.negators),
    ...named('breakers', pack.breakers),
    ...named('conditions', pack.conditions),
    ...pack.relevanceTerms.map((re, i) => ({ name: `relevance term ${i}`, re })),
    ...[noise.lines, noise.nextLine, noise.block, noise.tail].flat().map((r) => ({ name: `noise ${r.id}`, re: r.re })),
  ];
}

describe('pattern safety check', () => {
  const cases: [string, string[]][] = [
    ['(\\w+ ?)*', ['(\\w+ ?)']],
    ['(a+)+b', ['(a+)']],
    ['((ab)*c)+', ['((ab)*c)']],
    ["([\\w',.-]+ ){0,3}(land|territory)", []],
    ['(halt|stop)( the)? (war|bloodshed)', []],
    ['[(+]+x', []],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(nestedUnboundedGroups(source)).toEqual(expected);
  });

  it('finds no nested unbounded quantifier in any pack or noise pattern', () => {
    const unsafe = allPackPatterns().filter((p) => nestedUnboundedGroups(p.re.source).length > 0).map((p) => p.name);
    expect(unsafe).toEqual([]);
  });
});

describe('pack patterns on adversarial strings', () => {
  const pack = getPack();
  // Prefixes of real cues repeated: the strings most likely to make a pattern start, fail late and retry.
  const examples = pack.propositionCues.flatMap((c) => c.examples).slice(0, 40);
  const adversarial = [
    'a'.repeat(20_000),
    ' '.repeat(20_000),
    'withdraw from the '.repeat(1_000),
    'ab '.repeat(6_000),
    `${'x'.repeat(5_000)}${' y'.repeat(5_000)}`,
    ...examples.map((e) => `${e.slice(0, Math.max(3, e.length - 2))} `.repeat(Math.ceil(10_000 / e.length))),
  ];

  it('runs every pattern over every string to the end, with a bounded number of matches', () => {
    const patterns = allPackPatterns();
    expect(patterns.length).toBeGreaterThan(50);
    for (const { re } of patterns) {
      const g = re.global ? re : new RegExp(re.source, `${re.flags}g`);
      for (const text of adversarial) expect(findAll(g, text).length).toBeLessThanOrEqual(text.length);
    }
  });
});

describe('over-long sentences', () => {
  const words = 'Russia demands that Ukraine withdraw its forces from the Donetsk region and Kyiv rejects any ceasefire ';

  it('cuts a sentence without full stops into pieces of at most the cap, at word boundaries, offsets kept', () => {
    const text = words.repeat(300).trim();
    const doc = segmentDocument(cleanDocument({ origin: 'long.txt', rawText: text }));
    expect(doc.sentences.length).toBeGreaterThanOrEqual(Math.floor(text.length / MAX_SENTENCE_CHARS));
    for (const s of doc.sentences) {
      expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(doc.clean.text.slice(s.start, s.end)).toBe(s.text);
      expect(s.capped).toBe(true);
      expect(/^\S/.test(s.text) && /\S$/.test(s.text)).toBe(true);
    }
    expect(doc.sentences.map((s) => s.text).join(' ')).toBe(text);
  });

  it('cuts one huge word into pieces of the cap', () => {
    const doc = segmentDocument(cleanDocument({ origin: 'word.txt', rawText: 'a'.repeat(5 * MAX_SENTENCE_CHARS + 10) }));
    expect(doc.sentences.map((s) => s.text.length)).toEqual([1000, 1000, 1000, 1000, 1000, 10]);
  });

  it('leaves ordinary sentences whole and unmarked', () => {
    const doc = segmentDocument(cleanDocument({ origin: 'short.txt', rawText: 'Kyiv agreed. Moscow refused.' }));
    expect(doc.sentences.map((s) => s.capped)).toEqual([undefined, undefined]);
  });

  it('keeps sentences whole across the tokeniser windows of a long paragraph', () => {
    const sentence = 'The delegations met again in Istanbul on Monday morning. ';
    const text = sentence.repeat(400).trim();
    const doc = segmentDocument(cleanDocument({ origin: 'para.txt', rawText: text }));
    expect(doc.sentences.length).toBe(400);
    expect(new Set(doc.sentences.map((s) => s.text))).toEqual(new Set([sentence.trim()]));
  });

  it('says in explain that a sentence is a piece of a longer one', () => {
    const out = explainDocument(runPipeline({ origin: 'long.txt', rawText: words.repeat(30) }));
    expect(out).toContain('piece of an over-long sentence');
  });
});

describe('long documents', () => {
  const sentence = (i: number): string => `Russia demands a ceasefire along the current line of contact and Kyiv rejects territorial concessions, officials said on day ${i}.`;

  it("gives each candidate the rules' verdicts on its cell as at most two polarities, not every claim of the document", () => {
    const rawText = Array.from({ length: 300 }, (_, i) => sentence(i)).join(' ');
    const { scored, ruleClaims } = runPipeline({ origin: 'long.txt', rawText });
    expect(scored!.length).toBeGreaterThan(300);
    for (const { candidate } of scored!) {
      const cell = ruleClaims.filter((c) => c.actor === candidate.actor && c.proposition === candidate.proposition);
      expect(candidate.documentRulePolarities).toEqual([...new Set(cell.map((c) => c.polarity))]);
    }
  });
});
