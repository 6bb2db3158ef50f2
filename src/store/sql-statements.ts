// Most schema changes of both stores are lists of SQL statements (tables,
// triggers, their first fill), run in order inside the migration.
import { sql, type Kysely, type Migration } from 'kysely';

export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** A migration that runs `statements` in order. */
export function statementsMigration(statements: readonly string[]): Migration {
  return { up: (db) => runStatements(db, statements) };
}
