// The trained decider: fitting is deterministic, a pack without a model keeps
// its rules, model claims carry a confidence, the committed model is what
// `parley train` makes from the shared data, and its cross-validated quality
// stays above the floors (never figures on the documents it was fitted to).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePack, getPack } from '../src/pack/compile.js';
import { DEFAULT_PACK_DIR, loadPack } from '../src/pack/load-pack.js';
import { fitViews, fitWeights, type Example } from '../src/pipeline/decide/fit.js';
import { classProbabilities, modelProbabilities, MODEL_FILE } from '../src/pipeline/decide/model.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { labelDocument } from '../src/learn/dataset.js';
import { readGold } from '../src/learn/gold.js';
import { crossValidate, learningCurve } from '../src/learn/train.js';
import { HAS_SHARED, parley, ROOT, SHARED, tempDir } from './helpers.js';

const toy: Example[] = [
  ...Array.from({ length: 20 }, (_, i): Example => ({ features: ['bias', 'wants', `w${i % 5}`], label: 1 })),
  ...Array.from({ length: 20 }, (_, i): Example => ({ features: ['bias', 'rejects', `w${i % 5}`], label: 2 })),
  ...Array.from({ length: 40 }, (_, i): Example => ({ features: ['bias', 'mentions', `w${i % 5}`], label: 0 })),
];
const opts = { seed: 3, epochs: 10, learningRate: 0.3, l2: 1e-4, minCount: 2 };

describe('fitting the decider', () => {
  it('gives the same weights for the same data and seed, and others for another seed', () => {
    expect(JSON.stringify(fitWeights(toy, opts))).toBe(JSON.stringify(fitWeights(toy, opts)));
    expect(JSON.stringify(fitWeights(toy, { ...opts, seed: 4 }))).not.toBe(JSON.stringify(fitWeights(toy, opts)));
  });

  it('learns which features mean support, oppose and no stance', () => {
    const w = fitWeights(toy, opts);
    expect(classProbabilities(w, ['bias', 'wants'])[1]).toBeGreaterThan(0.8);
    expect(classProbabilities(w, ['bias', 'rejects'])[2]).toBeGreaterThan(0.8);
    expect(classProbabilities(w, ['bias', 'mentions'])[0]).toBeGreaterThan(0.8);
  });

  it('fits a structural view without the word features and averages the two views', () => {
    // The word feature alone tells the classes apart here; the structural view must do without it.
    const worded: Example[] = toy.map((ex) => ({ features: [...ex.features.filter((f) => f !== 'wants' && f !== 'rejects'), `w=${ex.label}`, ex.label === 0 ? 'mentions' : 'stance'], label: ex.label }));
    const views = fitViews(worded, opts);
    expect(Object.keys(views.weights)).toContain('w=1');
    expect(Object.keys(views.structuralWeights).filter((f) => f.startsWith('w='))).toEqual([]);
    const features = ['bias', 'stance', 'w=1'];
    const full = classProbabilities(views.weights, features);
    const structural = classProbabilities(views.structuralWeights, features);
    expect(modelProbabilities(views, features)).toEqual([0, 1, 2].map((k) => (full[k]! + structural[k]!) / 2));
    // Without the word the structural view cannot tell support from oppose; with it the full view can.
    expect(Math.abs(structural[1] - structural[2])).toBeLessThan(0.1);
    expect(full[1]).toBeGreaterThan(0.8);
    // A model of one view scores as before.
    expect(modelProbabilities({ weights: views.weights }, features)).toEqual(full);
  });

  it('scores the same, bit for bit, once a long run has looked every name up before', () => {
    const views = fitViews(toy, opts);
    const lists = [['bias', 'wants', 'w1'], ['bias', 'rejects'], ['mentions', 'unknown', 'w3'], []];
    const early = lists.map((f) => modelProbabilities(views, f));
    // The table keeps each name's weights once met (FeatureTable in model.ts).
    for (let i = 0; i < 10_000; i++) modelProbabilities(views, lists[i % lists.length]!);
    expect(lists.map((f) => modelProbabilities(views, f))).toEqual(early);
  });

  it('leaves out features seen fewer than minCount times', () => {
    const w = fitWeights([...toy, { features: ['bias', 'once'], label: 1 }], opts);
    expect(w.once).toBeUndefined();
    expect(w.wants).toBeDefined();
  });
});

const ARTICLE = [
  'Peace talks resumed in Geneva on Monday as negotiators met again.',
  'The Kremlin said Russia would agree to a 30-day ceasefire if Western weapons deliveries stopped.',
  'Zelensky rejected any territorial concessions and said Ukraine would never recognise the occupation.',
].join('\n\n');

describe('the learning curve', () => {
  // Our own sample corpus: labelled, small, and always in the checkout.
  const sample = join(ROOT, 'corpus', 'sample');
  const pack = getPack();
  const gold = readGold([join(sample, 'gold', 'claims.jsonl')]);
  const docs = readdirSync(sample).filter((f) => f.endsWith('.txt')).sort().map((f) => labelDocument(join(sample, f), gold.get(basename(f)) ?? [], pack));

  it('fits each fold on a seeded share of its training documents, the same share each time; share 1 is the plain cross-validation', () => {
    const full = crossValidate(docs, pack, 3);
    const curve = learningCurve(docs, pack, [0.5, 1], 3);
    expect(curve.map((p) => p.share)).toEqual([0.5, 1]);
    expect(curve[0]!.documents).toBeLessThan(curve[1]!.documents);
    expect(curve[1]!.scores).toEqual(full.scores);
    expect(learningCurve(docs, pack, [0.5], 3)[0]).toEqual(curve[0]);
    const half = crossValidate(docs, pack, 3, undefined, 0.5);
    expect(half.predictions.map((p) => p.probability)).not.toEqual(full.predictions.map((p) => p.probability));
    expect(half.scores).toEqual(curve[0]!.scores);
  });
});

describe('the pipeline with and without a model', () => {
  it('a pack without model.json keeps its rules’ claims', () => {
    const rulesOnly = compilePack(loadPack());
    expect(rulesOnly.model).toBeUndefined();
    const result = runPipeline({ origin: 't.txt', rawText: ARTICLE }, rulesOnly);
    expect(result.claims).toEqual(result.ruleClaims);
    expect(result.claims.every((c) => c.confidence === undefined)).toBe(true);
  });

  it('the bundled pack’s model decides, every claim with a confidence at or above its threshold', () => {
    const pack = getPack();
    expect(pack.model).toBeDefined();
    const { claims, scored } = runPipeline({ origin: 't.txt', rawText: ARTICLE }, pack);
    expect(scored!.length).toBeGreaterThan(0);
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(c.confidence).toBeGreaterThanOrEqual(pack.model!.threshold);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(ARTICLE.slice(c.start, c.end)).toBe(c.evidence);
    }
  });

  it('explain shows each candidate’s probabilities, threshold and strongest features', () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, ARTICLE);
    const run = parley(['explain', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/model russia ceasefire: support \d\.\d\d oppose \d\.\d\d \(threshold [\d.]+\) → /);
    expect(run.stdout).toMatch(/\n {6}for: \S+ \+\d/);
  });
});

const trainingSets = [
  { docs: join(SHARED, 'seeds'), gold: join(SHARED, 'gold', 'seeds.claims.jsonl') },
  { docs: join(SHARED, 'dev', 'docs'), gold: join(SHARED, 'dev', 'dev.claims.jsonl') },
  { docs: join(SHARED, 'train', 'docs'), gold: join(SHARED, 'train', 'train.claims.jsonl') },
];

describe.runIf(HAS_SHARED)('the committed model and its cross-validated quality', () => {
  let out = '';
  let stderr = '';
  beforeAll(() => {
    out = join(tempDir(), MODEL_FILE);
    const run = parley(['train', ...trainingSets.flatMap((s) => ['--gold', s.gold]), '--out', out, ...trainingSets.map((s) => s.docs)]);
    expect(run.status, run.stderr).toBe(0);
    stderr = run.stderr;
  }, 300_000);

  it('parley train on the shared data reproduces packs/russia-ukraine/model.json byte for byte', () => {
    expect(readFileSync(out, 'utf8') === readFileSync(join(DEFAULT_PACK_DIR, MODEL_FILE), 'utf8')).toBe(true);
  });

  it('cross-validated P ≥ 0.77, R ≥ 0.59, F1 ≥ 0.67 and candidate recall ≥ 0.90', () => {
    // Measured (5 folds by story, 262 documents): P 0.786 R 0.610 F1 0.687, candidate recall 0.924.
    const [, p, r, f1] = /cross-validation P ([\d.]+) R ([\d.]+) F1 ([\d.]+)/.exec(stderr) ?? [];
    const [, recall] = /candidate recall ([\d.]+)/.exec(stderr) ?? [];
    expect(Number(p)).toBeGreaterThanOrEqual(0.77);
    expect(Number(r)).toBeGreaterThanOrEqual(0.59);
    expect(Number(f1)).toBeGreaterThanOrEqual(0.67);
    expect(Number(recall)).toBeGreaterThanOrEqual(0.9);
  });
});

/**
 * Cues that only one labelled document (or none) uses are rules written for one
 * article's wording. Each that stays is named in the spec or is a general
 * formula; a new one fails this test until it is justified here or removed.
 */
const SINGLE_DOCUMENT_CUES: Record<string, string> = {
  'ceasefire/energy-strikes-halt': 'the energy-infrastructure truce of the spec’s definition',
  'ceasefire/fighting-halted': 'the passive of the spec’s “halt the fighting”',
  'frontline_freeze/front-frozen': 'the passive of the spec’s “freeze the front lines”',
  'frontline_freeze/where-armies-stand': 'the spec’s definition: fighting stops where the armies stand',
  'territory_cession/forces-leave': 'the spec’s “withdraw from Donbas” said as pulling forces out',
  'territory_cession/handover-land': 'the noun of the spec’s “hands over Donbas”',
  'recognition/reality-ground': 'the standard formula for recognising Russian control',
  'recognition/border-change-force': 'the spec’s “changing borders by force”',
  'nato_membership/nato-non-membership': 'the noun of the spec’s “no NATO expansion”',
  'security_guarantees/guarantees-of-security': 'the spec’s “security guarantees” in the other word order',
  'foreign_troops/troops-targets': 'the standard formula that foreign troops would be legitimate targets',
  'foreign_troops/troops-from-nato': 'the spec’s “NATO-country troops deployed in Ukraine”',
  'military_limits/troops-capped': 'the spec’s “cap” and “curbs on the size of its military”',
  'sanctions/assets-frozen': 'keeping Russian assets frozen is the spec’s economic pressure',
  'ukraine_participation/ukraine-decides': 'the spec’s “Ukraine must consent to any deal about it”',
  'ukraine_participation/without-ukraine': 'the spec’s “cannot be imposed without Kyiv”',
  'eu_membership/future-in-eu': 'the standard formula for EU accession',
  'stance/best-option': 'a general judgment of a course (spec rule 1)',
  'stance/agreement-with': 'agreements are stances for every party (spec rule 1)',
  'stance/not-against': 'consent by litotes (spec rule 1: accepts, is open to)',
  'stance/unacceptable-to': 'the spec’s “calls unacceptable”',
};

describe.runIf(HAS_SHARED)('no cue is written for one document', () => {
  it('every cue matched by at most one labelled document is justified', () => {
    const pack = getPack();
    const dirs = trainingSets.map((s) => s.docs);
    const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(d, f), 'utf8')));
    const cues = [...pack.propositionCues.map((c) => ({ id: `${c.proposition}/${c.cue}`, re: c.re })), ...pack.stanceCues.map((c) => ({ id: `stance/${c.id}`, re: c.re }))];
    const rare = cues
      .filter((c) => texts.filter((t) => { c.re.lastIndex = 0; return c.re.test(t); }).length <= 1)
      .map((c) => c.id)
      .sort();
    expect(rare).toEqual(Object.keys(SINGLE_DOCUMENT_CUES).sort());
  });
});

