// `parley explain`: the mentions, cues and rules behind each claim, sentence by sentence.
import { explainCandidate } from '../pipeline/decide/decide.js';
import type { DeciderModel } from '../pipeline/decide/model.js';
import type { ExtractedDocument, SentenceAnalysis } from '../pipeline/types.js';

function cues(label: string, items: readonly { text: string; cue?: string }[]): string | undefined {
  return items.length === 0 ? undefined : `    ${label}: ${items.map((i) => (i.cue && i.cue !== label ? `${i.text} [${i.cue}]` : i.text)).join('; ')}`;
}

function describe(a: SentenceAnalysis): string[] {
  return [
    cues('actors', a.actors.map((m) => ({ text: `${m.text} → ${m.actor}${m.via === 'alias' ? '' : ` (${m.via})`}` }))),
    cues('propositions', a.propositions.map((p) => ({ text: `${p.text} → ${p.proposition}${p.orientation === 'against' ? ' (against)' : ''}`, cue: p.cue }))),
    cues('stances', a.stances.map((s) => ({ text: `${s.text} → ${s.polarity}/${s.holder}`, cue: s.cue }))),
    cues('attribution', a.attributions),
    cues('hedges', a.hedges),
    cues('blockers', a.blockers),
    cues('negators', a.negators),
    cues('breakers', a.breakers),
  ].filter((l): l is string => l !== undefined);
}

const signed = (w: number): string => (w >= 0 ? `+${w.toFixed(2)}` : w.toFixed(2));

/** The decider's lines for one sentence: each candidate's probabilities, verdict and strongest features. */
function decisions(doc: ExtractedDocument, model: DeciderModel | undefined, sentenceIndex: number): string[] {
  if (!model || !doc.scored) return [];
  const out: string[] = [];
  for (const s of doc.scored) {
    if (s.candidate.analysis.sentence.index !== sentenceIndex) continue;
    const e = explainCandidate(model, s);
    if (Math.max(e.support, e.oppose) < 0.05) continue;
    const verdict = e.kept ? `KEEP ${e.kept}` : 'none';
    out.push(`    model ${e.actor} ${e.proposition}: support ${e.support.toFixed(2)} oppose ${e.oppose.toFixed(2)} (threshold ${e.threshold}) → ${verdict}`);
    if (e.for.length > 0) out.push(`      for: ${e.for.map((c) => `${c.feature} ${signed(c.weight)}`).join(', ')}`);
    if (e.against.length > 0) out.push(`      against: ${e.against.map((c) => `${c.feature} ${signed(c.weight)}`).join(', ')}`);
  }
  return out;
}

/** Sentence by sentence: cues, the rules' verdicts and, when the pack has a model, the decider's. */
export function explainDocument(doc: ExtractedDocument, model?: DeciderModel): string {
  const out: string[] = [];
  const { relevance } = doc.analysed;
  out.push(`relevance: ${relevance.relevant ? 'on topic' : 'OFF TOPIC (no claims)'} — ${relevance.hits} topic terms, ${relevance.distinct} distinct`);
  for (const a of doc.analysed.sentences) {
    const traces = doc.trace.filter((t) => t.sentenceIndex === a.sentence.index);
    const details = describe(a);
    if (details.length === 0 && traces.length === 0 && !doc.scored?.some((sc) => sc.candidate.analysis.sentence.index === a.sentence.index)) continue;
    const cappedNote = a.sentence.capped ? ' (piece of an over-long sentence, cut at a word boundary)' : '';
    out.push('', `[${a.sentence.index}]${cappedNote} ${a.sentence.text}`, ...details);
    for (const t of traces) {
      const claim = t.claim ? ` ${t.claim.actor} ${t.claim.polarity} ${t.claim.proposition} (rule ${t.claim.rule})` : '';
      // With a model the rules only propose: their verdict is one of its features.
      const verdict = model ? (t.kept ? 'rule kept' : 'rule dropped') : t.kept ? 'KEEP' : 'drop';
      out.push(`    ${verdict} ${t.proposition} [${t.propositionCue}]:${claim} — ${t.reason}`);
    }
    out.push(...decisions(doc, model, a.sentence.index));
  }
  return `${out.join('\n')}\n`;
}
