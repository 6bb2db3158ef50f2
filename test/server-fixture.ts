// A store built from corpus/sample through the real ingest, plus one hostile
// article whose title, outlet and evidence carry markup, for the server tests.
import { join } from 'node:path';
import { ingestSampleCorpus } from '../src/jobs/sample-corpus.js';
import { getPack } from '../src/pack/compile.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';


/** Script and attribute-breaking payloads inside an evidence sentence (our own text). */
export const HOSTILE_EVIDENCE_PART = `<script>alert(1)</script> " onmouseover="alert(2)" <img src=x onerror=alert(3)>`;

export const HOSTILE_ARTICLE = {
  title: `Envoys trade drafts <script>alert("title")</script>`,
  outlet: `Harbourline <b>Wire</b>`,
  published: '2025-07-04',
  text: [
    'GENEVA (Harbourline Wire) — Talks between the delegations resumed on Friday after a two-week pause, officials said.',
    '',
    `Russia demanded a ceasefire along the whole front ${HOSTILE_EVIDENCE_PART} before any exchange of maps, the Kremlin said in a statement.`,
    '',
    'Ukraine rejected the proposal and said it would keep negotiating on prisoner exchanges.',
  ].join('\n'),
};

/** A fresh SQLite file in a temp folder holding the sample corpus. */
export async function sampleStore(): Promise<{ store: SqliteStore; path: string }> {
  const path = join(tempDir('parley-server-'), 'talks.db');
  const store = await SqliteStore.open(path);
  const summary = await ingestSampleCorpus(store, { pack: getPack(), showProgress: false });
  if (summary.failed > 0 || summary.new === 0) throw new Error(`sample corpus ingest failed: ${summary.errors.map((e) => e.message).join('; ')}`);
  return { store, path };
}
