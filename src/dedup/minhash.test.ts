import { describe, expect, it } from 'vitest';
import {
  bandKeys,
  BANDS,
  DUPLICATE_THRESHOLD,
  estimateJaccard,
  LshIndex,
  minhash,
  normaliseWords,
  shingleHashes,
  signatureFromBytes,
  signatureToBytes,
  type Signature,
} from './minhash.js';

// Our own wire-style story and its variants (invented outlets, no real quotes).
const HEADLINE = 'Envoys agree to extend grain corridor talks into next week';
const BODY = [
  'GENEVA — Negotiators from both delegations agreed on Tuesday to keep talking into next week about a shipping corridor for grain leaving the southern ports, a mediator told reporters after a six-hour session.',
  'The mediator said the two teams had narrowed their differences on inspections of outbound vessels but still disagreed on who would insure the ships and how long any arrangement should last.',
  'One delegate said his side wanted a written timetable before it would sign anything, and that verbal assurances given in earlier rounds had not been honoured.',
  'The other delegation said it was ready to accept joint inspections in a neutral port as long as the corridor did not become a route for weapons deliveries.',
  'Shipping companies have been waiting for months for a clear signal, and insurance premiums for the route remain several times higher than before the war, according to brokers in the city.',
  'A new round is expected to begin on Monday, with technical experts meeting a day earlier to prepare maps of the proposed lanes and the inspection points along them.',
];
const story = (parts: { headline?: string; byline?: string; body?: string[]; tail?: string[] } = {}): string =>
  [parts.headline ?? HEADLINE, ...(parts.byline ? [parts.byline] : []), ...(parts.body ?? BODY), ...(parts.tail ?? [])].join('\n\n');

const ORIGINAL = story();

const SAME_DAY_OTHER_STORY = [
  'Delegations trade lists of detainees ahead of a planned exchange',
  'GENEVA — The two delegations handed each other lists of detainees on Tuesday, a step officials described as the last technical stage before a planned exchange at the border later this month.',
  'An official involved in the preparations said the lists covered civilians as well as soldiers and that families had been asked to confirm identities through the Red Cross.',
  'The talks on the exchange ran in parallel with a separate session on shipping, and officials cautioned that one track would not wait for the other.',
  'Officials said the exchange could still slip by several days if either side raised objections to names on the other list, as happened in the spring.',
  'A spokeswoman for the mediators declined to give a date but said both teams had shown what she called a practical attitude during the meeting.',
].join('\n\n');

const SAME_TOPIC_OTHER_ANGLE = [
  'Insurers wait for clarity on grain corridor as talks drag on',
  'LONDON — Marine insurers said on Tuesday they would keep premiums for ships using the southern ports at current levels until negotiators in Geneva settle the question of who guarantees the vessels.',
  'Underwriters at three firms said a corridor without a guarantor would leave them carrying the whole risk of a mine or missile strike, and that no reduction was possible without a state backstop.',
  'Brokers added that shipowners were reluctant to commit vessels for the autumn harvest while the length of any deal remained open.',
  'The Geneva talks are due to resume next week with technical teams working on maps of the lanes.',
].join('\n\n');

const sig = (text: string): Signature => minhash(text)!;
const similarity = (a: string, b: string): number => estimateJaccard(sig(a), sig(b));

describe('minhash near-duplicates', () => {
  const duplicates: [string, string][] = [
    ['identical', ORIGINAL],
    ['changed headline', story({ headline: 'Grain corridor negotiators to meet again on Monday' })],
    ['added byline', story({ byline: 'By Tomas Lind, Northbridge Wire' })],
    ['dropped last paragraph', story({ body: BODY.slice(0, -1) })],
    [
      'different boilerplate',
      story({ tail: ['This article was first published by Northbridge Wire and is republished under a content-sharing agreement.', 'Subscribe to Meridian Daily for unlimited access.', 'Share this article'] }),
    ],
    [
      'headline, byline and a reworded sentence',
      story({
        headline: 'Talks on shipping lanes for grain to run into next week',
        byline: 'Meridian Daily staff',
        body: [
          BODY[0]!,
          'According to the mediator, the two teams had narrowed their differences on inspections of outbound vessels, though they still disagreed on who would insure the ships and how long any arrangement should last.',
          ...BODY.slice(2),
        ],
      }),
    ],
  ];
  it.each(duplicates)('clusters a copy with a %s', (_name, copy) => {
    expect(similarity(ORIGINAL, copy)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  const distinct: [string, string][] = [
    ['another story from the same talks on the same day', SAME_DAY_OTHER_STORY],
    ['another story on the same topic the same day', SAME_TOPIC_OTHER_ANGLE],
  ];
  it.each(distinct)('keeps apart %s', (_name, other) => {
    expect(similarity(ORIGINAL, other)).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('is deterministic: the same text gives the same signature and band keys', () => {
    expect([...sig(ORIGINAL)]).toEqual([...sig(`${ORIGINAL}`)]);
    expect(bandKeys(sig(ORIGINAL))).toEqual(bandKeys(sig(story())));
    expect(bandKeys(sig(ORIGINAL))).toHaveLength(BANDS);
    for (const key of bandKeys(sig(ORIGINAL))) expect(Number.isSafeInteger(key) && key >= 0).toBe(true);
  });

  it('ignores case, punctuation and spacing; has no signature without words', () => {
    expect(normaliseWords('Kyiv’s  “NO”, he said.')).toEqual(['kyiv', 's', 'no', 'he', 'said']);
    expect(similarity('The talks WILL resume on Monday, officials said.', 'the talks will resume on monday officials said')).toBe(1);
    expect(shingleHashes('two words').size).toBe(1);
    expect(minhash(' … — ')).toBeUndefined();
  });

  it('round-trips a signature through bytes', () => {
    const s = sig(ORIGINAL);
    expect([...signatureFromBytes(signatureToBytes(s))]).toEqual([...s]);
    expect(() => signatureFromBytes(new Uint8Array(3))).toThrow(/signature has 512 bytes, got 3/);
  });

  it('finds the copy through the LSH index and not the other stories', () => {
    const index = new LshIndex();
    const original = index.add(sig(ORIGINAL));
    index.add(sig(SAME_DAY_OTHER_STORY));
    index.add(sig(SAME_TOPIC_OTHER_ANGLE));
    for (const [, copy] of duplicates) expect(index.bestMatch(sig(copy))?.id).toBe(original);
    expect(index.bestMatch(sig(story({ body: ['A completely unrelated note about a football match in Lisbon that ended in a draw after extra time.'] })))).toBeUndefined();
  });

  it('keeps every entry when its tables grow', () => {
    const index = new LshIndex();
    const texts = Array.from({ length: 1500 }, (_, i) => `Bulletin ${i}: officials in district ${i * 7} reported ${i % 13} new requests and ${i % 5} open cases on day ${i}.`);
    texts.forEach((t) => index.add(sig(t)));
    expect(index.size).toBe(1500);
    for (const i of [0, 700, 1499]) expect(index.bestMatch(sig(texts[i]!))).toEqual({ id: i, similarity: 1 });
  });
});
