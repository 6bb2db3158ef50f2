// The decider stage: scores every candidate with the pack's model and keeps,
// per actor, proposition and polarity, the sentences whose probability reaches
// the model's threshold. The rules' claims become features here, not the
// final say; a pack without a model keeps its rules' claims as they are.
import type { AnalysedDocument, CandidateTrace, Claim, Modality, Polarity } from '../types.js';
import { claimContext } from '../claims/claim-context.js';
import { speakerOf } from '../claims/claims.js';
import { candidatesOf, type Candidate, type KeywordIndex } from './candidates.js';
import { featureList, featureParts } from './features.js';
import { contributions, modelProbabilitiesOfRuns, type Contribution, type DeciderModel } from './model.js';

export interface ScoredCandidate {
  readonly candidate: Candidate;
  readonly support: number;
  readonly oppose: number;
}

const keywordIndexes = new WeakMap<DeciderModel['keywords'], KeywordIndex>();

/** The learned keywords as a lookup map, made once per keyword table. */
export function keywordIndexOf(keywords: DeciderModel['keywords']): KeywordIndex {
  let index = keywordIndexes.get(keywords);
  if (!index) keywordIndexes.set(keywords, (index = new Map(Object.entries(keywords))));
  return index;
}

/** Every candidate of the document with its features and probabilities. */
export function scoreCandidates(model: DeciderModel, doc: AnalysedDocument, claims: readonly Claim[], trace: readonly CandidateTrace[]): ScoredCandidate[] {
  return candidatesOf(doc, claims, trace, keywordIndexOf(model.keywords)).map((candidate) => {
    // The features are not kept: on a long page they would outweigh the rest of the
    // analysis, and only `explain` needs them again (explainCandidate rebuilds them).
    const features = featureParts(candidate);
    const [, support, oppose] = modelProbabilitiesOfRuns(model, [features.head, features.tail], [features.span, features.sentence]);
    return { candidate, support, oppose };
  });
}

/** The modality of a model claim: the rules' when they made it, else the nearest stance cue's. */
function modalityOf(c: Candidate, polarity: Polarity): Modality {
  const rule = c.ruleClaims.find((r) => r.polarity === polarity);
  if (rule) return rule.modality;
  const stances = c.analysis.stances;
  let best: { modality: Modality; gap: number } | undefined;
  for (const st of stances) {
    const gap = Math.abs((st.start + st.end) / 2 - (c.span.start + c.span.end) / 2);
    if (!best || gap < best.gap) best = { modality: st.modality, gap };
  }
  return best?.modality ?? (polarity === 'support' ? 'accept' : 'reject');
}

function toClaim(s: ScoredCandidate, polarity: Polarity, confidence: number): Claim {
  const c = s.candidate;
  const a = c.analysis;
  const rule = c.ruleClaims.find((r) => r.polarity === polarity);
  const speaker = speakerOf(a);
  const hedged = a.hedges.length > 0;
  const conditional = rule?.conditional ?? a.conditions.length > 0;
  // Who says it and on what condition: the rules' reading when they made the claim, else the sentence's.
  const context = rule
    ? { ...(rule.speaker ? { speaker: rule.speaker } : {}), ...(rule.condition ? { condition: rule.condition } : {}) }
    : claimContext(a, c.actor, c.mention?.start ?? c.span.start, conditional ? a.sentence.start : undefined);
  return {
    actor: c.actor,
    proposition: c.proposition,
    polarity,
    evidence: a.sentence.text,
    start: a.sentence.start,
    end: a.sentence.end,
    modality: modalityOf(c, polarity),
    hedged,
    reported: rule?.reported ?? (hedged || (speaker !== undefined && speaker !== c.actor)),
    conditional,
    rule: `model/${rule ? rule.rule : (c.span.cue?.cue ?? `keyword:${c.span.keyword ?? 'rule'}`)}`,
    sentenceIndex: a.sentence.index,
    confidence: Math.round(confidence * 1000) / 1000,
    ...context,
  };
}

/** Claims the model keeps, in sentence order: every sentence whose probability reaches the threshold. */
export function decideClaims(model: DeciderModel, scored: readonly ScoredCandidate[], threshold = model.threshold): Claim[] {
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const s of scored) {
    for (const polarity of ['support', 'oppose'] as const) {
      const p = s[polarity];
      if (p < threshold) continue;
      const key = `${s.candidate.actor}|${s.candidate.proposition}|${polarity}|${s.candidate.analysis.sentence.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      claims.push(toClaim(s, polarity, p));
    }
  }
  return claims;
}

/** What `parley explain` shows of one scored candidate. */
export interface CandidateExplanation {
  readonly sentenceIndex: number;
  readonly actor: string;
  readonly proposition: string;
  readonly support: number;
  readonly oppose: number;
  readonly threshold: number;
  readonly kept: Polarity | undefined;
  readonly for: readonly Contribution[];
  readonly against: readonly Contribution[];
}

export function explainCandidate(model: DeciderModel, s: ScoredCandidate): CandidateExplanation {
  const polarity: Polarity = s.support >= s.oppose ? 'support' : 'oppose';
  const why = contributions(model, featureList(featureParts(s.candidate)), polarity);
  return {
    sentenceIndex: s.candidate.analysis.sentence.index,
    actor: s.candidate.actor,
    proposition: s.candidate.proposition,
    support: s.support,
    oppose: s.oppose,
    threshold: model.threshold,
    kept: s[polarity] >= model.threshold ? polarity : undefined,
    for: why.for,
    against: why.against,
  };
}
