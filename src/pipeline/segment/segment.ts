// Segmentation: paragraphs, then sentences and tokens from wink-nlp, each
// with character offsets into the clean text.
import winkNLP, { type ItemSentence, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { CleanDocument, SegmentedDocument, Sentence, Token } from '../types.js';

let nlp: WinkMethods | undefined;

/** The shared wink-nlp instance (loading the model takes ~100 ms). */
export function getNlp(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos', 'negation']);
  return nlp;
}

/** Split text into sentences with tokens: "Kyiv agreed. Moscow refused." → 2 sentences. */
export function segmentDocument(clean: CleanDocument): SegmentedDocument {
  const sentences: Sentence[] = [];
  const nlpInstance = getNlp();
  const its = nlpInstance.its;
  const text = clean.text;
  let paragraph = 0;
  const paragraphRe = /[^\n]+/g;
  for (let m = paragraphRe.exec(text); m !== null; m = paragraphRe.exec(text)) {
    const paraText = m[0];
    const paraStart = m.index;
    if (paraText.trim().length === 0) continue;
    const doc = nlpInstance.readDoc(paraText);
    const values = doc.tokens().out() as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    // wink keeps token values verbatim, so each can be found in order.
    const tokens: Token[] = [];
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const at = paraText.indexOf(value, cursor);
      const start = at >= 0 ? at : cursor;
      const end = at >= 0 ? at + value.length : cursor;
      tokens.push({ text: value, start: paraStart + start, end: paraStart + end, pos: pos[i] ?? 'X' });
      cursor = end;
    }
    doc.sentences().each((s: ItemSentence) => {
      const [first, last] = s.out(its.span) as unknown as [number, number];
      const sentTokens = tokens.slice(first, last + 1);
      if (sentTokens.length === 0) return;
      const start = sentTokens[0]!.start;
      const end = sentTokens[sentTokens.length - 1]!.end;
      sentences.push({ index: sentences.length, paragraph, start, end, text: text.slice(start, end), tokens: sentTokens });
    });
    paragraph++;
  }
  return { clean, sentences };
}
