// Safe concurrent writers on one SQLite file. A deferred BEGIN that reads and
// then writes cannot wait for another writer (SQLite returns SQLITE_BUSY at
// once, busy_timeout or not), so every write transaction starts with BEGIN
// IMMEDIATE, and migrations run under BEGIN EXCLUSIVE so two first opens
// cannot both create the tables.
import { SqliteAdapter, SqliteDialect, sql, type DialectAdapter, type Kysely } from 'kysely';

/** How often a lock is asked for again after busy_timeout has run out. */
const LOCK_ATTEMPTS = 20;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `begin` until it holds the lock; each attempt already waits busy_timeout. */
export async function acquire(db: Kysely<unknown>, mode: 'immediate' | 'exclusive'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.raw(`begin ${mode}`).execute(db);
      return;
    } catch (err) {
      if (!isBusy(err) || attempt >= LOCK_ATTEMPTS) throw err;
      await pause(20 + Math.random() * 80);
    }
  }
}

/** Run `work` in a write transaction that waits for other writers instead of failing. */
export async function writeTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await acquire(conn as Kysely<unknown>, 'immediate');
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/** kysely's SQLite adapter takes no migration lock; this one holds an exclusive one while migrations are checked and run. */
class ExclusiveMigrationAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await acquire(db, 'exclusive');
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`commit`.execute(db);
  }
}

/** The SQLite dialect, with migrations under an exclusive lock (the migrator re-reads what has run once it holds it). */
export class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new ExclusiveMigrationAdapter();
  }
}
