// The defects a new user hits on a fresh clone (issue 13), each through the
// real binary or the real HTTP app over a real SQLite file of the sample corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { CLI, parley, ROOT, tempDir } from './helpers.js';

const dir = tempDir('parley-new-user-');
const db = join(dir, 'talks.db');

beforeAll(() => {
  const run = parley(['ingest', '--db', db, 'corpus/sample']);
  if (run.status !== 0) throw new Error(`ingest of corpus/sample failed: ${run.stderr}`);
});

/** `parley ARGS | head -1` in a shell: the exit code of parley and its stderr. */
function intoHead(args: string[]): { status: number; stderr: string; stdout: string } {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const run = spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' ${quoted} 2>"$0/stderr.txt" | head -1; echo "\${PIPESTATUS[0]}" > "$0/status.txt"`, dir], { cwd: ROOT, encoding: 'utf8' });
  return {
    stdout: run.stdout,
    status: Number(spawnSync('cat', [join(dir, 'status.txt')], { encoding: 'utf8' }).stdout.trim()),
    stderr: spawnSync('cat', [join(dir, 'stderr.txt')], { encoding: 'utf8' }).stdout,
  };
}

describe('a closed stdout (| head)', () => {
  it('ends extract and claims quietly with exit 0', () => {
    // The whole corpus folder: far more output than a pipe buffer holds.
    const all = intoHead(['extract', '--format', 'jsonl', 'corpus/sample/01-riyadh-first-contact.txt', 'corpus/sample']);
    expect(all.stdout.trim().split('\n')).toHaveLength(1);
    expect(all.stderr).not.toMatch(/EPIPE|at /);
    expect(all.status).toBe(0);
    const claims = intoHead(['claims', '--db', db, '--format', 'jsonl']);
    expect(claims.stderr).toBe('');
    expect(claims.status).toBe(0);
  });
});

describe('parley ingest corpus/sample (the README example)', () => {
  it('skips the gold files and the README, says why, counts them, and exits 0', () => {
    const run = parley(['ingest', '--db', join(tempDir(), 'fresh.db'), 'corpus/sample']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/26 new, 0 unchanged, 2 skipped \(2 off the pack topic\), 0 failed; claims stored: \d+; files skipped: 2 unsupported extension, 2 not an article export/);
    expect(run.stderr).toMatch(/skipped .*gold\/claims\.jsonl: not an article export/);
    expect(run.stderr).toMatch(/skipped .*README\.md: unsupported extension \.md/);
  });

  it('still fails on a non-article JSONL named on the command line', () => {
    const run = parley(['ingest', '--db', join(tempDir(), 'x.db'), 'corpus/sample/gold/claims.jsonl']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/claims\.jsonl: is not an article export/);
  });
});

describe('filters that would give a silent empty answer', () => {
  it.each([
    [['--since', '2025-13-01'], /'2025-13-01' is not a calendar date/],
    [['--since', '2025-02-30'], /'2025-02-30' is not a calendar date/],
    [['--until', '2025-02-29'], /not a calendar date/],
    [['--since', '2025-09-01', '--until', '2025-08-01'], /since 2025-09-01 is after until 2025-08-01/],
    [['--outlet', 'Nowhere Gazette'], /--outlet: no stored document is from 'Nowhere Gazette' \(outlets: Baltic Ledger/],
    [['--actor', 'Atlantis'], /--actor: unknown actor 'Atlantis'/],
  ])('claims %j is refused with a message', (args, message) => {
    const run = parley(['claims', '--db', db, ...args]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('resolves an actor by alias or name, and an outlet in any case', () => {
    const byId = parley(['claims', '--db', db, '--actor', 'russia', '--format', 'jsonl']).stdout;
    expect(byId.length).toBeGreaterThan(0);
    expect(parley(['claims', '--db', db, '--actor', 'Putin', '--format', 'jsonl']).stdout).toBe(byId);
    expect(parley(['claims', '--db', db, '--actor', 'Russia', '--format', 'jsonl']).stdout).toBe(byId);
    const outlet = parley(['claims', '--db', db, '--outlet', 'northbridge WIRE', '--format', 'jsonl']);
    expect(outlet.status).toBe(0);
    const rows = outlet.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { outlet: string }) => r.outlet === 'Northbridge Wire')).toBe(true);
  });
});

describe('a mistyped --db', () => {
  it.each([['matrix'], ['claims'], ['brief'], ['conflicts'], ['changes'], ['docs']])('%s refuses it and creates nothing', (command) => {
    const missing = join(dir, 'talsk.db');
    const run = parley([command, '--db', missing]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/talsk\.db: no such database/);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('inputs that are not what they look like', () => {
  it('names a URL scheme Parley does not fetch, rather than calling it a missing file', () => {
    const run = parley(['extract', 'ftp://wire.example/a.txt', 'file:///tmp/a.txt']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ftp://wire.example/a.txt: ftp:// is not supported (only http:// and https:// URLs, files and folders)');
    expect(run.stderr).toContain('file:///tmp/a.txt: file:// is not supported');
  });

  it('refuses a clean --out that is a file, by name, and writes nothing', () => {
    const out = join(tempDir(), 'taken.txt');
    writeFileSync(out, 'keep me');
    const run = parley(['clean', '--out', out, join(ROOT, 'corpus', 'sample')]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`--out ${out}: is a file, not a folder`);
    expect(run.stderr).not.toMatch(/EEXIST/);
  });
});

describe('parley check on a bad plan', () => {
  it('names an empty plan and a missing one in one line, exit 1', () => {
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '\n  \n');
    for (const [plan, message] of [
      [empty, /empty\.md: the plan is empty/],
      [join(dir, 'missing.md'), /missing\.md: no such file$/],
    ] as const) {
      const run = parley(['check', plan, '--db', db]);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
      expect(run.stderr).not.toMatch(/ENOENT/);
    }
  });
});

describe('tables', () => {
  it('show the whole evidence sentence, wrapped, or on one line with --wide', async () => {
    const store = await SqliteStore.open(db);
    const longest = (await store.listClaims({ actor: 'russia' })).reduce((a, b) => (b.evidence.length > a.evidence.length ? b : a));
    await store.close();
    expect(longest.evidence.length).toBeGreaterThan(60);
    const table = parley(['claims', '--db', db, '--actor', 'russia']).stdout;
    expect(table.replace(/\s+/g, ' ')).toContain(longest.evidence.replace(/\s+/g, ' '));
    expect(table).not.toContain('…');
    const wide = parley(['claims', '--db', db, '--actor', 'russia', '--wide']).stdout;
    expect(wide.split('\n').some((l) => l.includes(longest.evidence))).toBe(true);
  });

  it('--format md of the matrix is a grid, party by proposition', () => {
    const md = parley(['matrix', '--db', db, '--format', 'md']).stdout.split('\n');
    expect(md[0]).toMatch(/^\| actor \| ceasefire \|/);
    expect(md.filter((l) => /^\| (russia|ukraine|usa|europe) \|/.test(l))).toHaveLength(4);
  });

  it('--min-sources counts independent sources (clusters), not outlets', () => {
    const cells = JSON.parse(parley(['matrix', '--db', db, '--format', 'json', '--min-sources', '2']).stdout) as { clusters: number; outlets: number }[];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.clusters >= 2)).toBe(true);
    // The sample's syndicated copies make cells with two outlets but one story: they must be gone.
    const all = JSON.parse(parley(['matrix', '--db', db, '--format', 'json']).stdout) as { clusters: number; outlets: number }[];
    expect(all.some((c) => c.outlets >= 2 && c.clusters < 2)).toBe(true);
  });
});

describe('the demo', () => {
  it('hints at commands that can be pasted as they are (npx parley …)', () => {
    const run = parley(['demo', '--db', join(tempDir(), 'demo.db')]);
    expect(run.status).toBe(0);
    const hints = run.stdout.split('\n').find((l) => l.startsWith('Next:'))!;
    expect(hints).toMatch(/^Next: npx parley claims/);
    expect(hints.replace(/^Next:/, '').split('|').every((h) => h.trim().startsWith('npx parley'))).toBe(true);
  });
});

describe('the API refuses what the CLI refuses', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await SqliteStore.open(db);
    app = createApp(store, getPack(), { webRoot: false });
  });
  afterAll(async () => store.close());

  it.each([
    ['/api/matrix?since=2025-02-30', /query\.since: is not a calendar date/],
    ['/api/claims?until=2025-13-01', /query\.until: is not a calendar date/],
    ['/api/claims?since=2025-09-01&until=2025-08-01', /since 2025-09-01 is after until 2025-08-01/],
    ['/api/matrix?outlet=Nowhere', /query\.outlet: no stored document is from 'Nowhere'/],
    ['/api/claims?document=0', /query\.document: /],
    ['/api/claims?document=99999', /query\.document: no stored document has id 99999/],
  ])('%s → 400', async (path, message) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });

  it('lists one document\'s claims, as `parley claims --document` does', async () => {
    const all = (await (await app.request('/api/claims?limit=5000')).json()) as { id: number; documentId: number }[];
    const id = all[0]!.documentId;
    const own = all.filter((c) => c.documentId === id).map((c) => c.id).sort((a, b) => a - b);
    const listed = (await (await app.request(`/api/claims?document=${id}`)).json()) as { id: number }[];
    expect(listed.map((c) => c.id).sort((a, b) => a - b)).toEqual(own);
    const cli = parley(['claims', '--db', db, '--document', String(id), '--format', 'jsonl']);
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id).sort((a, b) => a - b)).toEqual(own);
    const unknown = parley(['claims', '--db', db, '--document', '99999']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/--document: no stored document has id 99999/);
  });

  it('resolves an alias and an outlet in another case', async () => {
    const byId = await (await app.request('/api/claims?actor=russia&outlet=Northbridge%20Wire')).json();
    const byAlias = await (await app.request('/api/claims?actor=Putin&outlet=northbridge%20wire')).json();
    expect(byId.length).toBeGreaterThan(0);
    expect(byAlias).toEqual(byId);
  });
});
