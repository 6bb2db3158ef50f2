// Table-driven tests of claim extraction, one row per rule, in our own sentences.
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../run-pipeline.js';

/** A short on-topic article around `text`, so the relevance gate lets it through. */
function claimsOf(text: string): string[] {
  const rawText = `Peace talks resumed on Monday as negotiators met again.\n${text}`;
  return runPipeline({ origin: 't.txt', rawText })
    .claims.map((c) => `${c.actor} ${c.polarity} ${c.proposition}`)
    .filter((v, i, all) => all.indexOf(v) === i)
    .sort();
}

const cases: [string, string, string[]][] = [
  ['subject of a demand verb', 'The Kremlin demanded that Ukraine abandon its NATO ambitions.', ['russia oppose nato_membership']],
  ['speaker of a deontic "must"', 'Vladimir Putin said Ukraine must withdraw from the Donetsk region.', ['russia support territory_cession']],
  ['list: one demand, four claims', 'Moscow demanded that Kyiv accept neutrality, renounce NATO membership, demobilise and recognise Crimea as Russian.', ['russia oppose nato_membership', 'russia support military_limits', 'russia support neutrality', 'russia support recognition']],
  ['refusal modal is a single negation', 'Kyiv would not hand over any territory it controls, its negotiator said.', ['ukraine oppose territory_cession']],
  ['orientation: lifting sanctions is opposing sanctions', 'Russian officials called for the lifting of sanctions.', ['russia oppose sanctions']],
  ['orientation: borders not changed by force', 'Keir Starmer insisted that borders must not be changed by force.', ['europe oppose recognition']],
  ['opposite wording beats the plain cue', 'The Kremlin insisted on banning the deployment of foreign troops in Ukraine.', ['russia oppose foreign_troops']],
  ['passive agent', 'Both sides failed to agree on a truce pushed by Washington.', ['usa support ceasefire']],
  ['compound subject of an agreement', 'Ukraine and Russia agreed to a prisoner exchange.', ['russia support humanitarian_exchange', 'ukraine support humanitarian_exchange']],
  ['elliptical clause keeps the main subject', 'European leaders welcomed the talks but warned against territorial concessions.', ['europe oppose territory_cession']],
  ['a negated demand is not opposition', 'Zelensky is not demanding NATO membership now.', []],
  ['a topic is not a stance', 'The delegations discussed a ceasefire and prisoner exchanges.', []],
  ['a new clause after ", as" has its own stance', 'Moscow refused to meet Kyiv, as Ukraine continues to reject direct talks with Putin.', ['ukraine oppose leaders_summit']],
  ['list items carry the demand of their introduction', 'Moscow set out its demands for Kyiv:\nlifting all sanctions;\nrestoration of diplomatic ties with Russia.', ['russia oppose sanctions', 'russia support normalization']],
  ['list items without a demand introduction carry nothing', 'The agenda of the day was as follows:\nlifting of sanctions;\na ceasefire.', []],
  ['a question is not a stance', 'Trump was asked whether Zelensky would give up Crimea.', []],
];

describe('extractClaims', () => {
  it.each(cases)('%s', (_name, sentence, expected) => {
    expect(claimsOf(sentence)).toEqual(expected);
  });

  it('resolves "the memorandum" to the party that tabled it', () => {
    const text = "Russia's memorandum was handed over in Istanbul.\nThe memorandum demands official status for the Russian language.";
    expect(claimsOf(text)).toEqual(['russia support language_culture']);
  });

  it('marks hedged and conditional claims and names the rule', () => {
    const rawText = 'Peace talks resumed as negotiators met.\nPutin reportedly would agree to a ceasefire if Western arms deliveries stopped.';
    const [claim] = runPipeline({ origin: 't.txt', rawText }).claims.filter((c) => c.proposition === 'ceasefire');
    expect(claim).toMatchObject({ actor: 'russia', polarity: 'support', hedged: true, conditional: true });
    expect(claim?.rule).toMatch(/\//);
  });

  it('yields nothing for a document off the pack topic', () => {
    const rawText = 'Drones struck the capital overnight. Putin was not mentioned in the ceasefire-free night of strikes on power lines.';
    expect(runPipeline({ origin: 't.txt', rawText }).claims).toEqual([]);
  });
});
