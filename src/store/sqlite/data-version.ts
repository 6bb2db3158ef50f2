// The SQLite store's version token: PRAGMA data_version changes when another
// connection (another process: `parley ingest` beside `parley serve`) commits,
// but not for this connection's own commits, which a local counter covers.
import type Database from 'better-sqlite3';

export class DataVersion {
  private readonly dataVersion: Database.Statement;
  private ownWrites = 0;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare('pragma data_version').pluck();
  }

  /** Count a write by this connection; call it once the transaction has ended (committed or not). */
  written(): void {
    this.ownWrites++;
  }

  /** e.g. "7.2": other connections' commits seen, then this connection's writes. */
  current(): string {
    return `${String(this.dataVersion.get())}.${this.ownWrites}`;
  }
}
