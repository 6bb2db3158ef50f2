// The bench's yardstick: bare wink-nlp tokenisation with the pipes the pipeline
// loaded when the speed targets were set (sentences, part of speech, negation).
// The pipeline itself now loads fewer (segment.ts SEGMENT_PIPES); the yardstick
// stays the same so the ratios compare with the earlier figures.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export const REFERENCE_PIPES = ['sbd', 'pos', 'negation'] as const;

let reference: WinkMethods | undefined;

/** The yardstick instance, loaded once. */
export function tokenisationReference(): WinkMethods {
  reference ??= winkNLP(model, [...REFERENCE_PIPES]);
  return reference;
}
