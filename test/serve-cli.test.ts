// `parley serve` as the real binary: binds to 127.0.0.1 by default, warns on
// another host and when PARLEY_TOKEN is unset, and answers the API.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { serve, stopServers } from './serve-process.js';

/** GET with the path sent byte for byte (fetch and URL would resolve the dots first). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

afterEach(stopServers);

describe('parley serve (the real binary)', () => {
  it('binds to 127.0.0.1 by default, says writes are off without a token, and serves the sample corpus', async () => {
    const db = join(tempDir(), 'talks.db');
    const { url, stderr } = await serve(['--db', db, '--corpus']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stderr()).toMatch(/PARLEY_TOKEN is not set/);
    expect(stderr()).not.toMatch(/warning: listening on/);
    const meta = (await (await fetch(`${url}/api/meta`)).json()) as { documents: number; canWrite: boolean };
    expect(meta.documents).toBe(26);
    expect(meta.canWrite).toBe(false);
    const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' }, body: JSON.stringify({ text: 'Talks resumed.' }) });
    expect(res.status).toBe(403);
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd', '//package.json']) {
      const got = await rawGet(url, path);
      expect(got.status, path).toBe(404);
      expect(got.body).not.toMatch(/"name": "parley"|root:/);
    }
    expect((await rawGet(url, '/style.css')).status).toBe(200);
  });

  it('warns on stderr when bound to another host, and accepts writes with PARLEY_TOKEN', async () => {
    const db = join(tempDir(), 'talks.db');
    const { url, stderr } = await serve(['--db', db, '--host', '127.0.0.2'], { PARLEY_TOKEN: 'tok-123' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(stderr()).toMatch(/warning: listening on 127\.0\.0\.2/);
    const res = await fetch(`${url}/api/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer tok-123' },
      body: JSON.stringify({ text: 'Ukraine has agreed to a 30-day ceasefire proposed by Washington, its foreign minister said after peace talks with Russia.', outlet: 'Northbridge Wire', published: '2025-03-11' }),
    });
    expect(res.status).toBe(201);
  });
});
