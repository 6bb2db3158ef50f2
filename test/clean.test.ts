import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument, toRawOffset } from '../src/pipeline/clean/clean.js';
import { HAS_SHARED, parley, SHARED, tempDir } from './helpers.js';

const BODY = 'The delegations met for three hours and agreed to meet again next week, officials said.';

describe('cleanDocument drops page noise and keeps the body', () => {
  const noise: [string, string][] = [
    ['related headline with ++', '++ Markets rally as oil prices slide for a third day'],
    ['bare image URL', 'https://cdn.example/img/2025/03/photo_1234.jpg?resize=640%2C360'],
    ['file photo caption', 'FILE PHOTO: Delegates arrive at a conference hall in a Gulf capital, March 2025.'],
    ['photo credit in parentheses', 'Delegates arrive at the venue (Photo: Jane Roe/Agency)'],
    ['relative time', '3 hours ago'],
    ['relative time with counter', '5 hours ago 2'],
    ['advertisement', 'Advertisement'],
    ['ad box', 'ARTICLE AD BOX'],
    ['subscription blurb', 'Subscribe now for unlimited access to our reporting from the region.'],
    ['see also', 'SEE ALSO: Ministers gather for a second day of talks'],
    ['cookie notice', 'We use cookies to improve your experience on our site.'],
    ['media player', 'Your browser doesn’t support HTML5'],
    ['comment policy', 'The comments posted here are moderated. Please refrain from personal attacks.'],
  ];
  it.each(noise)('%s', (_name, line) => {
    const clean = cleanDocument({ origin: 't.txt', rawText: `${BODY}\n${line}\n${BODY.replace('three', 'four')}` });
    expect(clean.text).not.toContain(line.trim());
    expect(clean.text).toContain(BODY);
    expect(clean.removed.map((r) => r.text)).toEqual([line]);
  });

  it.each([
    ['an agency dateline lead', 'KYIV, May 3. /TASS/. The delegations met for two hours, the agency said.'],
    ['an agency dateline without a full stop', 'MOSCOW, June 9 /TASS/ Negotiators agreed to meet again in Istanbul.'],
  ])('keeps %s: the agency in a dateline is no photo credit', (_name, line) => {
    const clean = cleanDocument({ origin: 't.txt', rawText: `${line}\n${BODY}` });
    expect(clean.text).toContain(line);
  });

  it('still drops an agency photo credit', () => {
    const clean = cleanDocument({ origin: 't.txt', rawText: `${BODY}\nDelegates arrive at the venue. Reuters/Jane Roe\n${BODY.replace('three', 'four')}` });
    expect(clean.text).not.toContain('Reuters/Jane Roe');
  });

  it('drops the headline after a "Read more" marker', () => {
    const clean = cleanDocument({ origin: 't.txt', rawText: `${BODY}\nRead more\nEnvoy says talks were useful\n${BODY.replace('three', 'two')}` });
    expect(clean.text).not.toContain('Envoy says');
    expect(clean.text.split('\n')).toHaveLength(2);
  });

  it('drops a related-articles section to the end of the page', () => {
    const body = `${BODY}\n\n${BODY.replace('three', 'five')}\n\n${BODY.replace('three', 'six')}`;
    const clean = cleanDocument({ origin: 't.txt', rawText: `${body}\nRelated Articles\nAnother story\nA long teaser paragraph about something else entirely.` });
    expect(clean.text).toBe(body);
    expect(clean.removed).toHaveLength(3);
  });

  it('drops a related-articles list placed mid-page and keeps the article prose after it', () => {
    const body = `${BODY}\n\n${BODY.replace('three', 'five')}\n\n${BODY.replace('three', 'six')}`;
    const after = 'Negotiators from both delegations said they would meet again next week to go over the draft, the mediator told reporters.';
    const clean = cleanDocument({ origin: 't.txt', rawText: `${body}\n\nRelated Articles\nGrain prices climb after port strike\nLocal team wins the cup final\n\n${after}\n\nComments\nGreat article, thanks for sharing this with everyone here.` });
    expect(clean.text).toBe(`${body}\n\n${after}`);
    expect(clean.removed.map((r) => r.rule)).toEqual(['related-section', 'related-section', 'related-section', 'closing-section', 'closing-section']);
  });

  it('keeps a short headline at the top and a question subheading', () => {
    const raw = `Talks resume in Istanbul\n${BODY}\nWhat does Kyiv want?\n${BODY.replace('three', 'two')}`;
    expect(cleanDocument({ origin: 't.txt', rawText: raw }).text).toBe(raw);
  });

  it('maps clean offsets back to the raw text', () => {
    const raw = `First line here.\n++ noise line\nSecond line here.`;
    const clean = cleanDocument({ origin: 't.txt', rawText: raw });
    const at = clean.text.indexOf('Second');
    expect(raw.slice(toRawOffset(clean, at), toRawOffset(clean, at) + 6)).toBe('Second');
  });
});

describe.runIf(HAS_SHARED)('cleaning on the seed articles (score.py clean)', () => {
  it('removes every noise line and keeps every body line', () => {
    const out = tempDir();
    const seeds = readdirSync(join(SHARED, 'seeds')).map((f) => join(SHARED, 'seeds', f));
    const run = parley(['clean', '--out', out, ...seeds]);
    expect(run.status).toBe(0);
    const score = spawnSync('python3', [join(SHARED, 'tools', 'score.py'), 'clean', '--gold', join(SHARED, 'gold', 'seeds.clean.jsonl'), '--cleaned', out], { encoding: 'utf8' });
    expect(score.stdout.trim().split('\n').pop()).toBe('clean noise_removed=1.000 body_kept=1.000');
  });
});
