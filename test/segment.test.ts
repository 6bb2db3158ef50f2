import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stockModel from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { segmentDocument } from '../src/pipeline/segment/segment.js';
import { winkModel } from '../src/pipeline/segment/wink-model.js';

function sentences(text: string): string[] {
  return segmentDocument(cleanDocument({ origin: 't.txt', rawText: text })).sentences.map((s) => s.text);
}

describe('segmentDocument', () => {
  const cases: [string, string, string[]][] = [
    ['two sentences', 'Kyiv agreed. Moscow refused.', ['Kyiv agreed.', 'Moscow refused.']],
    ['abbreviations', 'Mr. Trump met U.S. officials. They talked.', ['Mr. Trump met U.S. officials.', 'They talked.']],
    ['headline without a full stop stays apart', 'Talks resume in Istanbul\nThe delegations met on Monday.', ['Talks resume in Istanbul', 'The delegations met on Monday.']],
    ['quoted sentence', '“We will not give up our land,” he said. The talks ended.', ['“We will not give up our land,” he said.', 'The talks ended.']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('keeps offsets into the clean text', () => {
    const doc = segmentDocument(cleanDocument({ origin: 't.txt', rawText: 'First one here.\n\nSecond one — with a dash.' }));
    for (const s of doc.sentences) expect(doc.clean.text.slice(s.start, s.end)).toBe(s.text);
    expect(doc.sentences.map((s) => s.paragraph)).toEqual([0, 1]);
  });
});

describe('the wink model as segmentation loads it', () => {
  // The package's own loader is the reference: every token, tag, negation flag and sentence the same.
  const corpus = join(dirname(fileURLToPath(import.meta.url)), '../corpus/sample');
  const texts = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(corpus, f), 'utf8'));
  const read = (nlp: WinkMethods, text: string): unknown => {
    const doc = nlp.readDoc(text);
    return [doc.tokens().out(), doc.tokens().out(nlp.its.pos), doc.tokens().out(nlp.its.negationFlag), doc.sentences().out(nlp.its.span)];
  };
  it.each([[['sbd', 'pos']], [['sbd', 'pos', 'negation']]] as const)('reads the sample corpus as the stock model does with pipes %j', (pipes) => {
    const lean = winkNLP(winkModel(pipes), [...pipes]);
    const stock = winkNLP(stockModel, [...pipes]);
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(read(lean, text)).toEqual(read(stock, text));
  });
  it('keeps the addons the stock model has, loaded when asked for', () => {
    const nlp = winkNLP(winkModel(['sbd', 'pos']), ['sbd', 'pos']);
    // wink's types leave the addon-backed its functions out of out()'s signature.
    const lemma = nlp.its.lemma as unknown as typeof nlp.its.value;
    const text = 'The talks were resumed.';
    expect(nlp.readDoc(text).tokens().out(lemma)).toEqual(winkNLP(stockModel, ['sbd', 'pos']).readDoc(text).tokens().out(lemma));
    expect(nlp.readDoc(text).tokens().out(lemma)).toContain('resume');
  });
});
