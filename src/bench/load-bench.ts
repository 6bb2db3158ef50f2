// HTTP load on the read endpoints: `parley serve` in a child process over the
// 1 M-claim generated store, autocannon against it on 127.0.0.1, at 4 and 16
// connections. The matrix is set against its in-process query time (the target
// is a p99 within 2× of it); the claims rows are the default newest-first page
// and deep keyset pages, each request a page the answer cache does not hold.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildMatrix } from '../analysis/matrix.js';
import { MAX_CACHED_ANSWERS } from '../server/response-cache.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const DURATION_SECONDS = 10;
const CONNECTIONS = [4, 16];
// A slow answer must show up as latency, not as a timeout counted as an error.
const TIMEOUT_SECONDS = 60;
const IN_PROCESS_RUNS = 20;
/** Deep pages cycled through: more than the cache holds, so every request is answered by the store. */
const DEEP_PAGES = MAX_CACHED_ANSWERS * 2 + 44;
const DEEP_PAGE_LIMIT = 100;

/** Start `parley serve` on a free port and resolve with its URL once it listens. */
function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PARLEY_TOKEN: '' } });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${err.trim()}`)));
  });
}

/** p50 and p99 in ms of `fn` run in this process. */
async function inProcess(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < IN_PROCESS_RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p99: ms[ms.length - 1]! };
}

/** The paths of `count` consecutive keyset pages of /api/claims, from the first on. */
async function deepPages(url: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  let path = `/api/claims?limit=${DEEP_PAGE_LIMIT}`;
  while (paths.length < count) {
    const res = await fetch(`${url}${path}`);
    await res.arrayBuffer();
    const next = res.headers.get('Next-Cursor');
    if (!next) break;
    path = `/api/claims?limit=${DEEP_PAGE_LIMIT}&cursor=${next}`;
    paths.push(path);
  }
  return paths;
}

/** One row: requests/s and latency of GET `paths` (taken in turn by all connections together). */
async function loadRow(label: string, url: string, paths: readonly string[], connections: number): Promise<{ p99: number; rate: number; failures: number }> {
  let turn = 0;
  // One request first, so the figures are not a cold page cache.
  await fetch(`${url}${paths[0]}`).then((r) => r.arrayBuffer());
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_SECONDS,
    timeout: TIMEOUT_SECONDS,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[turn++ % paths.length]! }) }],
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  process.stdout.write(
    `  ${label.padEnd(42)} ${String(connections).padStart(2)} conn   ${result.requests.average.toFixed(1).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${failures}\n`,
  );
  return { p99: result.latency.p99, rate: result.requests.average, failures };
}

/** Requests/s and latency of the matrix and the claims pages, served by `parley serve` from the store at `path`. */
export async function benchLoad(path: string): Promise<void> {
  const store = await SqliteStore.open(path);
  const matrixTime = await inProcess(() => buildMatrix(store)).finally(() => store.close());
  const { child, url } = await serve(path);
  let failed = false;
  try {
    process.stdout.write(
      `\nload: parley serve in a child process on 1,000,000 claims, autocannon ${DURATION_SECONDS} s per row (matrix in process: p50 ${matrixTime.p50.toFixed(1)} ms, p99 ${matrixTime.p99.toFixed(1)} ms over ${IN_PROCESS_RUNS} runs):\n`,
    );
    const deep = await deepPages(url, DEEP_PAGES);
    const rows: [string, string[]][] = [
      ['GET /api/matrix', ['/api/matrix']],
      ['GET /api/claims (default page: newest 500)', ['/api/claims']],
      [`GET /api/claims ${deep.length} keyset pages, uncached`, deep],
    ];
    for (const [label, paths] of rows) {
      for (const connections of CONNECTIONS) {
        const row = await loadRow(label, url, paths, connections);
        failed ||= row.failures > 0;
        if (paths[0] === '/api/matrix') process.stdout.write(`    p99 ${(row.p99 / matrixTime.p50).toFixed(2)}× the in-process matrix p50 (target ≤ 2×)\n`);
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  if (failed) process.exitCode = 1;
}
