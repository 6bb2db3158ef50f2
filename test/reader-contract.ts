// The contract every Reader must pass: it takes its own inputs, yields
// documents with text and origin, and turns bad input into InputErrors that
// name the input, never throwing anything else.
import { describe, expect, it } from 'vitest';
import { InputError, type ReadContext, type Reader, type ReaderInput, type ReadItem } from '../src/pipeline/ingest/reader.js';
import type { SourceDocument } from '../src/pipeline/types.js';

export interface ReaderCase {
  /** Inputs the reader takes and reads into at least one document. */
  good: () => ReaderInput[];
  /** Inputs the reader takes but cannot read: each gives InputErrors naming it. */
  bad: () => ReaderInput[];
  /** Inputs of garbage (default: the first good input with empty and binary bytes): only errors. */
  garbage?: () => ReaderInput[];
  context?: () => ReadContext;
}

export async function readAll(reader: Reader, input: ReaderInput, context: ReadContext = {}): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of reader.read(input, context)) items.push(item);
  return items;
}

export function readerContract(name: string, reader: () => Reader, cases: ReaderCase): void {
  describe(`Reader contract: ${name}`, () => {
    it('takes its good inputs and yields documents with text and origin', async () => {
      for (const input of cases.good()) {
        expect(reader().accepts(input), input.origin).toBe(true);
        const items = await readAll(reader(), input, cases.context?.());
        expect(items.length, input.origin).toBeGreaterThan(0);
        for (const item of items) {
          expect(item, `${input.origin}: ${item instanceof Error ? item.message : ''}`).not.toBeInstanceOf(Error);
          const doc = item as SourceDocument;
          expect(doc.rawText.trim().length).toBeGreaterThan(20);
          expect(doc.origin.length).toBeGreaterThan(0);
          if (doc.published) expect(doc.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }
    });

    it('turns each bad input into errors that name it, and never throws', async () => {
      const bad = cases.bad();
      expect(bad.length).toBeGreaterThan(0);
      for (const input of bad) {
        const items = await readAll(reader(), input, cases.context?.());
        const errors = items.filter((i): i is InputError => i instanceof InputError);
        expect(errors.length, input.origin).toBeGreaterThan(0);
        for (const err of errors) expect(err.message, input.origin).toContain(input.origin);
      }
    });

    it('yields only InputErrors for garbage', async () => {
      const first = cases.good()[0]!;
      const garbage = cases.garbage?.() ?? [new Uint8Array(), Uint8Array.from([0x00, 0xff, 0x13, 0x00, 0x41, 0x42])].map((bytes) => ({ ...first, bytes }));
      for (const input of garbage) {
        const items = await readAll(reader(), input, cases.context?.());
        expect(items.every((i) => i instanceof InputError)).toBe(true);
        expect(items.length).toBeGreaterThan(0);
      }
    });
  });
}
