// Vitest global setup: the PostgreSQL server the tests use. PARLEY_TEST_DATABASE_URL
// points at an existing server; otherwise a throw-away cluster is started and
// stopped afterwards. When neither works the PostgreSQL tests skip, with the reason,
// unless PARLEY_REQUIRE_POSTGRES=1 (set by .ci/run) makes that a failure.
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster, type ThrowawayCluster } from '../src/store/postgres/throwaway-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server URL for PostgreSQL tests ('' when there is none). */
    postgresUrl: string;
    /** Why there is no server, when there is none. */
    postgresUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.PARLEY_TEST_DATABASE_URL;
  let cluster: ThrowawayCluster | undefined;
  let url = given ?? '';
  let reason = '';
  if (!given) {
    try {
      cluster = await startThrowawayCluster();
      url = cluster.url;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
      // CI installs the server, so there a missing one is a failure, not a quiet skip.
      if (process.env.PARLEY_REQUIRE_POSTGRES === '1') throw new Error(`PARLEY_REQUIRE_POSTGRES=1 but ${reason}`);
      console.warn(`\n!!! PostgreSQL tests will be SKIPPED: ${reason}\n`);
    }
  }
  project.provide('postgresUrl', url);
  project.provide('postgresUnavailable', reason);
  return async () => {
    await cluster?.stop();
  };
}
