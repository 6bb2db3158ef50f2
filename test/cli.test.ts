import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley, ROOT, tempDir } from './helpers.js';

const ARTICLE = [
  'Talks resume in the Gulf',
  'The Kremlin rejected any ceasefire that would let Kyiv rearm, a spokesman said on Tuesday, as delegations prepared for another round of peace talks.',
  '++ Stocks slip as investors wait for rate decision',
  'Ukraine has agreed to a 30-day ceasefire proposed by Washington, its foreign minister said after the negotiations.',
].join('\n');

interface Inputs {
  dir: string;
  good: string;
  bad: { empty: string; binary: string; latin1: string; emptyDir: string; missing: string };
}

function writeInputs(): Inputs {
  const dir = tempDir();
  const good = join(dir, 'good.txt');
  writeFileSync(good, ARTICLE);
  const bad = {
    empty: join(dir, 'empty.txt'),
    binary: join(dir, 'binary.txt'),
    latin1: join(dir, 'latin1.txt'),
    emptyDir: join(dir, 'nothing-here'),
    missing: join(dir, 'missing.txt'),
  };
  writeFileSync(bad.empty, '');
  writeFileSync(bad.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  writeFileSync(bad.latin1, Buffer.from('Caf\xe9 talks in Gen\xe8ve', 'latin1'));
  mkdirSync(bad.emptyDir);
  return { dir, good, bad };
}

describe('parley extract (the real binary)', () => {
  it('prints only JSON Lines on stdout, in the contract shape', () => {
    const { good } = writeInputs();
    const run = parley(['extract', '--format', 'jsonl', good]);
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ doc: good, actor: expect.any(String), proposition: expect.any(String), polarity: expect.stringMatching(/^(support|oppose)$/) });
      expect(typeof row.rule).toBe('string');
      expect(typeof row.hedged).toBe('boolean');
      expect(row.evidence.length).toBe(row.end - row.start);
    }
    expect(rows).toContainEqual(expect.objectContaining({ actor: 'ukraine', proposition: 'ceasefire', polarity: 'support' }));
  });

  it('names each bad input on stderr, still processes the good one, and exits 1', () => {
    const { good, bad } = writeInputs();
    const run = parley(['extract', bad.empty, bad.binary, good, bad.latin1, bad.emptyDir, bad.missing]);
    expect(run.status).toBe(1);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toHaveLength(5);
    expect(errors.find((l) => l.includes(bad.empty))).toMatch(/empty/);
    expect(errors.find((l) => l.includes(bad.binary))).toMatch(/binary/);
    expect(errors.find((l) => l.includes(bad.latin1))).toMatch(/UTF-8/);
    expect(errors.find((l) => l.includes(bad.emptyDir))).toMatch(/no input files \(\.txt/);
    expect(errors.find((l) => l.includes(bad.missing))).toMatch(/no such file/);
    expect(run.stdout).toContain('"actor":"ukraine"');
  });
});

describe('parley ingest, matrix and claims on a real SQLite file', () => {
  it('ingests idempotently and answers from the store', () => {
    const { dir, good, bad } = writeInputs();
    const db = join(dir, 'p.db');
    const first = parley(['ingest', '--db', db, good, bad.empty]);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/1 new, 0 unchanged, 0 skipped, 1 failed; claims stored: [1-9]/);
    const second = parley(['ingest', '--db', db, good]);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 new, 1 unchanged, 0 skipped, 0 failed; claims stored: 0/);
    const matrix = parley(['matrix', '--db', db, '--format', 'json']);
    const cells = JSON.parse(matrix.stdout);
    expect(cells).toContainEqual(expect.objectContaining({ actor: 'ukraine', proposition: 'ceasefire', supportDocs: 1 }));
    const csv = parley(['matrix', '--db', db, '--format', 'csv']).stdout.split('\n');
    expect(csv[0]).toBe('actor,proposition,stance,confidence,support,oppose,supportDocs,opposeDocs,documents,outlets,clusters,hedged,latest');
    const claims = parley(['claims', '--db', db, '--actor', 'ukraine', '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(claims.every((c: { actor: string }) => c.actor === 'ukraine')).toBe(true);
    expect(claims[0].evidence).toContain('30-day ceasefire');
  });

  it('names a database file that is not a database, or a damaged one, on one line', () => {
    const { dir, good } = writeInputs();
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, ARTICLE.repeat(40));
    const damaged = join(dir, 'damaged.db');
    expect(parley(['ingest', '--db', damaged, good]).status).toBe(0);
    const bytes = readFileSync(damaged);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    for (const [args, db] of [[['ingest', good], notDb], [['matrix'], notDb], [['docs'], damaged], [['ingest', good], damaged]] as const) {
      const run = parley([...args, '--db', db]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`parley: ${db}: cannot open the database: `)).toBe(true);
      expect(lines[0]).toMatch(/file is not a database|database disk image is malformed/);
    }
  });

  it('names a database damaged in pages read later, and stops an ingest there instead of failing each document', () => {
    const { dir, good } = writeInputs();
    const db = join(dir, 'later.db');
    expect(parley(['ingest', '--db', db, join(ROOT, 'corpus/sample')]).status).toBe(0);
    // The header and schema pages stay whole, so the file opens; the pages holding the rows do not.
    const bytes = readFileSync(db);
    const page = 4096;
    for (let at = Math.floor(bytes.length / page / 2) * page; at < bytes.length; at += page) bytes.fill(0xa5, at, at + page);
    writeFileSync(db, bytes);
    const damaged = new RegExp(`^parley: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the database is damaged \\(database disk image is malformed\\); restore it from a backup`);
    for (const args of [['docs'], ['claims'], ['ingest', good], ['reextract']]) {
      const run = parley([...args, '--db', db]);
      expect(run.status, args.join(' ')).toBe(1);
      const errors = run.stderr.split('\n').filter((line) => line.startsWith('parley: '));
      expect(errors, args.join(' ')).toHaveLength(1);
      expect(errors[0]).toMatch(damaged);
      expect(run.stderr).not.toContain(good);
    }
  });

  it('rejects a bad option value with a clear message', () => {
    const run = parley(['matrix', '--since', 'yesterday']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/YYYY-MM-DD/);
  });
});

describe('parley reextract', () => {
  // A claim without its row id: what re-extraction must reproduce.
  const claimsOf = (db: string) =>
    parley(['claims', '--db', db, '--format', 'jsonl'])
      .stdout.trim()
      .split('\n')
      .map((line) => {
        const claim = JSON.parse(line) as Record<string, unknown>;
        delete claim.id;
        delete claim.documentId;
        return JSON.stringify(claim);
      })
      .sort();

  // A copy of the default pack: `strict` asks more of a document before it counts as on topic; `rulesOnly` drops the trained model.
  function packVariant(dir: string, name: string, change: { strict?: boolean; rulesOnly?: boolean }): string {
    const pack = join(dir, name);
    cpSync(join(ROOT, 'packs', 'russia-ukraine'), pack, { recursive: true });
    if (change.rulesOnly) rmSync(join(pack, 'model.json'));
    if (change.strict) {
      const manifest = join(pack, 'pack.yaml');
      const stricter = readFileSync(manifest, 'utf8').replace(/^ {2}minHits: \d+$/m, '  minHits: 6').replace(/^ {2}minDistinct: \d+$/m, '  minDistinct: 3').replace(/^ {2}minPropositionCues: \d+$/m, '  minPropositionCues: 40');
      writeFileSync(manifest, stricter);
    }
    return pack;
  }
  const skippedOf = (db: string) => (JSON.parse(parley(['docs', '--db', db, '--skipped', '--format', 'json']).stdout) as unknown[]).length;
  const corpus = join(ROOT, 'corpus', 'sample');

  it('brings a store ingested with another pack to what a fresh ingest with the current pack stores, skips included, and a second run changes nothing', () => {
    const dir = tempDir();
    const stalePack = packVariant(dir, 'rules-only-strict', { strict: true, rulesOnly: true });
    const stale = join(dir, 'stale.db');
    const fresh = join(dir, 'fresh.db');
    expect(parley(['--pack', stalePack, 'ingest', '--db', stale, corpus]).status).toBe(0);
    expect(parley(['ingest', '--db', fresh, corpus]).status).toBe(0);
    const wanted = claimsOf(fresh);
    expect(claimsOf(stale)).not.toEqual(wanted);
    expect(skippedOf(stale)).toBeGreaterThan(skippedOf(fresh));

    const first = parley(['reextract', '--db', stale]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^documents: 26 read again, [1-9]\d* changed \(0 now skipped, [1-9]\d* no longer skipped\), \d+ unchanged, 0 failed; claims: \d+ removed, [1-9]\d* added\n$/);
    expect(claimsOf(stale)).toEqual(wanted);
    expect(skippedOf(stale)).toBe(skippedOf(fresh));

    const second = parley(['reextract', '--db', stale]);
    expect(second.stdout).toBe('documents: 26 read again, 0 changed (0 now skipped, 0 no longer skipped), 26 unchanged, 0 failed; claims: 0 removed, 0 added\n');
    expect(claimsOf(stale)).toEqual(wanted);
  });

  it('skips, and empties, the documents a stricter pack finds off its topic', () => {
    const dir = tempDir();
    const strict = packVariant(dir, 'strict', { strict: true });
    const db = join(dir, 'store.db');
    const fresh = join(dir, 'fresh.db');
    expect(parley(['ingest', '--db', db, corpus]).status).toBe(0);
    expect(parley(['--pack', strict, 'ingest', '--db', fresh, corpus]).status).toBe(0);
    const skippedBefore = skippedOf(db);
    expect(skippedOf(fresh)).toBeGreaterThan(skippedBefore);
    const run = parley(['--pack', strict, 'reextract', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`(${skippedOf(fresh) - skippedBefore} now skipped, 0 no longer skipped)`);
    expect(claimsOf(db)).toEqual(claimsOf(fresh));
    expect(skippedOf(db)).toBe(skippedOf(fresh));
  });
});

describe('the parley binary', () => {
  it('is executable after a build, so `npx parley` runs it', () => {
    const mode = statSync(join(ROOT, 'dist', 'cli', 'main.js')).mode;
    expect(mode & 0o111).not.toBe(0);
  });
});

describe('analysis commands on the demo store', () => {
  const db = join(tempDir(), 'demo.db');

  it('answers conflicts, timeline, changes, brief and check in every format', () => {
    expect(parley(['demo', '--db', db]).status).toBe(0);
    const conflicts = JSON.parse(parley(['conflicts', '--db', db, '--format', 'json']).stdout);
    expect(conflicts.conflicts.length).toBeGreaterThan(0);
    expect(conflicts.conflicts[0].support[0].evidence[0].quote.length).toBeGreaterThan(0);
    expect(parley(['conflicts', '--db', db, '--format', 'csv']).stdout.split('\n')[0]).toBe('kind,proposition,actor,stance,documents,confidence,outlet,published,quote');
    const timeline = JSON.parse(parley(['timeline', '--db', db, '--actor', 'russia', '--proposition', 'ceasefire', '--format', 'json']).stdout);
    expect(timeline.points.length).toBeGreaterThan(1);
    expect(parley(['changes', '--db', db, '--since', '2025-06-01', '--format', 'md']).stdout).toMatch(/^\| date \| actor \| proposition \| kind/);
    const html = parley(['brief', '--db', db, '--format', 'html']).stdout;
    expect(html).toMatch(/<h1>.*what each party wants<\/h1>/);
    expect(html).toMatch(/<ol><li id="c1">/);
    const check = JSON.parse(parley(['check', join(ROOT, 'examples', 'plan-28.md'), '--db', db, '--format', 'json']).stdout);
    expect(check.points).toHaveLength(17);
    expect(Object.keys(check.blocks)).toEqual(['russia', 'ukraine', 'usa', 'europe']);
  });

  it('names what is missing or wrong', () => {
    const timeline = parley(['timeline', '--db', db]);
    expect(timeline.status).toBe(1);
    expect(timeline.stderr).toMatch(/timeline needs --actor and --proposition/);
    const check = parley(['check', 'no-such-plan.md', '--db', db]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/no-such-plan\.md/);
    expect(parley(['matrix', '--db', db, '--min-sources', 'two']).stderr).toMatch(/whole number/);
  });

  it('refuses a binary or non-UTF-8 plan or URL list on one line naming it, printing nothing', () => {
    const { dir, good, bad } = writeInputs();
    const db = join(dir, 'plans.db');
    expect(parley(['ingest', '--db', db, good]).status).toBe(0);
    const binaryList = join(dir, 'urls.txt');
    writeFileSync(binaryList, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)));
    const runs: [string[], string, RegExp][] = [
      [['check', bad.binary, '--db', db], bad.binary, /looks binary/],
      [['check', bad.latin1, '--db', db], bad.latin1, /not valid UTF-8/],
      [['ingest', '--db', db, '--urls', binaryList], binaryList, /looks binary/],
    ];
    for (const [args, input, problem] of runs) {
      const run = parley(args);
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(problem);
      expect(lines[0]!.startsWith(`parley: ${input}: `)).toBe(true);
      expect(run.stdout).not.toMatch(/Deal check/);
    }
  });
});
