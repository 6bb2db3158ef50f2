// Fresh databases on the test PostgreSQL server (see postgres-setup.ts).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../src/store/postgres/throwaway-cluster.js';

export const POSTGRES_URL = inject('postgresUrl');

if (!POSTGRES_URL) console.warn(`!!! PostgreSQL tests SKIPPED: ${inject('postgresUnavailable') || 'no server'}`);

/** The URL of a new, empty database. */
export async function freshDatabase(): Promise<string> {
  return createDatabase(POSTGRES_URL, `parley_test_${randomBytes(6).toString('hex')}`);
}
