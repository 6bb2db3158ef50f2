// Ctrl-C or SIGTERM during `parley ingest`: the run stops after the document in hand,
// prints its summary, keeps what it stored and exits 130; the same command again stores
// the rest. The test sends SIGTERM: a process started in the background of a
// non-interactive shell (as CI runs us) has SIGINT ignored, so Ctrl-C cannot be sent there.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { CLI, parley, ROOT, tempDir } from './helpers.js';

const COPIES = 12;

/** The sample corpus `COPIES` times over, each copy its own text (a line of its own added), so every file is a new document. */
function manyArticles(dir: string): number {
  const sample = join(ROOT, 'corpus', 'sample');
  const files = readdirSync(sample).filter((f) => f.endsWith('.txt'));
  mkdirSync(dir, { recursive: true });
  for (let copy = 0; copy < COPIES; copy++) {
    for (const f of files) writeFileSync(join(dir, `${copy}-${f}`), `${readFileSync(join(sample, f), 'utf8')}\nFiled as copy ${copy} of this story.\n`);
  }
  return files.length * COPIES;
}

/** Run ingest and send SIGTERM once its first progress line is out: it has stored something and has more to go. */
function interruptedIngest(db: string, dir: string, jobs: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--jobs', jobs, '--db', db, dir], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && /ingest \[/.test(stderr)) {
        sent = true;
        child.kill('SIGTERM');
      }
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('a stop signal during parley ingest', () => {
  it.each(['1', '2'])('--jobs %s: stops after the document in hand, says so, keeps what it stored, and the same command again stores the rest once', async (jobs) => {
    const root = tempDir();
    const dir = join(root, 'articles');
    const total = manyArticles(dir);
    const db = join(root, 'talks.db');
    const first = await interruptedIngest(db, dir, jobs);
    expect(first.status, first.stderr).toBe(130);
    expect(first.stderr).toContain('ingest: stopping after the current document');
    expect(first.stderr).toContain('ingest: stopped before the end');
    const stored = Number(/documents: (\d+) new/.exec(first.stdout)?.[1]);
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThan(total);
    const store = await SqliteStore.open(db);
    expect((await store.counts()).documents).toBe(stored);
    await store.close();

    const again = parley(['ingest', '--jobs', jobs, '--db', db, dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`documents: ${total - stored} new, ${stored} unchanged`));
    const reopened = await SqliteStore.open(db);
    expect((await reopened.counts()).documents).toBe(total);
    await reopened.close();
  });
});
