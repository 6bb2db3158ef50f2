// The actor's grammatical role, read from the segmenter's part-of-speech tags
// and the pack's own actor mentions: the decider learns that a subject holds a
// stance, and a possessor or the object of a preposition usually does not.
import { describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { cleanDocument } from '../src/pipeline/clean/clean.js';
import { actorRole } from '../src/pipeline/decide/actor-role.js';
import { findMentions } from '../src/pipeline/mentions/mentions.js';
import { segmentDocument } from '../src/pipeline/segment/segment.js';

/** The role of each actor mention of a one-sentence text, as "actor:role". */
function roles(text: string): string[] {
  const analysed = findMentions(getPack(), segmentDocument(cleanDocument({ origin: 'role.txt', rawText: text })));
  return analysed.sentences.flatMap((a) =>
    a.actors.map((m) => {
      const reading = actorRole(a.sentence.tokens, m);
      return `${m.actor}:${reading?.role}${reading?.preposition ? `/${reading.preposition}` : ''}`;
    }),
  );
}

describe('actorRole', () => {
  const cases: [string, string, string[]][] = [
    ['a name before its verb is the subject', 'The Kremlin rejected the proposal for a truce on Tuesday.', ['russia:subject']],
    ['a role and a name before the verb are both the subject', 'Ukrainian President Volodymyr Zelensky called for an unconditional ceasefire.', ['ukraine:subject', 'ukraine:subject']],
    ['names joined by "and" share the verb', 'Washington and Kyiv agreed on a draft.', ['usa:subject', 'ukraine:subject']],
    ['an aside between commas does not hide the verb', 'The Kremlin, in a statement on Friday, rejected the plan.', ['russia:subject']],
    ['a possessor', "The envoys studied Moscow's list of conditions.", ['russia:possessor']],
    ['the object of a preposition', 'European leaders sent an ultimatum to the Kremlin over the truce.', ['europe:subject', 'russia:preposition-object/to']],
    ['a name after the verb is none of these', 'The envoy met Zelensky in the capital.', ['usa:subject', 'ukraine:other']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(roles(text)).toEqual(expected);
  });
});
