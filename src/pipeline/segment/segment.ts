// Segmentation: paragraphs, then sentences and tokens from wink-nlp, each
// with character offsets into the clean text.
import winkNLP, { type ItemSentence, type WinkMethods } from 'wink-nlp';
import { winkModel } from './wink-model.js';
import type { CleanDocument, SegmentedDocument, Sentence, Token } from '../types.js';

let nlp: WinkMethods | undefined;

/**
 * The longest sentence kept whole, in characters. Later stages compare cues pairwise
 * within a sentence, so a page with no full stops (a 1 MB "sentence") would cost the
 * square of its length; longer runs are cut at a word boundary and marked `capped`.
 */
export const MAX_SENTENCE_CHARS = 1000;

/** Cut a sentence's tokens into runs spanning at most `MAX_SENTENCE_CHARS`, each cut between two tokens. */
function capTokens(tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const token of tokens) {
    if (run.length > 0 && token.end - run[0]!.start > MAX_SENTENCE_CHARS) {
      runs.push(run);
      run = [];
    }
    run.push(token);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The wink-nlp pipes segmentation reads: sentences and part-of-speech tags. No stage
 * reads wink's negation flags (the pack's negator cues do that work), and that pipe
 * costs a quarter of wink's time.
 */
export const SEGMENT_PIPES = ['sbd', 'pos'] as const;

/** The shared wink-nlp instance (loading the model takes ~100 ms). */
export function getNlp(): WinkMethods {
  nlp ??= winkNLP(winkModel(SEGMENT_PIPES), [...SEGMENT_PIPES]);
  return nlp;
}

/**
 * wink-nlp's tokeniser is quadratic in the length of one token and slow on long
 * paragraphs, so it reads a paragraph in windows of at most this many characters.
 */
const MAX_WINDOW_CHARS = 5000;
/** A likely sentence end to cut a window at: a full stop after a word of 3+ letters, then a capital. */
const SENTENCE_END = /[\p{Ll}\d]{3}[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})/gu;
const LONG_WORD = new RegExp(`\\S{${MAX_SENTENCE_CHARS + 1}}`, 'u');

interface TextWindow {
  readonly start: number;
  readonly text: string;
  /** True when the window ends inside a sentence (no sentence end was near). */
  readonly cutMidSentence: boolean;
}

/** Cut a paragraph into windows wink reads fast: at a sentence end, else a space, else after MAX_SENTENCE_CHARS of one word. */
function windowsOf(paragraph: string): TextWindow[] {
  const windows: TextWindow[] = [];
  let start = 0;
  while (start < paragraph.length) {
    let end = Math.min(paragraph.length, start + MAX_WINDOW_CHARS);
    let cutMidSentence = false;
    // A window no longer than the cap cannot hold a longer word: most paragraphs skip the scan.
    const longWord = end - start > MAX_SENTENCE_CHARS ? LONG_WORD.exec(paragraph.slice(start, end)) : null;
    if (longWord) {
      end = longWord.index > 0 ? start + longWord.index : start + MAX_SENTENCE_CHARS;
      cutMidSentence = true;
    } else if (end < paragraph.length) {
      const window = paragraph.slice(start, end);
      let cut = -1;
      SENTENCE_END.lastIndex = 0;
      for (let m = SENTENCE_END.exec(window); m !== null; m = SENTENCE_END.exec(window)) cut = m.index + m[0].length;
      if (cut <= 0) {
        cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t')) + 1;
        cutMidSentence = true;
      }
      if (cut > 0) end = start + cut;
      else cutMidSentence = true;
    }
    windows.push({ start, text: paragraph.slice(start, end), cutMidSentence });
    start = end;
  }
  return windows;
}

/** Spaces and tabs: what stands between two of wink's tokens on one line. */
const isBlank = (code: number): boolean => code === 32 || code === 9;

/**
 * `text.indexOf(value, cursor)`, sped up for the usual case: the token starts after the
 * blanks at `cursor`. A token that starts with no blank cannot occur before them, so the
 * first place it can be is where the blanks end; anything else falls back to indexOf.
 */
function tokenAt(text: string, value: string, cursor: number): number {
  let at = cursor;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  if (value.length > 0 && !isBlank(value.charCodeAt(0)) && text.startsWith(value, at)) return at;
  return text.indexOf(value, cursor);
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
    let startsMidSentence = false;
    for (const window of windowsOf(paraText)) {
      const windowStart = paraStart + window.start;
      const doc = nlpInstance.readDoc(window.text);
      const values = doc.tokens().out() as string[];
      const pos = doc.tokens().out(its.pos) as string[];
      // wink keeps token values verbatim, so each can be found in order.
      const tokens: Token[] = [];
      let cursor = 0;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        const at = tokenAt(window.text, value, cursor);
        const start = at >= 0 ? at : cursor;
        const end = at >= 0 ? at + value.length : cursor;
        tokens.push({ text: value, start: windowStart + start, end: windowStart + end, pos: pos[i] ?? 'X' });
        cursor = end;
      }
      const pieces: Token[][][] = [];
      doc.sentences().each((s: ItemSentence) => {
        const [first, last] = s.out(its.span) as unknown as [number, number];
        const sentTokens = tokens.slice(first, last + 1);
        if (sentTokens.length > 0) pieces.push(capTokens(sentTokens));
      });
      pieces.forEach((runs, i) => {
        const capped = runs.length > 1 || (i === 0 && startsMidSentence) || (i === pieces.length - 1 && window.cutMidSentence);
        for (const run of runs) {
          const start = run[0]!.start;
          const end = run[run.length - 1]!.end;
          sentences.push({ index: sentences.length, paragraph, start, end, text: text.slice(start, end), tokens: run, ...(capped ? { capped: true } : {}) });
        }
      });
      startsMidSentence = window.cutMidSentence;
    }
    paragraph++;
  }
  return { clean, sentences };
}
