// SQLite's write batches (src/store/sqlite/batch-transaction.ts) beyond the Store
// contract: other connections see a batch only once it commits, a kill -9 loses
// the open batch and nothing committed, and a document that makes SQLite roll
// back the whole transaction does not take the batch's other documents with it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ROOT, tempDir } from './helpers.js';
import { claim, doc } from './store-contract.js';

const open: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function openStore(path: string): Promise<SqliteStore> {
  const store = await SqliteStore.open(path);
  open.push(store);
  return store;
}

/** What another process reading the file sees. */
function committed(path: string): { origins: string[]; integrity: string } {
  const sqlite = new Database(path, { readonly: true });
  try {
    const origins = (sqlite.prepare('select origin from documents order by id').pluck().all() as string[]);
    return { origins, integrity: sqlite.pragma('integrity_check', { simple: true }) as string };
  } finally {
    sqlite.close();
  }
}

describe('SQLite write batches', () => {
  it('holds documents in one transaction until the batch is full', async () => {
    const path = join(tempDir(), 'batch.db');
    const store = await openStore(path);
    const batch = store.openBatch({ documents: 3, milliseconds: 600_000 });
    await batch.saveDocument(doc('a'), [claim({})]);
    await batch.saveDocument(doc('b'), [claim({})]);
    // This connection reads its own batch; another does not see it yet.
    expect(await store.counts()).toEqual({ documents: 2, claims: 2 });
    expect(committed(path).origins).toEqual([]);
    await batch.saveDocument(doc('c'), [claim({})]);
    expect(committed(path).origins).toEqual(['a.txt', 'b.txt', 'c.txt']);
    await batch.saveDocument(doc('d'), [claim({})]);
    expect(committed(path).origins).toHaveLength(3);
    await batch.end();
    expect(committed(path).origins).toHaveLength(4);
  });

  it('loses only the open batch to a kill -9, and the documents can be stored again', async () => {
    const path = join(tempDir(), 'killed.db');
    // A child stores five documents in batches of two, then waits with the fifth in an open batch.
    const script = `
      const { SqliteStore } = await import(${JSON.stringify(join(ROOT, 'dist', 'store', 'sqlite', 'sqlite-store.js'))});
      const store = await SqliteStore.open(${JSON.stringify(path)});
      const batch = store.openBatch({ documents: 2, milliseconds: 600000 });
      for (const hash of ['a', 'b', 'c', 'd', 'e']) await batch.saveDocument({ contentHash: hash, origin: hash + '.txt', cleanText: 'text of ' + hash }, []);
      process.stdout.write('saved\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('saved') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited with ${code} before saving`)));
    });
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    expect(committed(path)).toEqual({ origins: ['a.txt', 'b.txt', 'c.txt', 'd.txt'], integrity: 'ok' });
    const store = await openStore(path);
    const batch = store.openBatch();
    expect((await batch.saveDocument(doc('a'), [])).created).toBe(false);
    expect((await batch.saveDocument(doc('e'), [])).created).toBe(true);
    await batch.end();
    expect(committed(path).origins).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
  });

  it('stores the rest of a batch again when a document makes SQLite roll back the whole transaction', async () => {
    const path = join(tempDir(), 'lost.db');
    const store = await openStore(path);
    // RAISE(ROLLBACK) ends the whole transaction, as a full disk or an I/O error can; a savepoint cannot hold it back.
    const setup = new Database(path);
    setup.exec(`create trigger lose_the_batch before insert on documents when new.origin = 'lose.txt' begin select raise(rollback, 'lost on purpose'); end`);
    setup.close();
    const batch = store.openBatch({ documents: 1_000, milliseconds: 600_000 });
    await batch.saveDocument(doc('a'), [claim({})]);
    await batch.saveDocument(doc('b'), [claim({ polarity: 'oppose' })]);
    await expect(batch.saveDocument(doc('lose'), [claim({})])).rejects.toThrow(/lost on purpose/);
    await batch.saveDocument(doc('c'), [claim({})]);
    await batch.end();
    expect(committed(path)).toEqual({ origins: ['a.txt', 'b.txt', 'c.txt'], integrity: 'ok' });
    expect(await store.matrix()).toMatchObject([{ support: 2, oppose: 1, documents: 3 }]);
  });
});
