// Hostile API bodies: refused with a 4xx before any costly work, and what is
// accepted is validated like a file (dates, NULs, empty text).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPack } from '../src/pack/compile.js';
import { createApp } from '../src/server/app.js';
import { MAX_API_TEXT_CHARS, MAX_CHECK_POINTS } from '../src/server/limits.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { sampleStore } from './server-fixture.js';

const TOKEN = 'hostile-token-91c2';
let store: SqliteStore;
let app: ReturnType<typeof createApp>;

const post = (path: string, body: unknown): Promise<Response> =>
  Promise.resolve(app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } }));

beforeAll(async () => {
  ({ store } = await sampleStore());
  app = createApp(store, getPack(), { token: TOKEN, maxBodyBytes: 4 * 1024 * 1024 });
});
afterAll(async () => store.close());

describe('hostile API bodies', () => {
  it('refuses a plan with more points than the limit with 413', async () => {
    const plan = Array.from({ length: MAX_CHECK_POINTS + 1 }, (_, i) => `${i + 1}. A ceasefire along the line of contact.`).join('\n');
    const res = await post('/api/check', { plan });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/points; the limit is/);
  });

  it('refuses an article text over the API limit with 413', async () => {
    const res = await post('/api/ingest', { text: 'Russia demands a ceasefire '.repeat(Math.ceil(MAX_API_TEXT_CHARS / 27) + 10) });
    expect(res.status).toBe(413);
  });

  const bad: [string, unknown, RegExp][] = [
    ['NUL characters', { text: 'Russia demands a ceasefire.\u0000 Kyiv refuses.' }, /NUL/],
    ['an empty text', { text: '   \n  ' }, /no text/],
  ];
  it.each(bad)('refuses %s with 400', async (_name, body, message) => {
    const res = await post('/api/ingest', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it('refuses an impossible date given as a field, naming it', async () => {
    const res = await post('/api/ingest', { text: 'Russia demands a ceasefire along the line of contact, the Kremlin said on Friday in Moscow.', published: '2025-02-30' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/published/);
  });

  it('stores a document whose front matter has an impossible date without the date', async () => {
    const res = await post('/api/ingest', { text: '---\npublished: 2025-02-30\n---\nRussia demands a ceasefire along the line of contact, the Kremlin said on Friday in Moscow.' });
    expect(res.status).toBe(201);
    const { documentId } = (await res.json()) as { documentId: number };
    const doc = (await (await app.request(`/api/documents/${documentId}`)).json()) as { published?: string };
    expect(doc.published).toBeUndefined();
  });
});

describe('a store damaged under the server', () => {
  it('answers 503 saying the store is damaged, and logs the file by name', async () => {
    const { store: built, path } = await sampleStore();
    await built.close();
    const bytes = readFileSync(path);
    for (let at = Math.floor(bytes.length / 4096 / 2) * 4096; at < bytes.length; at += 4096) bytes.fill(0xa5, at, at + 4096);
    writeFileSync(path, bytes);
    const damaged = await SqliteStore.open(path);
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((line: string) => logged.push(line) > 0) as typeof process.stderr.write;
    try {
      const res = await createApp(damaged, getPack(), { storeName: path }).request('/api/documents');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('the store is unavailable: the database is damaged (see the server log)');
    } finally {
      process.stderr.write = write;
      await damaged.close();
    }
    expect(logged.join('')).toContain(`GET /api/documents: ${path}: the database is damaged (database disk image is malformed)`);
  });
});
