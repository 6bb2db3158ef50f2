// Ingest: expand paths into files, run the pipeline on each, store the result.
// A bad input is reported and skipped; what is stored stays intact.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getPack, type CompiledPack } from '../pack/compile.js';
import { InputError, readTextFile } from '../pipeline/ingest/text-reader.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { screenDocument, skipKind } from '../pipeline/screen/screen.js';
import type { Store } from '../store/store.js';
import { progress } from './progress.js';

export const TEXT_EXTENSIONS = ['.txt'];

export interface IngestSummary {
  readonly new: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** New documents stored without claims, by kind of reason ("not English", "off the pack topic"). */
  readonly skippedBy: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly claims: number;
  readonly errors: readonly InputError[];
}

/** Files under each path (folders searched recursively); problems become errors. */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : TEXT_EXTENSIONS.some((x) => e.name.endsWith(x)) ? [join(dir, e.name)] : []));
  for (const path of paths) {
    if (!existsSync(path)) {
      errors.push(new InputError(path, 'no such file or directory'));
    } else if (statSync(path).isDirectory()) {
      const found = walk(path);
      if (found.length === 0) errors.push(new InputError(path, `directory has no ${TEXT_EXTENSIONS.join(', ')} files`));
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return { files, errors };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex');
}

/** Ingest `paths` into `store`; errors are reported through `onError` as they happen. */
export async function ingestPaths(
  store: Store,
  paths: readonly string[],
  options: { pack?: CompiledPack; onError?: (err: InputError) => void; showProgress?: boolean } = {},
): Promise<IngestSummary> {
  const report = options.onError ?? ((err: InputError) => process.stderr.write(`parley: ${err.message}\n`));
  const { files, errors } = expandPaths(paths);
  errors.forEach(report);
  const bar = options.showProgress === false ? undefined : progress('ingest', files.length);
  let created = 0;
  let unchanged = 0;
  let skipped = 0;
  const skippedBy: Record<string, number> = {};
  const pack = options.pack ?? getPack();
  let claims = 0;
  for (const file of files) {
    try {
      const source = readTextFile(file);
      const hash = contentHash(source.rawText);
      if (await store.hasDocument(hash)) {
        unchanged++;
      } else {
        const result = runPipeline(source, pack);
        const { skipReason, language } = screenDocument(result.analysed, pack);
        const claimsToStore = skipReason ? [] : result.claims;
        const saved = await store.saveDocument(
          {
            contentHash: hash,
            origin: source.origin,
            cleanText: result.analysed.segmented.clean.text,
            ...(source.url ? { url: source.url } : {}),
            ...(source.title ? { title: source.title } : {}),
            ...(source.outlet ? { outlet: source.outlet } : {}),
            ...(source.published ? { published: source.published } : {}),
            ...(skipReason ? { skipReason } : {}),
            ...(language ? { language } : {}),
          },
          claimsToStore,
        );
        if (saved.created) {
          created++;
          if (skipReason) {
            skipped++;
            skippedBy[skipKind(skipReason)] = (skippedBy[skipKind(skipReason)] ?? 0) + 1;
          }
          claims += claimsToStore.length;
        } else {
          unchanged++;
        }
      }
    } catch (err) {
      const inputError = err instanceof InputError ? err : new InputError(file, err instanceof Error ? err.message : String(err));
      errors.push(inputError);
      report(inputError);
    }
    bar?.tick();
  }
  bar?.done();
  return { new: created, unchanged, skipped, skippedBy, failed: errors.length, claims, errors };
}
