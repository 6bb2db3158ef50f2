// `parley serve` as the real binary in a child process, for the tests that need
// the server and other commands as separate processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './helpers.js';

const running: ChildProcess[] = [];

/** Start the binary and resolve with its URL and what it wrote to stderr up to then. */
export function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env: { ...process.env, PARLEY_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const m = /serving .* at (http:\/\/[\d.]+:\d+)\//.exec(stderr);
      if (m) resolve({ url: m[1]!, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`parley serve exited with ${code}: ${stderr}`)));
  });
}

/** Stop every server these tests started (call in afterEach). */
export function stopServers(): void {
  for (const child of running.splice(0)) child.kill('SIGTERM');
}
