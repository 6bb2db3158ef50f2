// Each claim's speaker (as the text names them) and condition clause, through the
// real pipeline on our own sentences: a table of [sentence, actor, speaker, condition].
import { describe, expect, it } from 'vitest';
import { getPack } from '../../pack/compile.js';
import { runPipeline } from '../run-pipeline.js';

const pack = getPack();

function claimsOf(text: string) {
  return runPipeline({ origin: 'test.txt', rawText: `${text}\n\nThe peace talks on the war in Ukraine continue, with a ceasefire and security guarantees on the table.` }, pack).claims;
}

describe('speaker and condition of a claim', () => {
  it.each([
    ['Kremlin spokesman Dmitry Peskov said Russia rejects any ceasefire that lets Kyiv rearm.', 'russia', 'Dmitry Peskov', undefined],
    ['Zelensky said Ukraine was ready to drop its bid to join NATO in return for binding security guarantees.', 'ukraine', 'Zelensky', 'in return for binding security guarantees'],
    ['Putin said he would agree to a ceasefire only if Ukraine leaves Donbas.', 'russia', 'Putin', 'only if Ukraine leaves Donbas'],
  ])('%s', (sentence, actor, speaker, condition) => {
    const claim = claimsOf(sentence).find((c) => c.actor === actor);
    expect(claim).toBeDefined();
    expect(claim!.speaker).toBe(speaker);
    expect(claim!.condition).toBe(condition);
    expect(claim!.conditional).toBe(condition !== undefined);
  });
});
