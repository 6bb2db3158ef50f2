// HTTP load on the matrix endpoint: `parley serve` in a child process over the
// 1 M-claim generated store, autocannon against it on 127.0.0.1 for 10 s.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const DURATION_SECONDS = 10;
const CONNECTIONS = 4;
// A slow matrix must show up as latency, not as a timeout counted as an error.
const TIMEOUT_SECONDS = 60;

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

/** Requests/s and latency of GET /api/matrix, served by `parley serve` from the store at `path`. */
export async function benchLoad(path: string): Promise<void> {
  const { child, url } = await serve(path);
  try {
    const target = `${url}/api/matrix`;
    // One request first, so the figures are not a cold page cache.
    await fetch(target).then((r) => r.arrayBuffer());
    const result = await autocannon({ url: target, connections: CONNECTIONS, duration: DURATION_SECONDS, timeout: TIMEOUT_SECONDS });
    const failures = result.errors + result.timeouts + result.non2xx;
    process.stdout.write(
      `\nload: GET /api/matrix on 1,000,000 claims, ${CONNECTIONS} connections, ${DURATION_SECONDS} s (autocannon, parley serve in a child process):\n` +
        `  requests ${result.requests.total} (${result.requests.average.toFixed(2)}/s)   latency p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${failures} (${result.errors} connection, ${result.timeouts} timeouts, ${result.non2xx} non-2xx)\n`,
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
