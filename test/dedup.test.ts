// Near-duplicates, skip reasons and resumable ingest, through the real binary
// on real SQLite files.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI, parley, ROOT, tempDir } from './helpers.js';

const SAMPLE = join(ROOT, 'corpus', 'sample');

// Our own short texts: two not in English, one off the pack's topic, one on it.
const FRENCH = [
  '---\ntitle: Nouvelle séance de négociations à Genève\noutlet: Meridian Daily\npublished: 2025-06-03\n---\n',
  "GENÈVE — Les deux délégations se sont retrouvées mardi pour une nouvelle séance de négociations sur un cessez-le-feu, mais aucun accord n'a été trouvé sur le calendrier, selon un médiateur qui a parlé aux journalistes après la réunion.",
  'Le médiateur a indiqué que les équipes techniques se reverraient la semaine prochaine pour préparer un échange de prisonniers.',
].join('\n');
const RUSSIAN = [
  '---\ntitle: Переговоры в Женеве\noutlet: Eastgate Herald\npublished: 2025-06-03\n---\n',
  'ЖЕНЕВА — Делегации двух стран во вторник снова встретились для переговоров о перемирии, однако договориться о сроках пока не удалось, сообщил журналистам посредник после многочасового заседания.',
  'По его словам, технические группы встретятся на следующей неделе, чтобы подготовить обмен пленными.',
].join('\n');
const OFF_TOPIC = [
  '---\ntitle: Council approves tram line to the airport\noutlet: Lakeshore Courier\npublished: 2025-06-03\n---\n',
  'LISBON — The city council approved a plan on Tuesday to extend the tram network to the airport, a project that officials said would cut travel times by a third.',
  'The work would be paid for partly by a new tourist tax on hotel stays, and construction could begin next spring if the national government signs off on the loan.',
].join('\n');
const ON_TOPIC = [
  '---\ntitle: Delegations agree to meet again\noutlet: Northbridge Wire\npublished: 2025-06-03\n---\n',
  'GENEVA — Ukraine has agreed to a 30-day ceasefire proposed by Washington, its foreign minister said on Tuesday after another round of peace talks between the delegations.',
  'The Kremlin rejected any ceasefire that would let Kyiv rearm, a spokesman said, as negotiators prepared for a new round next week.',
].join('\n');

function db(path: string, fn: (db: Database.Database) => void): void {
  const conn = new Database(path, { readonly: true, fileMustExist: true });
  try {
    fn(conn);
  } finally {
    conn.close();
  }
}

describe('near-duplicates and skips (the real binary)', () => {
  it('clusters the sample corpus\'s two syndicated pairs after `parley demo`, and lists them with `parley docs`', () => {
    const path = join(tempDir(), 'demo.db');
    expect(parley(['demo', '--db', path]).status).toBe(0);
    const run = parley(['docs', '--db', path, '--duplicates', '--format', 'json']);
    expect(run.status).toBe(0);
    const clusters = JSON.parse(run.stdout) as { cluster: number; documents: { source: string; similarity?: number; outlet: string }[] }[];
    const names = clusters.map((c) => c.documents.map((d) => basename(d.source)));
    expect(names).toEqual([
      ['coalition-reassurance-force', 'coalition-force-syndicated'],
      ['abu-dhabi-trilateral', 'abu-dhabi-talks-continue'],
    ]);
    for (const c of clusters) {
      expect(c.documents[0]!.similarity).toBeUndefined();
      expect(c.documents[1]!.similarity).toBeGreaterThanOrEqual(0.2);
    }
    const table = parley(['docs', '--db', path, '--duplicates']).stdout;
    expect(table).toMatch(/cluster \d+ \(2 documents\)/);
    expect(table).toContain('Baltic Ledger');
    // Every copy keeps its claims: the listing of all documents shows both members with claims.
    const all = JSON.parse(parley(['docs', '--db', path, '--format', 'json']).stdout) as { claims: number; cluster: number; id: number }[];
    expect(all).toHaveLength(26);
    expect(all.filter((d) => d.cluster !== d.id).every((d) => d.claims > 0)).toBe(true);
  });

  it('stores non-English and off-topic documents as skipped with their reason and no claims', () => {
    const dir = tempDir();
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'a-french.txt'), FRENCH);
    writeFileSync(join(inputs, 'b-russian.txt'), RUSSIAN);
    writeFileSync(join(inputs, 'c-off-topic.txt'), OFF_TOPIC);
    writeFileSync(join(inputs, 'd-on-topic.txt'), ON_TOPIC);
    const path = join(dir, 'x.db');
    const run = parley(['ingest', '--db', path, inputs]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/4 new, 0 unchanged, 3 skipped \(2 not English, 1 off the pack topic\), 0 failed; claims stored: [1-9]/);
    const skipped = JSON.parse(parley(['docs', '--db', path, '--skipped', '--format', 'json']).stdout) as { title: string; skipReason: string; claims: number; language: string }[];
    expect(skipped.map((d) => [d.skipReason, d.language, d.claims])).toEqual([
      ['not English (detected: fra)', 'fr', 0],
      ['not English (detected: rus)', 'ru', 0],
      ['off the pack topic (0 topic terms, need 2)', 'en', 0],
    ]);
    expect(parley(['docs', '--db', path, '--skipped']).stdout).toContain('not English (detected: rus)');
    expect(parley(['ingest', '--db', path, inputs]).stdout).toMatch(/0 new, 4 unchanged, 0 skipped, 0 failed/);
  });
});

/** ~200 documents from the sample corpus: each article eight times, each copy with one paragraph dropped and a credit line of its own. */
function generateCorpus(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(SAMPLE, file), 'utf8');
    const [, frontMatter, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(text)!;
    const paragraphs = body!.split(/\n\s*\n/);
    for (let copy = 0; copy < 8; copy++) {
      const kept = copy === 0 ? paragraphs : paragraphs.filter((_, i) => i !== 1 + (copy % (paragraphs.length - 1)));
      writeFileSync(join(dir, `${String(copy)}-${file}`), `${frontMatter}${kept.join('\n\n')}\n\nReporting by desk ${copy}; editing by desk ${copy + 1}.\n`);
      n++;
    }
  }
  return n;
}

interface Snapshot {
  documents: number;
  claims: number;
  duplicateHashes: number;
  integrity: string;
  /** content hash → content hash of its cluster's first document, so runs compare without ids. */
  clusters: Record<string, string>;
}

function snapshot(path: string): Snapshot {
  let result: Snapshot | undefined;
  db(path, (conn) => {
    const count = (q: string): number => (conn.prepare(q).get() as { n: number }).n;
    const rows = conn.prepare('select d.content_hash h, f.content_hash c from documents d join documents f on f.id = coalesce(d.cluster_id, d.id)').all() as { h: string; c: string }[];
    result = {
      documents: count('select count(*) n from documents'),
      claims: count('select count(*) n from claims'),
      duplicateHashes: count('select count(*) n from (select content_hash from documents group by content_hash having count(*) > 1)'),
      integrity: conn.pragma('integrity_check', { simple: true }) as string,
      clusters: Object.fromEntries(rows.map((r) => [r.h, r.c])),
    };
  });
  return result!;
}

/** Start `parley ingest`, SIGKILL it once `atLeast` documents are committed; resolves with the count seen and how it ended. */
function ingestAndKill(path: string, dir: string, atLeast: number): Promise<{ seen: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--db', path, dir], { cwd: ROOT, stdio: 'ignore' });
    let seen = 0;
    let done = false;
    const poll = (): void => {
      if (done) return;
      try {
        db(path, (conn) => {
          seen = (conn.prepare('select count(*) n from documents').get() as { n: number }).n;
        });
      } catch {
        // Not created or not migrated yet: poll again.
      }
      if (seen >= atLeast) child.kill('SIGKILL');
      else setTimeout(poll, 20);
    };
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      done = true;
      resolve({ seen, signal });
    });
    poll();
  });
}

describe('resumable ingest', () => {
  it('completes after a SIGKILL with nothing lost or duplicated', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const corpus = join(dir, 'corpus');
    const total = generateCorpus(corpus);
    expect(total).toBe(208);

    const cleanDb = join(dir, 'clean.db');
    const clean = parley(['ingest', '--db', cleanDb, corpus]);
    expect(clean.status).toBe(0);
    const expected = snapshot(cleanDb);
    expect(expected.documents).toBe(total);

    const resumedDb = join(dir, 'resumed.db');
    const killed = await ingestAndKill(resumedDb, corpus, 20);
    expect(killed.signal).toBe('SIGKILL');
    const partial = snapshot(resumedDb);
    expect(partial.integrity).toBe('ok');
    expect(partial.documents).toBeGreaterThanOrEqual(20);
    expect(partial.documents).toBeLessThan(total);

    const resumed = parley(['ingest', '--db', resumedDb, corpus]);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`documents: ${total - partial.documents} new, ${partial.documents} unchanged`);
    const after = snapshot(resumedDb);
    expect(after).toEqual({ ...expected, duplicateHashes: 0, integrity: 'ok' });
    expect(expected.duplicateHashes).toBe(0);

    const again = parley(['ingest', '--db', resumedDb, corpus]);
    expect(again.stdout).toMatch(new RegExp(`documents: 0 new, ${total} unchanged, 0 skipped, 0 failed; claims stored: 0`));
    expect(snapshot(resumedDb)).toEqual(after);
  });
});
