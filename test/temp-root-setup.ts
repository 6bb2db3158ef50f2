// Vitest global setup: every temporary file of a test run (the tests' own folders,
// the binaries they start, the throw-away PostgreSQL cluster, Chromium's profile)
// goes under one folder made for the run and removed after it, so runs leave
// nothing behind in the system's temp folder. os.tmpdir() reads TMPDIR on every
// call, and the test workers and the processes they start inherit it.
// PARLEY_KEEP_TEST_TEMP=1 keeps the folder (its path is printed) to look at after a failure.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'parley-tests-'));
  // Others may pass through (not list): the throw-away PostgreSQL cluster runs as the postgres user.
  chmodSync(root, 0o711);
  process.env.TMPDIR = root;
  return () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    if (process.env.PARLEY_KEEP_TEST_TEMP === '1') console.warn(`test temp files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
