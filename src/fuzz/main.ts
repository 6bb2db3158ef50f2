// `npm run fuzz`: a seeded fault campaign against the built CLI. It writes
// generated bad inputs (binary, broken encodings, NULs, malformed HTML, feeds,
// JSONL and CSV, deep nesting, huge lines, bad dates, odd names, FIFOs, links
// to devices and loops) into a temp folder, ingests them in batches with
// `parley ingest`, and prints a summary: crashes, hangs, unclear errors (stack
// traces, lines that do not name their input), max RSS and store integrity.
// Options: --count N (default 1000), --seed S (default 1), --hang-ms MS (a batch's limit), --json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { seeded } from '../util/random.js';

// The built CLI, whether this module runs from src/ (under vitest) or from dist/.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const BATCH = 25;
const GNU_TIME = '/usr/bin/time';
/** A batch that runs longer than this is a hang (the inputs are at most ~300 KB each). */
const HANG_MS = 120_000;
const PROSE = 'Russia demands a ceasefire along the current line of contact, and Kyiv rejects any territorial concessions. ';

type Make = (dir: string, name: string, r: () => number) => void;

const bytes = (r: () => number, n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const BAD_DATES = ['0000-00-00', '2025-02-30', '+099999-01', '2025-05-16; drop table documents', '2025-13-01', 'yesterday', '9999-99-99', ''];

/** Generators of one bad input each, by kind. */
const KINDS: Record<string, Make> = {
  binary: (d, n, r) => writeFileSync(join(d, `${n}.txt`), bytes(r, int(r, 1, 20_000))),
  'binary-html': (d, n, r) => writeFileSync(join(d, `${n}.html`), bytes(r, int(r, 100, 20_000))),
  'late-nul': (d, n, r) => writeFileSync(join(d, `${n}.txt`), Buffer.concat([Buffer.from(PROSE.repeat(int(r, 1, 200))), Buffer.from([0]), Buffer.from(PROSE)])),
  'broken-utf8': (d, n, r) => writeFileSync(join(d, `${n}.txt`), Buffer.concat([Buffer.from(PROSE), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), bytes(r, 10)])),
  utf16: (d, n) => writeFileSync(join(d, `${n}.txt`), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROSE, 'utf16le')])),
  utf32: (d, n) => writeFileSync(join(d, `${n}.txt`), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(PROSE, 'utf16le')])),
  empty: (d, n, r) => writeFileSync(join(d, `${n}.txt`), ' \n\t'.repeat(int(r, 0, 5))),
  'bad-date': (d, n, r) => writeFileSync(join(d, `${n}.txt`), `---\ntitle: T${n}\npublished: ${BAD_DATES[int(r, 0, BAD_DATES.length - 1)]}\n---\n${PROSE}${n}\n`),
  'run-on-sentence': (d, n, r) => writeFileSync(join(d, `${n}.txt`), `${PROSE.replace(/\./g, '').repeat(int(r, 100, 3000))}${n}.`),
  'huge-word': (d, n, r) => writeFileSync(join(d, `${n}.txt`), `${'a'.repeat(int(r, 10_000, 300_000))} ${n}`),
  'deep-html': (d, n, r) => writeFileSync(join(d, `${n}.html`), `<html><body>${'<div>'.repeat(int(r, 600, 30_000))}${PROSE}</body></html>`),
  'deep-tables': (d, n, r) => writeFileSync(join(d, `${n}.html`), `<html><body>${'<table><tr><td>'.repeat(int(r, 600, 30_000))}x`),
  'tag-soup': (d, n, r) => writeFileSync(join(d, `${n}.html`), Array.from({ length: int(r, 10, 2000) }, () => ['<p', '<div>', '</', '<!--', '<script>', '"', '>', PROSE][int(r, 0, 7)]).join('')),
  'bad-feed': (d, n, r) => writeFileSync(join(d, `${n}.rss`), `<?xml version="1.0"?><rss><channel><item><title>${'<'.repeat(int(r, 0, 3))}x</title><link>javascript:alert(1)</link><description>${PROSE}`),
  'bad-jsonl': (d, n, r) => writeFileSync(join(d, `${n}.jsonl`), ['{"text": 1}', '{', 'null', `{"text":"${PROSE}","published":"${BAD_DATES[int(r, 0, 7)]}"}`, '[]', '{"html":"<div>"}'].join('\n')),
  'csv-no-header': (d, n) => writeFileSync(join(d, `${n}.csv`), `"${PROSE}",2025-01-01,x\n"more",y,z\n`),
  'odd-name': (d, n, r) => writeFileSync(join(d, `${n} -- ${'\u202e'}$(x)'; ${'é'.repeat(int(r, 1, 50))}.txt`), `${PROSE}${n}`),
  fifo: (d, n) => {
    spawnSync('mkfifo', [join(d, `${n}.txt`)]);
  },
  'device-link': (d, n) => symlinkSync('/dev/zero', join(d, `${n}.txt`)),
  'symlink-loop': (d, n) => {
    symlinkSync(join(d, `${n}-b.txt`), join(d, `${n}-a.txt`));
    symlinkSync(join(d, `${n}-a.txt`), join(d, `${n}-b.txt`));
  },
  'deep-tree': (d, n) => {
    let deep = join(d, `${n}-tree`);
    for (let i = 0; i < 70; i++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'x.txt'), PROSE);
  },
};

export interface FuzzSummary {
  readonly seed: number;
  readonly inputs: number;
  readonly byKind: Record<string, number>;
  readonly crashes: number;
  readonly hangs: number;
  readonly unclearErrors: number;
  readonly examples: readonly string[];
  readonly maxRssMb: number;
  readonly storedDocuments: number;
  readonly integrity: string;
  readonly badStoredRows: number;
}

const STACK = /^\s+at .+[:(]\d+:\d+\)?$|Maximum call stack|TypeError|RangeError|ReferenceError|SQLITE_/m;

export function runFuzz(count: number, seed: number, hangMs = HANG_MS): FuzzSummary {
  const r = seeded(seed);
  const root = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
  const db = join(root, 'fuzz.db');
  const kinds = Object.keys(KINDS);
  const byKind: Record<string, number> = {};
  let crashes = 0;
  let hangs = 0;
  let unclearErrors = 0;
  let maxRssKb = 0;
  const examples: string[] = [];
  try {
    for (let start = 0; start < count; start += BATCH) {
      const dir = join(root, `batch-${start}`);
      mkdirSync(dir);
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const kind = kinds[Math.floor(r() * kinds.length)]!;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        KINDS[kind]!(dir, `in-${i}`, r);
      }
      // GNU time reports the peak RSS; a machine without it runs the CLI directly and reports none.
      const ingest = [process.execPath, CLI, 'ingest', '--db', db, dir];
      const [command, ...args] = existsSync(GNU_TIME) ? [GNU_TIME, '-f', 'RSS_KB=%M', ...ingest] : ingest;
      const run = spawnSync(command!, args, { encoding: 'utf8', timeout: hangMs, env: { ...process.env, NO_COLOR: '1' } });
      const rss = /RSS_KB=(\d+)/.exec(run.stderr ?? '');
      if (rss) maxRssKb = Math.max(maxRssKb, Number(rss[1]));
      const stderr = (run.stderr ?? '').replace(/RSS_KB=\d+\n?/, '').replace(/^Command exited with non-zero status \d+\n?/m, '');
      if (run.error || run.signal) {
        hangs++;
        examples.push(`batch ${start}: ${run.error?.message ?? run.signal}`);
        continue;
      }
      if (run.status !== 0 && run.status !== 1) {
        crashes++;
        examples.push(`batch ${start}: exit ${run.status}: ${stderr.slice(0, 200)}`);
      }
      // Progress lines are redrawn with \r; what is left must each be one clear line naming its input.
      const lines = stderr.split(/[\r\n]+/).filter((l) => l.trim() && !/^ingest \[/.test(l));
      for (const line of lines) {
        if (STACK.test(line) || !/^parley: (warning: )?\S/.test(line)) {
          unclearErrors++;
          if (examples.length < 10) examples.push(`batch ${start}: ${line.slice(0, 200)}`);
        }
      }
    }
    const sqlite = new Database(db, { readonly: true });
    const integrity = String((sqlite.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check);
    const storedDocuments = (sqlite.prepare('select count(*) as n from documents').get() as { n: number }).n;
    // Rows that must not exist: NULs, empty texts, dates that are not YYYY-MM-DD.
    const badStoredRows = (
      sqlite
        .prepare(`select count(*) as n from documents where instr(clean_text, char(0)) > 0 or trim(clean_text) = '' or (published is not null and published not glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`)
        .get() as { n: number }
    ).n;
    sqlite.close();
    return { seed, inputs: count, byKind, crashes, hangs, unclearErrors, examples, maxRssMb: Math.round(maxRssKb / 1024), storedDocuments, integrity, badStoredRows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`fuzz: ${name} expects a positive integer`);
  return value;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const summary = runFuzz(option('--count', 1000), option('--seed', 1), option('--hang-ms', HANG_MS));
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const { byKind, examples, ...figures } = summary;
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(16)} ${v}\n`);
    process.stdout.write(`kinds            ${Object.entries(byKind).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    for (const e of examples) process.stdout.write(`  ${e}\n`);
  }
  const clean = summary.crashes === 0 && summary.hangs === 0 && summary.unclearErrors === 0 && summary.integrity === 'ok' && summary.badStoredRows === 0;
  process.exitCode = clean ? 0 : 1;
}
