// `parley explain`: the mentions, cues and rules behind each claim, sentence by sentence.
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

export function explainDocument(doc: ExtractedDocument): string {
  const out: string[] = [];
  const { relevance } = doc.analysed;
  out.push(`relevance: ${relevance.relevant ? 'on topic' : 'OFF TOPIC (no claims)'} — ${relevance.hits} topic terms, ${relevance.distinct} distinct`);
  for (const a of doc.analysed.sentences) {
    const traces = doc.trace.filter((t) => t.sentenceIndex === a.sentence.index);
    const details = describe(a);
    if (details.length === 0 && traces.length === 0) continue;
    const cappedNote = a.sentence.capped ? ' (piece of an over-long sentence, cut at a word boundary)' : '';
    out.push('', `[${a.sentence.index}]${cappedNote} ${a.sentence.text}`, ...details);
    for (const t of traces) {
      const claim = t.claim ? ` ${t.claim.actor} ${t.claim.polarity} ${t.claim.proposition} (rule ${t.claim.rule})` : '';
      out.push(`    ${t.kept ? 'KEEP' : 'drop'} ${t.proposition} [${t.propositionCue}]:${claim} — ${t.reason}`);
    }
  }
  return `${out.join('\n')}\n`;
}
