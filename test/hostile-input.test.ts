// Hostile files through the real readers: one clear line naming the input,
// nothing read from devices or FIFOs, deep trees and deep markup refused fast.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths, readInput } from '../src/jobs/ingest.js';
import { InputError } from '../src/pipeline/ingest/reader.js';
import { isCalendarDate } from '../src/pipeline/ingest/validate-source.js';
import { markupDepth } from '../src/pipeline/ingest/markup-depth.js';
import type { SourceDocument } from '../src/pipeline/types.js';
import { tempDir } from './helpers.js';

const PROSE = 'Russia demands a ceasefire along the current line of contact, and Kyiv rejects any territorial concessions. ';

async function read(path: string): Promise<{ docs: SourceDocument[]; errors: string[]; warnings: string[] }> {
  const warnings: string[] = [];
  const items = await readInput({ origin: path }, { onWarning: (m) => warnings.push(m) });
  return {
    docs: items.filter((i): i is SourceDocument => !(i instanceof InputError)),
    errors: items.filter((i): i is InputError => i instanceof InputError).map((e) => e.message),
    warnings,
  };
}

describe('hostile files', () => {
  const dir = tempDir();
  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const random = (n: number, seed: number): Uint8Array => {
    const bytes = new Uint8Array(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      bytes[i] = (x >> 16) & 0xff;
    }
    return bytes;
  };
  const noNul = (bytes: Uint8Array): Uint8Array => bytes.map((b) => (b === 0 ? 1 : b));

  const refused: [string, () => string, RegExp][] = [
    ['NUL bytes after the first 8 KB of a text', () => file('tail.txt', Buffer.concat([Buffer.from(PROSE.repeat(200)), Buffer.from([0, 1, 2])])), /looks binary \(contains NUL/],
    ['random bytes named .html', () => file('random.html', noNul(random(20_000, 7))), /looks binary/],
    ['random bytes named .htm with NULs late', () => file('random.htm', Buffer.concat([Buffer.from(`<p>${PROSE.repeat(60)}</p>`), random(2_000, 3)])), /looks binary/],
    ['UTF-32 LE text', () => file('wide.txt', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(PROSE, 'utf16le')])), /UTF-32 \(LE\)/],
    ['UTF-32 BE text', () => file('wide-be.txt', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41])), /UTF-32 \(BE\)/],
    ['UTF-16 LE text without a BOM', () => file('bare16.txt', Buffer.from(PROSE.repeat(5), 'utf16le')), /UTF-16 \(LE\) without a byte-order mark/],
    ['UTF-16 BE text without a BOM', () => file('bare16be.txt', Buffer.from(PROSE.repeat(5), 'utf16le').swap16()), /UTF-16 \(BE\) without a byte-order mark/],
    ['UTF-16 LE page without a BOM', () => file('bare16.html', Buffer.from(`<html><body><p>${PROSE}</p></body></html>`, 'utf16le')), /UTF-16 \(LE\) without a byte-order mark/],
    ['UTF-16 text with NULs', () => file('nul16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PROSE}\u0000`, 'utf16le')])), /contains NUL/],
    ['an empty text', () => file('blank.txt', ' \n\t\n'), /has no text/],
    ['30,000 nested divs', () => file('deep.html', `<html><body>${'<div>'.repeat(30_000)}${PROSE}</body></html>`), /nested more than \d+ deep/],
    ['30,000 nested tables', () => file('tables.html', `<html><body>${'<table><tr><td>'.repeat(30_000)}x`), /nested more than \d+ deep/],
  ];
  it.each(refused)('%s is refused with one line naming it', async (_name, make, problem) => {
    const path = make();
    const { docs, errors } = await read(path);
    expect(docs).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(problem);
    expect(errors[0]!.startsWith(path)).toBe(true);
    expect(errors[0]).not.toContain('\n');
  });

  it('refuses a FIFO by name without opening it for a blocking read', async () => {
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    expect((await read(fifo)).errors).toEqual([`${fifo}: is a FIFO (named pipe), not a regular file; not read`]);
  });

  it('refuses a device behind a text name', async () => {
    const link = join(dir, 'zero.txt');
    symlinkSync('/dev/zero', link);
    expect((await read(link)).errors).toEqual([`${link}: is a device, not a regular file; not read`]);
  });

  it('drops an impossible date with a warning naming the input and keeps the document', async () => {
    const path = file('date.txt', `---\ntitle: T\npublished: 2025-05-16; drop table documents\n---\n${PROSE}`);
    const { docs, warnings } = await read(path);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.published).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
  });

  const dates: [string, boolean][] = [
    ['2025-03-11', true], ['2024-02-29', true], ['2025-02-29', false], ['2025-02-30', false], ['0000-00-00', false],
    ['+099999-01', false], ['2025-13-01', false], ['2025-05-16; drop table documents', false], ['9999-12-31', false],
  ];
  it.each(dates)('date %s valid: %s', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });

  it('reads a page whose charset declaration its bytes contradict as what the bytes are, with a warning naming it', async () => {
    const html = (charset: string, words: Buffer): Buffer => Buffer.concat([Buffer.from(`<!doctype html><html><head><meta charset="${charset}"><title>Talks in Geneva</title></head><body><article><p>`), words, Buffer.from('</p></article></body></html>')]);
    const stale = file('stale.html', html('windows-1251', Buffer.from(`GENÈVE, ${PROSE}`, 'utf8')));
    const latin1 = file('latin1.html', html('utf-8', Buffer.from(`GENÈVE, ${PROSE}`, 'latin1')));
    for (const path of [stale, latin1]) {
      const { docs, errors, warnings } = await read(path);
      expect(errors).toEqual([]);
      expect(docs[0]!.rawText).toContain(`GENÈVE, ${PROSE.trim()}`);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: declares `));
    }
  });

  it('reads a page full of character references to nothing (&#0;, lone surrogates) as its text, not as binary', async () => {
    const path = file('void-refs.html', `<html><body><article><p>${PROSE}</p><p>${'&#0;&#xD800;'.repeat(400)}</p><p>Kyiv&#0; agreed.</p></article></body></html>`);
    const { docs, errors } = await read(path);
    expect(errors).toEqual([]);
    expect(docs[0]!.rawText).toBe(`${PROSE.trim()}\n\nKyiv agreed.`);
  });

  it('reads lone CR line ends (old Mac files) as line ends: front matter kept, lines not run together', async () => {
    const path = file('mac.txt', `---\rtitle: Talks in Geneva\rpublished: 2025-05-03\r---\r${PROSE}\r\r${PROSE.replace('Russia', 'Moscow')}\r`);
    const { docs, errors } = await read(path);
    expect(errors).toEqual([]);
    expect(docs[0]).toMatchObject({ title: 'Talks in Geneva', published: '2025-05-03' });
    expect(docs[0]!.rawText).toBe(`${PROSE}\n\n${PROSE.replace('Russia', 'Moscow')}\n`);
  });

  it('keeps no date for a feed entry whose date is impossible or no date, with a warning naming the entry', async () => {
    const body = `<p>${PROSE.repeat(12)}</p>`;
    const item = (n: number, date: string): string =>
      `<item><title>T${n}</title><link>https://wire.example/${n}</link><pubDate>${date}</pubDate><content:encoded><![CDATA[${body} ${n}]]></content:encoded></item>`;
    const dates = ['Tue, 03 Jun 2025 10:00:00 GMT', 'Sun, 30 Feb 2025 10:00:00 GMT', '2025-02-30', 'soon'];
    const path = file('dates.rss', `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>${dates.map((d, i) => item(i, d)).join('')}</channel></rss>`);
    const { docs, errors, warnings } = await read(path);
    expect(errors).toEqual([]);
    expect(docs.map((d) => d.published)).toEqual(['2025-06-03', undefined, undefined, undefined]);
    expect(warnings).toHaveLength(3);
    for (const [i, w] of warnings.entries()) expect(w.startsWith(`https://wire.example/${i + 1}: publication date`)).toBe(true);
  });

  it('takes a feed entry link that is no web address for no link: never the stored source URL, and the entry named by its place', async () => {
    const body = `<p>${PROSE.repeat(12)}</p>`;
    const item = (link: string, content: boolean): string =>
      `<item><title>T</title><link>${link}</link><description>short</description>${content ? `<content:encoded><![CDATA[${body} ${link}]]></content:encoded>` : ''}</item>`;
    const links = ['javascript:alert(1)', 'mailto:desk@wire.example', 'https://wire.example/ok'];
    const path = file('links.rss', `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>${links.map((l) => item(l, true)).join('')}${item('javascript:void(0)', false)}</channel></rss>`);
    const { docs, errors } = await read(path);
    expect(docs.map((d) => d.url)).toEqual([undefined, undefined, 'https://wire.example/ok']);
    // An entry without a link is named by its place in the feed, each its own name.
    expect(docs.map((d) => d.origin)).toEqual([`${path}#1`, `${path}#2`, 'https://wire.example/ok']);
    // The summary-only entry has nothing left to fetch: one error, naming the feed, not the script.
    expect(errors).toEqual([`${path}#4: entry has neither full text nor a link`]);
    expect(errors[0]).not.toContain('javascript');
  });

  it('resolves the relative entry links of a saved feed file against the site the feed names', async () => {
    const body = `<p>${PROSE.repeat(12)}</p>`;
    const atom = file('saved.atom', `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><link rel="alternate" href="https://wire.example/"/><entry><title>A</title><id>a</id><link href="/news/a"/><content type="html"><![CDATA[${body}]]></content></entry></feed>`);
    const rss = file('saved.rss', `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title><link>https://other.example/home</link><item><title>B</title><link>news/b</link><content:encoded><![CDATA[${body} b]]></content:encoded></item></channel></rss>`);
    expect((await read(atom)).docs.map((d) => d.url)).toEqual(['https://wire.example/news/a']);
    expect((await read(rss)).docs.map((d) => d.url)).toEqual(['https://other.example/news/b']);
  });

  it('reads an article export whose first record is bad, naming that line, and still calls a file of labels no export', async () => {
    const article = (n: number): string => JSON.stringify({ text: `${PROSE} Record ${n}.`, outlet: 'Test Wire' });
    const broken = file('first-bad.jsonl', [JSON.stringify({ title: 'no text here' }), article(2), '{"text": ', article(4)].join('\n'));
    const { docs, errors } = await read(broken);
    expect(docs.map((d) => d.origin)).toEqual([`${broken}:2`, `${broken}:4`]);
    expect(errors).toEqual([`${broken}:1: has no "text" or "html" value`, expect.stringMatching(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: is not valid JSON`))]);
    const labels = file('labels.jsonl', [1, 2, 3].map((n) => JSON.stringify({ doc: `a${n}.txt`, actor: 'russia', proposition: 'ceasefire', polarity: 'support' })).join('\n'));
    const asLabels = await read(labels);
    expect(asLabels.docs).toEqual([]);
    expect(asLabels.errors).toEqual([`${labels}: is not an article export: none of its first 20 records has a "text" or "html" field`]);
  });

  it('reports a folder tree deeper than the limit as one error and reads the rest', () => {
    const root = join(dir, 'tree');
    let deep = root;
    for (let i = 0; i < 70; i++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'top.txt'), PROSE);
    const { files, errors } = expandPaths([root], ['.txt']);
    expect(files).toEqual([join(root, 'top.txt')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/nested deeper than/);
  });

  it('says a link to a folder is not followed, rather than that it has no extension, and reads the rest', () => {
    const root = join(dir, 'linked');
    mkdirSync(join(root, 'real'), { recursive: true });
    writeFileSync(join(root, 'real', 'a.txt'), PROSE);
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    symlinkSync(root, join(root, 'real', 'up'));
    const { files, errors, skipped } = expandPaths([root], ['.txt']);
    expect(files).toEqual([join(root, 'real', 'a.txt')]);
    expect(errors).toEqual([]);
    expect(skipped.map((f) => [f.path, f.reason])).toEqual([
      [join(root, 'alias'), 'link to a folder (not followed; name the folder itself)'],
      [join(root, 'real', 'up'), 'link to a folder (not followed; name the folder itself)'],
    ]);
  });

  it('measures markup depth in one pass, ignoring void and self-closing elements', () => {
    expect(markupDepth('<div><b>x</b><br><img src=a /></div>')).toBe(2);
    expect(markupDepth('<ul><li>a<li>b<li>c</ul>')).toBe(1);
    expect(markupDepth('<div>'.repeat(1000), 10)).toBe(11);
  });
});
