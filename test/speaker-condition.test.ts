// Speakers and conditions are stored with each claim and shown by the views; --speaker filters them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley, tempDir } from './helpers.js';

const db = join(tempDir('parley-speaker-'), 'talks.db');

beforeAll(() => {
  const run = parley(['ingest', '--db', db, 'corpus/sample']);
  if (run.status !== 0) throw new Error(run.stderr);
});

describe('speaker and condition in the store and the views', () => {
  it('claims keep their speaker and condition, and --speaker filters them in any case', () => {
    const all = parley(['claims', '--db', db, '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(all.filter((c) => c.speaker).length).toBeGreaterThan(all.length / 2);
    const conditional = all.filter((c) => c.conditional);
    expect(conditional.length).toBeGreaterThan(0);
    expect(conditional.every((c) => typeof c.condition === 'string' && c.evidence.includes(c.condition))).toBe(true);
    const peskov = parley(['claims', '--db', db, '--speaker', 'peskov', '--format', 'jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(peskov.length).toBeGreaterThan(0);
    expect(peskov.every((c) => /Peskov/.test(c.speaker))).toBe(true);
    const cells = JSON.parse(parley(['matrix', '--db', db, '--speaker', 'Peskov', '--format', 'json']).stdout);
    expect(cells.reduce((n: number, c: { support: number; oppose: number }) => n + c.support + c.oppose, 0)).toBe(peskov.length);
  });

  it('the briefing and the deal check show who said it and on what condition', () => {
    const brief = parley(['brief', '--db', db, '--actor', 'ukraine']).stdout;
    expect(brief).toMatch(/Offers to give up \(on conditions\): Ukraine joins NATO.* — only (in return for|if) /);
    expect(brief).toMatch(/— Zelensky: “Zelensky offers to drop NATO bid/);
    expect(brief).toMatch(/\(condition: in return for Western guarantees\)/);
    const check = parley(['check', 'examples/plan-28.md', '--db', db]).stdout;
    expect(check).toMatch(/: [A-Z][\w .]+: “/);
  });
});
