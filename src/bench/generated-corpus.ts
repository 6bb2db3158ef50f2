// A corpus of any size for the queue test and bench: documents made of
// paragraphs of the bundled sample corpus, drawn with a fixed seed, each with
// its own title, outlet, date and closing line (so each has its own content hash).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_CORPUS } from '../jobs/sample-corpus.js';
import { lcg } from './random.js';

function samplePool(): string[] {
  const paragraphs: string[] = [];
  for (const file of readdirSync(SAMPLE_CORPUS).filter((f) => f.endsWith('.txt')).sort()) {
    const body = readFileSync(join(SAMPLE_CORPUS, file), 'utf8').replace(/^---[\s\S]*?---\s*/, '');
    paragraphs.push(...body.split(/\n\s*\n/).filter((p) => p.length > 120));
  }
  return paragraphs;
}

/** Write `count` .txt documents into `dir`; returns their paths. */
export function writeGeneratedCorpus(dir: string, count: number, paragraphsPerDocument = 4): string[] {
  mkdirSync(dir, { recursive: true });
  const pool = samplePool();
  const random = lcg(7);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: paragraphsPerDocument }, () => pool[Math.floor(random() * pool.length)]!);
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
    const title = `Generated report ${i} on the talks`;
    const text = `---\ntitle: ${title}\noutlet: Outlet ${i % 7}\npublished: ${day}\n---\n\n${title}\n\n${body.join('\n\n')}\n\nThis was report number ${i} of the generated series.\n`;
    const file = join(dir, `report-${String(i).padStart(5, '0')}.txt`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}
