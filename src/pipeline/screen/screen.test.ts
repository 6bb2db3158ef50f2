import { describe, expect, it } from 'vitest';
import { getPack } from '../../pack/compile.js';
import { runPipeline } from '../run-pipeline.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { francAll } from 'franc-min';
import { detectLanguage, LANGUAGE_SAMPLE_CHARS, MIN_LANGUAGE_CHARS, plainlyEnglish, screenDocument, skipKind } from './screen.js';

// Our own short wire-style texts.
const FRENCH =
  "GENÈVE — Les deux délégations se sont retrouvées mardi pour une nouvelle séance de négociations sur un couloir maritime, mais aucun accord n'a été trouvé sur la question des assurances, selon un médiateur qui a parlé aux journalistes après la réunion.";
const GERMAN =
  'GENF — Die beiden Delegationen haben sich am Dienstag zu einer weiteren Verhandlungsrunde über einen Seekorridor getroffen, doch bei der Frage der Versicherung der Schiffe gab es nach Angaben eines Vermittlers noch keine Einigung.';
const RUSSIAN =
  'ЖЕНЕВА — Делегации двух стран во вторник снова встретились для переговоров о морском коридоре, однако договориться о страховании судов пока не удалось, сообщил журналистам посредник после многочасового заседания.';
const DUTCH =
  'GENÈVE — De twee delegaties kwamen dinsdag opnieuw bijeen voor een nieuwe ronde van onderhandelingen over een scheepvaartcorridor, maar over de verzekering van de schepen is nog geen akkoord bereikt, zei een bemiddelaar. Het is niet duidelijk wanneer de gesprekken worden hervat.';
const ENGLISH_ON_TOPIC =
  'GENEVA — The two delegations met again on Tuesday for peace talks on a shipping corridor, and negotiators said a ceasefire in the Black Sea could follow if the insurance question was settled, a mediator told reporters after the session.';
const ENGLISH_OFF_TOPIC =
  'LISBON — The city council approved a plan on Tuesday to extend the tram network to the airport, a project that officials said would cut travel times by a third and would be paid for partly by a new tourist tax on hotel stays.';

const screen = (text: string) => {
  const pack = getPack();
  return screenDocument(runPipeline({ origin: 'test.txt', rawText: text }, pack).analysed, pack);
};

describe('language and relevance screening', () => {
  it.each([
    ['French', FRENCH, 'not English (detected: fra)', 'fr'],
    ['German', GERMAN, 'not English (detected: deu)', 'de'],
    ['Russian', RUSSIAN, 'not English (detected: rus)', 'ru'],
    ['off-topic English', ENGLISH_OFF_TOPIC, 'off the pack topic (0 topic terms, need 2)', 'en'],
  ])('stores %s as skipped with its reason', (_name, text, reason, language) => {
    expect(screen(text)).toEqual({ skipReason: reason, language });
  });

  it('passes on-topic English and names its language', () => {
    expect(screen(ENGLISH_ON_TOPIC)).toEqual({ language: 'en' });
  });

  it("follows the pack's language", () => {
    const english = getPack();
    const french = { ...english, data: { ...english.data, manifest: { ...english.data.manifest, language: 'fr' } } };
    const analysed = (text: string) => runPipeline({ origin: 'test.txt', rawText: text }, french).analysed;
    expect(screenDocument(analysed(FRENCH), french).skipReason).not.toMatch(/^not /);
    expect(screenDocument(analysed(ENGLISH_ON_TOPIC), french)).toEqual({ skipReason: 'not French (detected: eng)', language: 'en' });
    const unknown = { ...english, data: { ...english.data, manifest: { ...english.data.manifest, language: 'xx-not-a-code!' } } };
    expect(screenDocument(analysed(GERMAN), unknown).skipReason).toBe('not xx-not-a-code! (detected: deu)');
  });

  it('says how many topic terms an off-topic text had', () => {
    const oneTerm = `${ENGLISH_OFF_TOPIC} A council member joked that the talks over the budget had been harder.`;
    expect(screen(oneTerm).skipReason).toBe('off the pack topic (1 topic term, need 2)');
  });

  it('leaves a short text unknown and treats it as English', () => {
    expect(detectLanguage('Les délégations se sont réunies.')).toEqual({ iso6393: 'und' });
    expect(screen('Les pourparlers de paix et le cessez-le-feu.').skipReason).toMatch(/^off the pack topic/);
  });

  it('names the language of the opening characters only', () => {
    // Three English paragraphs (past the sample window) before a long French tail.
    const opening = [ENGLISH_ON_TOPIC, ENGLISH_OFF_TOPIC, ENGLISH_ON_TOPIC].join('\n\n');
    expect(opening.length).toBeGreaterThan(LANGUAGE_SAMPLE_CHARS);
    expect(detectLanguage(`${opening}\n\n${Array(8).fill(FRENCH).join('\n\n')}`).iso6393).toBe('eng');
  });

  it('takes plain English by its function words and leaves every other text to franc', () => {
    expect([ENGLISH_ON_TOPIC, ENGLISH_OFF_TOPIC].map(plainlyEnglish)).toEqual([true, true]);
    expect([FRENCH, GERMAN, RUSSIAN, DUTCH].map(plainlyEnglish)).toEqual([false, false, false, false]);
    expect(detectLanguage(DUTCH).iso6393).toBe('nld');
  });

  it('agrees with franc on every sample article the function words call English', () => {
    const pack = getPack();
    const dir = fileURLToPath(new URL('../../../corpus/sample', import.meta.url));
    let shortcut = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = runPipeline({ origin: file, rawText: readFileSync(join(dir, file), 'utf8') }, pack).analysed.segmented.clean.text.trim();
      const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS);
      if (text.length < MIN_LANGUAGE_CHARS || !plainlyEnglish(sample)) continue;
      shortcut++;
      expect(francAll(sample, { minLength: MIN_LANGUAGE_CHARS })[0]?.[0], file).toBe('eng');
    }
    expect(shortcut).toBeGreaterThan(20);
  });

  it('counts reasons by kind', () => {
    expect(skipKind('not English (detected: rus)')).toBe('not English');
    expect(skipKind('off the pack topic (1 topic term, need 2)')).toBe('off the pack topic');
  });
});
