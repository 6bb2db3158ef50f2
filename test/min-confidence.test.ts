// --min-confidence: the views and extract keep only claims at least that sure, by the
// weights the matrix's confidence uses (probability; 1 once reviewed; 0.5 without a model).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley, tempDir } from './helpers.js';

const db = join(tempDir('parley-confidence-'), 'talks.db');
const lines = (out: string): Record<string, unknown>[] => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const weight = (c: Record<string, unknown>): number => (c.review ? 1 : typeof c.confidence === 'number' ? c.confidence : 0.5);

beforeAll(() => {
  const run = parley(['ingest', '--db', db, 'corpus/sample']);
  if (run.status !== 0) throw new Error(run.stderr);
});

describe('--min-confidence', () => {
  it('keeps only sure claims in the list, and the matrix counts the same claims', () => {
    const all = lines(parley(['claims', '--db', db, '--format', 'jsonl']).stdout);
    const sure = lines(parley(['claims', '--db', db, '--format', 'jsonl', '--min-confidence', '0.8']).stdout);
    expect(sure.length).toBeGreaterThan(0);
    expect(sure.length).toBeLessThan(all.length);
    expect(sure.every((c) => weight(c) >= 0.8)).toBe(true);
    expect(all.filter((c) => weight(c) >= 0.8).map((c) => c.id)).toEqual(sure.map((c) => c.id));
    const cells = JSON.parse(parley(['matrix', '--db', db, '--format', 'json', '--min-confidence', '0.8']).stdout) as { support: number; oppose: number }[];
    expect(cells.reduce((n, c) => n + c.support + c.oppose, 0)).toBe(sure.length);
  });

  it('says in the briefing\'s title that it leaves the less sure claims out', () => {
    expect(parley(['brief', '--db', db, '--min-confidence', '0.8']).stdout.split('\n')[0]).toMatch(/what each party wants \(claims at confidence ≥ 0\.8\)$/);
    expect(parley(['brief', '--db', db, '--since', '2025-06-01', '--min-confidence', '0.8']).stdout.split('\n')[0]).toMatch(/\(since 2025-06-01, claims at confidence ≥ 0\.8\)$/);
  });

  it('filters extract by the same weight, leaving the claims it keeps as they were', () => {
    const files = readdirSync('corpus/sample').filter((f) => f.endsWith('.txt')).slice(0, 8).map((f) => join('corpus/sample', f));
    const all = lines(parley(['extract', '--format', 'jsonl', ...files]).stdout);
    const sure = lines(parley(['extract', '--format', 'jsonl', '--min-confidence', '0.7', ...files]).stdout);
    expect(sure.length).toBeGreaterThan(0);
    expect(sure.length).toBeLessThan(all.length);
    expect(sure).toEqual(all.filter((c) => weight(c) >= 0.7));
  });

  it('shows how sure each claim is, and counts a confirmed claim as sure whatever the model gave it', () => {
    const [low] = lines(parley(['claims', '--db', db, '--format', 'jsonl']).stdout).filter((c) => weight(c) < 0.5);
    expect(low).toBeDefined();
    const table = parley(['claims', '--db', db, '--document', String(low!.documentId)]).stdout;
    expect(table.split('\n')[0]).toMatch(/polarity\s+confidence\s+condition/);
    expect(table).toContain(` ${(low!.confidence as number).toFixed(2)} `);
    const review = parley(['review', String(low!.id), '--confirm', '--db', db, '--by', 'analyst']);
    expect(review.status, review.stderr).toBe(0);
    const sure = lines(parley(['claims', '--db', db, '--format', 'jsonl', '--min-confidence', '0.99']).stdout);
    expect(sure.find((c) => c.id === low!.id)).toMatchObject({ review: 'confirmed' });
    expect(parley(['claims', '--db', db, '--document', String(low!.documentId)]).stdout).toMatch(/ confirmed /);
  });

  it('names the option and what it expects for a value outside (0, 1]', () => {
    for (const bad of ['0', '1.5', 'sure']) {
      const run = parley(['claims', '--db', db, '--min-confidence', bad]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/--min-confidence <p>.*'[^']*' is invalid\. expected a number in \(0, 1\]/);
      expect(run.stdout).toBe('');
    }
  });
});
