import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { segmentDocument } from '../src/pipeline/segment/segment.js';

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
