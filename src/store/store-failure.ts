// Telling a failure of the store itself (a damaged file, a full disk) from a
// failure of the input in hand: the first must stop the run and name the
// database, the second names the input and the run goes on.

/** SQLite's and PostgreSQL's error codes that mean the store is broken, and what to say of each. */
const STORE_FAILURES: readonly [RegExp, string][] = [
  [/^SQLITE_(CORRUPT|NOTADB)/, 'the database is damaged'],
  [/^SQLITE_FULL$|^53100$/, 'the disk is full'],
  [/^SQLITE_IOERR/, 'the database file cannot be read or written'],
  // PostgreSQL's data_corrupted and index_corrupted.
  [/^XX00[12]$/, 'the database is damaged'],
];

/** What is wrong with the store when `err` says the store itself failed, e.g. "the database is damaged"; undefined for any other error. */
export function storeFailure(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  return STORE_FAILURES.find(([pattern]) => pattern.test(code))?.[1];
}

/**
 * The message for a store failure, naming the database and what to do, e.g.
 * "parley.db: the database is damaged (database disk image is malformed); restore it …".
 */
export function storeFailureMessage(location: string, err: unknown): string | undefined {
  const failure = storeFailure(err);
  if (!failure) return undefined;
  const cause = err instanceof Error ? err.message : String(err);
  const remedy = failure === 'the database is damaged' && !/^postgres(ql)?:/i.test(location)
    ? `; restore it from a backup, or copy out what is still readable: sqlite3 ${location} .recover | sqlite3 recovered.db`
    : '';
  return `${location}: ${failure} (${cause})${remedy}`;
}
