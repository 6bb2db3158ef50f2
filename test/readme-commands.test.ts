// Every `npx parley …` command the README shows in a shell block runs, in order,
// in a scratch folder that sees the project's corpus and examples: a README
// example that fails is a bug. Commands that serve, watch or fetch the network
// are named below with the test that covers them instead.
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from './helpers.js';

/** Not run here, and why: each is a long-running server or needs the network or a file of the reader's own. */
const ELSEWHERE: readonly [RegExp, string][] = [
  [/ serve /, 'test/serve-cli.test.ts runs parley serve'],
  [/ watch /, 'test/ingest-web.test.ts polls a local feed'],
  [/https?:\/\//, 'test/ingest-web.test.ts fetches from a local server'],
  [/ --urls /, 'test/ingest-web.test.ts reads a URL list'],
  [/ train /, 'test/decider.test.ts runs parley train on the shared data and compares the committed model'],
];

/** The `npx parley` lines of the README's ```sh blocks, in order. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => /(^|&& |\) )npx parley /.test(l));
}

describe('the README commands', () => {
  const commands = readmeCommands();
  const dir = tempDir('parley-readme-');
  symlinkSync(join(ROOT, 'corpus'), join(dir, 'corpus'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));

  it('shows the review workflow and the main commands', () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.some((c) => c.includes('parley review') && c.includes('--reject'))).toBe(true);
  });

  it.each(commands.map((c) => [c]))('%s', (command) => {
    const skip = ELSEWHERE.find(([re]) => re.test(` ${command} `));
    if (skip) {
      expect(skip[1]).toMatch(/test\//);
      return;
    }
    // `npm ci && npx parley demo`: the install already happened; run what follows it.
    const line = command.replace(/^.*&& (?=npx parley)/, '').replace(/npx parley/g, `'${process.execPath}' '${CLI}'`);
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', line], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/\n\s+at |EPIPE|Error:/);
    expect(run.status, `${command}\n${run.stderr}`).toBe(0);
  });
});
