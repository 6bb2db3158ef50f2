// Telling a PostgreSQL URL from a SQLite path, without loading either store.

/** The database when no --db is given: PARLEY_DATABASE_URL, else parley.db. */
export function defaultDatabase(): string {
  return process.env.PARLEY_DATABASE_URL || 'parley.db';
}

/** `postgres://…` or `postgresql://…`. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}
