#!/usr/bin/env node
// The `parley` command: a thin edge over the library. Data goes to stdout,
// progress and errors to stderr; the exit code is 1 when any input failed.
import './v8-flags.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { fraction, positiveNumber, wholeNumberAtLeastOne } from './arguments.js';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { briefToHtml, briefToMarkdown, buildBrief } from '../analysis/brief.js';
import { checkDeal, checkRows, checkToMarkdown, CHECK_COLUMNS } from '../analysis/check.js';
import { DOCUMENT_COLUMNS, documentRows, listDocuments } from '../analysis/documents.js';
import { CONFLICT_COLUMNS, conflictRows, findConflicts } from '../analysis/conflicts.js';
import { buildMatrix, matrixGrid, MATRIX_COLUMNS } from '../analysis/matrix.js';
import { buildTimeline, listChanges, SHIFT_COLUMNS, shiftRows, TIMELINE_COLUMNS, timelineRows } from '../analysis/timeline.js';
import { type FetchOptions } from '../net/fetch-page.js';
import { type CompiledPack } from '../pack/compile.js';
import { INPUT_EXTENSIONS } from '../pipeline/ingest/extensions.js';
import { InputError, loadBytes, toInputError } from '../pipeline/ingest/reader.js';
import { decodeText } from '../pipeline/ingest/text-reader.js';
import type { Claim, SourceDocument } from '../pipeline/types.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../server/defaults.js';
import { defaultDatabase, isPostgresUrl, safeUrl } from '../store/database-url.js';
import { claimWeight } from '../store/cell-confidence.js';
import { storeFailureMessage } from '../store/store-failure.js';
import { claimFilterOf, type ClaimFilter, type Store } from '../store/store.js';
import { addQueueCommands, enqueueInputs, watchQueued } from './queue-commands.js';
import { claimToJson, toCsv, toMarkdown, toTable } from './output.js';
import { dateProblem, rangeProblem, resolveActor, resolveOutlet } from '../analysis/resolve-filter.js';
import { endQuietlyOnClosedStdout } from './stdout.js';
import { addReviewCommand } from './review-command.js';

// Heavy modules load when a command needs them, so `--help` and light commands start fast.
const ingestJob = () => import('../jobs/ingest.js');
const sampleCorpus = () => import('../jobs/sample-corpus.js');
const watchJob = () => import('../jobs/watch.js');
const reextractJob = () => import('../jobs/reextract.js');
const fetcher = () => import('../net/fetch-page.js');
const packCompiler = () => import('../pack/compile.js');
const cleaner = () => import('../pipeline/clean/clean.js');
const pipeline = () => import('../pipeline/run-pipeline.js');
const serverModule = () => import('../server/serve.js');
/** The database a command opened last: a failure of the store itself is reported under its name. */
let storeInUse: string | undefined;
const storeOpener = async (): Promise<{ openStore: typeof import('../store/open-store.js').openStore }> => {
  const { openStore } = await import('../store/open-store.js');
  return {
    openStore: (location, use) => {
      storeInUse = isPostgresUrl(location) ? safeUrl(location) : location;
      return openStore(location, use);
    },
  };
};
const explainer = () => import('./explain.js');

// --db takes a SQLite file or a postgres:// URL (see src/store/open-store.ts).
const DEFAULT_DB = defaultDatabase();

let failed = false;
/** Set when a job stopped early on Ctrl-C or SIGTERM: the exit status is then 130. */
let stoppedBySignal = false;

function reportError(err: unknown): void {
  failed = true;
  const message = (storeInUse && storeFailureMessage(storeInUse, err)) || (err instanceof Error ? err.message : String(err));
  process.stderr.write(`parley: ${message}\n`);
}

function format<T extends string>(choices: readonly T[], fallback: T): Option {
  return new Option('-f, --format <format>', 'output format').choices(choices).default(fallback);
}

function isoDate(value: string): string {
  const problem = dateProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

/** Each document of the inputs (files, folders, URLs), or an error line naming it; the run goes on. */
async function eachDocument(paths: string[], fn: (doc: SourceDocument) => void): Promise<void> {
  const { files, errors } = (await ingestJob()).expandPaths(paths, INPUT_EXTENSIONS);
  errors.forEach(reportError);
  const { fetchPage, HostLimiter } = await fetcher();
  const limiter = new HostLimiter();
  const context = { fetchPage: (url: string) => fetchPage(url, { limiter }) };
  for (const file of files) {
    for (const item of await (await ingestJob()).readInput({ origin: file }, context)) {
      if (item instanceof InputError) {
        reportError(item);
        continue;
      }
      try {
        fn(item);
      } catch (err) {
        reportError(toInputError(err, item.origin));
      }
    }
  }
}


/** The fetch options common to commands that read URLs. */
function fetchOptions(cmd: Command): Command {
  return cmd
    .option('--timeout <ms>', 'give up on a URL after this long (default 30000)', positiveNumber)
    .option('--max-bytes <n>', 'largest page, after decompression (default 10 MB)', positiveNumber);
}

function toFetchOptions(opts: { timeout?: number; maxBytes?: number }): FetchOptions {
  return {
    ...(opts.timeout ? { timeoutMs: opts.timeout, idleTimeoutMs: Math.min(opts.timeout, 10_000) } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
  };
}

const CLAIM_COLUMNS = ['doc', 'actor', 'proposition', 'polarity', 'modality', 'hedged', 'rule', 'evidence'];

const program = new Command()
  .name('parley')
  .description('Who demands what in a negotiation, with proof.')
  .option('--pack <dir>', 'domain pack folder (default: the bundled russia-ukraine pack)')
  .showHelpAfterError();

program
  .command('extract')
  .description('print the position claims of each file (no store needed)')
  .argument('<files...>', 'files, folders or URLs')
  .addOption(format(['jsonl', 'table'], 'jsonl'))
  .addOption(minConfidenceOption())
  .action(async (files: string[], opts: { format: 'jsonl' | 'table'; minConfidence?: number }) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    const rows: Record<string, unknown>[] = [];
    const { runPipeline } = await pipeline();
    const minConfidence = opts.minConfidence;
    await eachDocument(files, (doc) => {
      const { claims } = runPipeline(doc, pack);
      for (const claim of minConfidence === undefined ? claims : claims.filter((c) => claimWeight(c) >= minConfidence)) {
        if (opts.format === 'jsonl') process.stdout.write(`${JSON.stringify(claimToJson(doc.origin, claim))}\n`);
        else rows.push(claimToJson(doc.origin, claim));
      }
    });
    if (opts.format === 'table') process.stdout.write(toTable(CLAIM_COLUMNS, rows));
  });

program
  .command('explain')
  .description('show, sentence by sentence, the mentions, cues and rules behind each claim')
  .argument('<file>', 'a file or URL')
  .action(async (file: string) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    const [{ runPipeline }, { explainDocument }] = await Promise.all([pipeline(), explainer()]);
    await eachDocument([file], (doc) => process.stdout.write(explainDocument(runPipeline(doc, pack), pack.model)));
  });

program
  .command('train')
  .description("fit the pack's decider from labelled documents and write it into the pack (model.json)")
  .argument('<docs...>', 'labelled .txt documents (folders are searched)')
  .requiredOption('--gold <file>', 'gold claims in the spec format (JSON Lines); repeat for more files', (v: string, all: string[] = []) => [...all, v])
  .option('--seed <n>', 'seed of the training order', (v) => Number.parseInt(v, 10))
  .option('--folds <k>', 'cross-validation folds', (v) => Number.parseInt(v, 10))
  .option('--out <file>', "where to write the model (default: the pack's model.json)")
  .action(async (docs: string[], opts: { gold: string[]; seed?: number; folds?: number; out?: string }) => {
    const { runTrain } = await import('./train.js');
    const { files, errors } = (await ingestJob()).expandPaths(docs, ['.txt']);
    if (errors.length > 0) throw errors[0]!;
    if (files.length === 0) throw new InputError(docs.join(' '), 'no .txt documents to train on');
    console.error(runTrain(files, { ...opts, ...(program.opts().pack ? { pack: program.opts().pack } : {}) }));
  });

program
  .command('clean')
  .description('print the cleaned text of each file')
  .argument('<files...>', 'files, folders or URLs')
  .option('-o, --out <dir>', 'write DIR/<basename> instead of printing')
  .action(async (files: string[], opts: { out?: string }) => {
    if (opts.out) {
      if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new InvalidArgumentError(`--out ${opts.out}: is a file, not a folder to write the cleaned texts into`);
      mkdirSync(opts.out, { recursive: true });
    }
    const { cleanDocument } = await cleaner();
    await eachDocument(files, (doc) => {
      const clean = cleanDocument(doc);
      // A URL or an export line (file.csv:3) becomes a safe file name.
      if (opts.out) writeFileSync(join(opts.out, basename(doc.origin.replace(/^https?:\/\//, '')).replace(/[^\w.-]+/g, '_')), `${clean.text}\n`);
      else process.stdout.write(`${clean.text}\n`);
    });
  });

fetchOptions(
  program
    .command('ingest')
    .description('read files, folders, feeds, exports and URLs into the store (idempotent)')
    .argument('[paths...]', `files (${INPUT_EXTENSIONS.join(' ')}), folders or http(s) URLs`)
    .option('--urls <file>', 'also read the URLs listed in FILE (one per line, # comments)')
    .option('--queue', 'queue the inputs for `parley worker` instead of processing them (PostgreSQL)')
    .option('-j, --jobs <n>', 'threads at work: from 2 on, this one reads and writes the store and the other N - 1 extract; 1 extracts in this process alone (the store is the same either way)', wholeNumberAtLeastOne, availableParallelism())
    .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB),
).action(async (paths: string[], opts: { db: string; urls?: string; queue?: boolean; jobs: number; timeout?: number; maxBytes?: number }) => {
  const inputs = [...paths];
  let listErrors = 0;
  if (opts.urls) {
    const list = (await ingestJob()).readUrlList(opts.urls);
    list.errors.forEach(reportError);
    listErrors = list.errors.length;
    inputs.push(...list.urls);
  }
  if (inputs.length === 0 && !opts.urls) throw new Error('ingest needs at least one path or URL (or --urls FILE)');
  if (opts.queue) return enqueueInputs(opts.db, inputs, reportError);
  const store = await (await storeOpener()).openStore(opts.db, 'ingest');
  const stop = stopOnSignal('ingest');
  try {
    const summary = await (await ingestJob()).ingestPaths(store, inputs, { pack: (await packCompiler()).getPack(program.opts().pack), onError: reportError, fetch: toFetchOptions(opts), jobs: opts.jobs, signal: stop.signal });
    process.stdout.write(
      `documents: ${summary.new} new, ${summary.unchanged} unchanged, ${(await ingestJob()).skippedText(summary.skipped, summary.skippedBy)}, ${summary.failed + listErrors} failed; claims stored: ${summary.claims}${(await ingestJob()).skippedFilesText(summary.skippedFiles)}\n`,
    );
    if (stop.signal.aborted) {
      process.stderr.write('ingest: stopped before the end; what is stored above is kept, and the same command again goes on (stored documents are not stored twice)\n');
      stoppedBySignal = true;
    }
  } finally {
    stop.release();
    await store.close();
  }
});

/**
 * Ctrl-C or SIGTERM aborts `signal`, so a long job stops after the document in hand and
 * keeps what it stored; a second one quits at once. `release` removes the handlers.
 */
function stopOnSignal(job: string): { signal: AbortSignal; release: () => void } {
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write(`${job}: stopping after the current document (Ctrl-C again to quit now)\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: stop.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

program
  .command('reextract')
  .description("run the pack's current screen, cues, rules and model over the stored documents again and replace their claims (after `parley train` or a pack edit; reviews carry over)")
  .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB)
  .action(async (opts: { db: string }) => {
    const store = await (await storeOpener()).openStore(opts.db, 'ingest');
    try {
      const pack = (await packCompiler()).getPack(program.opts().pack);
      const summary = await (await reextractJob()).reextractStore(store, pack, { onError: reportError });
      const unchanged = summary.documents - summary.changed;
      process.stdout.write(
        `documents: ${summary.documents} read again, ${summary.changed} changed (${summary.skipped} now skipped, ${summary.analysed} no longer skipped), ${unchanged} unchanged, ${summary.errors.length} failed; claims: ${summary.removed} removed, ${summary.added} added\n`,
      );
    } finally {
      await store.close();
    }
  });

fetchOptions(
  program
    .command('watch')
    .description('poll feeds and ingest only entries not seen before; Ctrl-C stops')
    .argument('<feeds...>', 'feed URLs (RSS or Atom)')
    .option('--every <interval>', 'time between polls: 30s, 10m, 1h', '10m')
    .option('--once', 'poll once and exit')
    .option('--queue', 'each poll queues the feeds for `parley worker`, which fetches their new entries (PostgreSQL)')
    .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB),
).action(async (feeds: string[], opts: { db: string; every: string; once?: boolean; queue?: boolean; timeout?: number; maxBytes?: number }) => {
  const everyMs = (await watchJob()).parseInterval(opts.every);
  if (!everyMs) throw new InvalidArgumentError(`--every: expected an interval of at least 10s, such as 30s, 10m or 1h, got ${opts.every}`);
  const stop = stopOnSignal('watch');
  if (opts.queue) {
    try {
      await watchQueued(opts.db, feeds, { everyMs, once: opts.once === true, signal: stop.signal, onError: reportError });
    } finally {
      stop.release();
    }
    return;
  }
  const store = await (await storeOpener()).openStore(opts.db, 'ingest');
  try {
    const total = await (await watchJob()).watchFeeds(store, feeds, {
      everyMs,
      once: opts.once === true,
      signal: stop.signal,
      pack: (await packCompiler()).getPack(program.opts().pack),
      fetch: toFetchOptions(opts),
      onError: reportError,
    });
    process.stdout.write(`documents: ${total.new} new, ${total.unchanged} unchanged, ${(await ingestJob()).skippedText(total.skipped, total.skippedBy)}, ${total.failed} failed; claims stored: ${total.claims}\n`);
  } finally {
    stop.release();
    await store.close();
  }
});

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB)
    .option('--actor <id>', 'only this actor')
    .option('--proposition <id>', 'only this proposition')
    .option('--since <date>', 'published on or after (YYYY-MM-DD)', isoDate)
    .option('--until <date>', 'published on or before (YYYY-MM-DD)', isoDate)
    .option('--outlet <name>', 'only this outlet')
    .option('--speaker <name>', 'only claims whose speaker, as the text names them, contains NAME (e.g. Peskov)')
    .addOption(minConfidenceOption());
}

/** `--min-confidence P`, for the store's views and for extract alike. */
function minConfidenceOption(): Option {
  return new Option('--min-confidence <p>', 'only claims at least this sure (0–1; reviewed claims count 1, claims of a pack without a model 0.5)').argParser(fraction);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/** Print a view as JSON (the full structure), CSV or Markdown (flat rows), or an aligned table. */
function emit(fmt: string, value: unknown, columns: readonly string[], rows: readonly Record<string, unknown>[]): void {
  if (fmt === 'json') process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else if (fmt === 'csv') process.stdout.write(toCsv(columns, rows));
  else if (fmt === 'md') process.stdout.write(toMarkdown(columns, rows));
  else process.stdout.write(toTable(columns, rows));
}

/** Open an existing store (a mistyped --db must not create an empty one), run `fn`, close the store whatever happens. */
async function withStore<T>(db: string, fn: (store: Store) => Promise<T>): Promise<T> {
  if (!isPostgresUrl(db) && !existsSync(db)) throw new Error(`--db ${db}: no such database (create it with: npx parley ingest --db ${db} corpus/sample)`);
  const store = await (await storeOpener()).openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * The filter options as a ClaimFilter: an actor by id, name or alias ("Putin"), an outlet in any case;
 * an unknown actor, proposition or outlet, or an empty date range, is an error, not an empty answer.
 */
async function toFilter(opts: Record<string, unknown>, store: Store): Promise<ClaimFilter> {
  const pack = (await packCompiler()).getPack(program.opts().pack);
  const resolved: Record<string, unknown> = { ...opts };
  if (typeof opts.actor === 'string') {
    const actor = resolveActor(pack, opts.actor);
    if (!actor) throw new InvalidArgumentError(`--actor: unknown actor '${opts.actor}' (the pack has: ${pack.data.actors.map((a) => a.id).join(', ')}, or a name such as Putin)`);
    resolved.actor = actor;
  }
  const propositions = pack.data.propositions.map((p) => p.id);
  if (typeof opts.proposition === 'string' && !propositions.includes(opts.proposition)) throw new InvalidArgumentError(`--proposition: unknown proposition '${opts.proposition}' (the pack has: ${propositions.join(', ')})`);
  if (typeof opts.outlet === 'string') {
    const { outlets } = await store.overview();
    const outlet = resolveOutlet(outlets, opts.outlet);
    if (!outlet) throw new InvalidArgumentError(`--outlet: no stored document is from '${opts.outlet}' (outlets: ${outlets.join(', ') || 'none'})`);
    resolved.outlet = outlet;
  }
  const range = rangeProblem(opts.since as string | undefined, opts.until as string | undefined);
  if (range) throw new InvalidArgumentError(`--since/--until: ${range}`);
  return claimFilterOf(resolved);
}

async function printMatrix(store: Store, fmt: string, filter: ClaimFilter & { minSources?: number }, pack: CompiledPack, wide = false): Promise<void> {
  const rows = (await buildMatrix(store, filter)) as unknown as Record<string, unknown>[];
  if (fmt === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (fmt === 'csv') process.stdout.write(toCsv(MATRIX_COLUMNS, rows));
  else {
    // Table and Markdown show the matrix as a grid: a row per party, a column per proposition.
    const actors = pack.data.actors.map((a) => a.id);
    const propositions = pack.data.propositions.map((p) => p.id);
    const grid = matrixGrid(rows as never, actors, propositions);
    const used = propositions.filter((p) => grid.some((r) => r[p]));
    process.stdout.write(fmt === 'md' ? toMarkdown(['actor', ...used], grid) : toTable(['actor', ...used], grid, wide ? Infinity : 12));
    process.stdout.write(`${fmt === 'md' ? '\n' : ''}(cells: +documents supporting / -documents opposing)\n`);
  }
}

filterOptions(program.command('matrix').description('party × proposition: net stance, confidence, counts, outlets, latest date'))
  .option('--min-sources <n>', 'only cells seen in at least N independent sources (near-duplicate copies count once)', positiveInt)
  .addOption(format(['table', 'json', 'csv', 'md'], 'table'))
  .action(async (opts: Record<string, string>) => {
    const minSources = opts.minSources as unknown as number | undefined;
    await withStore(opts.db!, async (store) => printMatrix(store, opts.format!, { ...(await toFilter(opts, store)), ...(minSources ? { minSources } : {}) }, (await packCompiler()).getPack(program.opts().pack)));
  });

filterOptions(program.command('conflicts').description('propositions where parties stand opposed, and the common ground of all of them'))
  .option('--parties <ids>', 'comma-separated parties to compare (default: the scored actors)')
  .option('--min-sources <n>', 'only stances seen in at least N independent sources', positiveInt)
  .addOption(format(['table', 'json', 'csv', 'md'], 'table'))
  .action(async (opts: Record<string, string>) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    const parties = opts.parties ? opts.parties.split(',').map((p) => p.trim()).filter(Boolean) : undefined;
    const minSources = opts.minSources as unknown as number | undefined;
    await withStore(opts.db!, async (store) => {
      const report = await findConflicts(store, pack, { ...(await toFilter(opts, store)), ...(parties ? { parties } : {}), ...(minSources ? { minSources } : {}) });
      emit(opts.format!, report, CONFLICT_COLUMNS, conflictRows(report));
    });
  });

filterOptions(program.command('timeline').description("one party's stance on one proposition over time, with its shifts"))
  .addOption(format(['table', 'json', 'csv', 'md'], 'table'))
  .action(async (opts: Record<string, string>) => {
    if (!opts.actor || !opts.proposition) throw new Error('timeline needs --actor and --proposition');
    await withStore(opts.db!, async (store) => {
      const filter = await toFilter(opts, store);
      const timeline = await buildTimeline(store, filter.actor!, filter.proposition!, filter);
      emit(opts.format!, timeline, TIMELINE_COLUMNS, timelineRows(timeline));
      if (opts.format === 'table' && timeline.shifts.length > 0) process.stdout.write(`\nshifts:\n${toTable(SHIFT_COLUMNS, shiftRows(timeline.shifts))}`);
    });
  });

filterOptions(program.command('changes').description('every shift of a party on a proposition (reversal, new position, new demand)'))
  .addOption(format(['table', 'json', 'csv', 'md'], 'table'))
  .action(async (opts: Record<string, string>) => {
    await withStore(opts.db!, async (store) => {
      const shifts = await listChanges(store, await toFilter(opts, store));
      emit(opts.format!, shifts, SHIFT_COLUMNS, shiftRows(shifts));
    });
  });

filterOptions(program.command('brief').description('what each party wants, with numbered citations'))
  .addOption(format(['md', 'html', 'json'], 'md'))
  .action(async (opts: Record<string, string>) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    await withStore(opts.db!, async (store) => {
      const brief = await buildBrief(store, pack, await toFilter(opts, store));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(brief, null, 2)}\n`);
      else process.stdout.write(opts.format === 'html' ? briefToHtml(brief) : briefToMarkdown(brief));
    });
  });

filterOptions(
  program
    .command('check')
    .description("score each point of a proposed plan against every party's known stances")
    .argument('<plan>', 'a plan as Markdown or text: numbered or bulleted points, or sentences'),
)
  .option('--parties <ids>', 'comma-separated parties (default: the scored actors)')
  .addOption(format(['md', 'json', 'csv', 'table'], 'md'))
  .action(async (planFile: string, opts: Record<string, string>) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    // Read and decoded like a text input: a binary or non-UTF-8 plan is refused, not checked as garbage.
    let plan: string;
    try {
      const bytes = loadBytes({ origin: planFile });
      plan = bytes.length === 0 ? '' : decodeText(bytes, planFile);
    } catch (err) {
      throw err instanceof InputError && err.problem === 'is a directory' ? new InputError(planFile, 'is a directory, not a plan') : err;
    }
    if (plan.trim() === '') throw new InputError(planFile, 'the plan is empty: write its points as numbered or bulleted lines, or sentences');
    const parties = opts.parties ? opts.parties.split(',').map((p) => p.trim()).filter(Boolean) : undefined;
    await withStore(opts.db!, async (store) => {
      const check = await checkDeal(store, pack, plan, { ...(await toFilter(opts, store)), ...(parties ? { parties } : {}) });
      if (opts.format === 'md') process.stdout.write(checkToMarkdown(check));
      else emit(opts.format!, check, CHECK_COLUMNS, checkRows(check));
    });
  });

filterOptions(program.command('claims').description('stored claims with their evidence and source document'))
  .addOption(format(['jsonl', 'table', 'csv'], 'table'))
  .option('--wide', 'table: each claim on one line, evidence unwrapped')
  .option('--document <id>', 'only the claims of this stored document (its id, as `parley docs` lists it)', wholeNumberAtLeastOne)
  .action(async (opts: Record<string, string> & { document?: number }) => {
    await withStore(opts.db!, async (store) => {
      const document = opts.document;
      if (document !== undefined && !(await store.getDocument(document))) throw new InvalidArgumentError(`--document: no stored document has id ${document}`);
      const claims = await store.listClaims({ ...(await toFilter(opts, store)), ...(document !== undefined ? { document } : {}) });
      const rows = claims.map((c) => ({ id: c.id, ...claimToJson(c.origin, c as Claim), ...(c.review ? { review: c.review } : {}), outlet: c.outlet ?? '', published: c.published ?? '', documentId: c.documentId }));
      if (opts.format === 'jsonl') for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
      else if (opts.format === 'csv') process.stdout.write(toCsv([...CLAIM_COLUMNS, 'start', 'end', 'outlet', 'published', 'reported', 'conditional', 'speaker', 'condition', 'confidence', 'review'], rows));
      else {
        // How sure, as --min-confidence reads it: the review when an analyst made one, else the probability ("rules" without a model).
        const sure = (c: (typeof claims)[number]): string => c.review ?? c.confidence?.toFixed(2) ?? 'rules';
        process.stdout.write(toTable(['id', 'published', 'outlet', 'actor', 'speaker', 'proposition', 'polarity', 'confidence', 'condition', 'evidence'], rows.map((r, i) => ({ ...r, confidence: sure(claims[i]!) })), opts.wide ? Infinity : 60));
      }
    });
  });

program
  .command('serve')
  .description('the HTTP API and the dashboard (write endpoints need PARLEY_TOKEN)')
  .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB)
  .option('--port <n>', 'port (0: any free port)', positiveInt, DEFAULT_PORT)
  .option('--host <host>', 'address to bind', DEFAULT_HOST)
  .option('--corpus', 'ingest the bundled sample corpus first (idempotent)')
  .option('--allow-private-urls', 'let POST /api/ingest { url } fetch loopback and private addresses')
  .action(async (opts: { db: string; port: number; host: string; corpus?: boolean; allowPrivateUrls?: boolean }) => {
    const pack = (await packCompiler()).getPack(program.opts().pack);
    const store = await (await storeOpener()).openStore(opts.db);
    if (opts.corpus) {
      const summary = await (await sampleCorpus()).ingestSampleCorpus(store, { pack, onError: reportError });
      process.stderr.write(`sample corpus: ${summary.new} new documents, ${summary.claims} claims\n`);
    }
    if (opts.host !== DEFAULT_HOST) process.stderr.write(`parley: warning: listening on ${opts.host}, not ${DEFAULT_HOST}: anyone who can reach this address can read the store\n`);
    const token = process.env.PARLEY_TOKEN || undefined;
    if (!token) process.stderr.write('parley: PARLEY_TOKEN is not set: ingest and delete are refused\n');
    const storeName = opts.db.includes('://') ? safeUrl(opts.db) : opts.db;
    const server = await (await serverModule()).startServer(store, pack, { host: opts.host, port: opts.port, allowPrivateUrls: opts.allowPrivateUrls === true, storeName, ...(token ? { token } : {}) });
    process.stderr.write(`parley: serving ${storeName} at ${server.url}/ (Ctrl-C to stop)\n`);
    const stop = (): void => {
      void server.close().then(() => store.close()).finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('docs')
  .description('stored documents with claims, near-duplicate cluster and skip reason')
  .option('--db <file|url>', 'SQLite file or postgres:// URL (default: $PARLEY_DATABASE_URL or parley.db)', DEFAULT_DB)
  .option('--duplicates', 'only near-duplicate clusters of two or more documents, grouped')
  .option('--skipped', 'only documents stored without claims, with the reason')
  .addOption(format(['table', 'json', 'csv'], 'table'))
  .action(async (opts: { db: string; duplicates?: boolean; skipped?: boolean; format: string }) => {
    await withStore(opts.db, async (store) => {
      const list = await listDocuments(store, { duplicates: opts.duplicates === true, skipped: opts.skipped === true });
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(list.kind === 'documents' ? list.documents : list.clusters, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(toCsv([...DOCUMENT_COLUMNS, 'source'], documentRows(list)));
      else if (list.kind === 'duplicates') {
        for (const c of list.clusters) process.stdout.write(`cluster ${c.cluster} (${c.documents.length} documents)\n${toTable(['id', 'published', 'outlet', 'title', 'claims', 'similarity'], c.documents)}\n`);
        if (list.clusters.length === 0) process.stdout.write('no near-duplicate clusters\n');
      } else {
        const columns = opts.skipped ? ['id', 'published', 'outlet', 'title', 'language', 'skipReason'] : ['id', 'published', 'outlet', 'title', 'claims', 'cluster', 'skipReason'];
        process.stdout.write(toTable(columns, documentRows(list)));
      }
    });
  });

addReviewCommand(program, { defaultDb: DEFAULT_DB, pack: async () => (await packCompiler()).getPack(program.opts().pack), withStore });

program
  .command('demo')
  .description('ingest the bundled sample corpus into a fresh database and print the matrix')
  .option('--db <file>', 'SQLite database to create (replaced if present)', 'parley-demo.db')
  .action(async (opts: { db: string }) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.db}${suffix}`, { force: true });
    const pack = (await packCompiler()).getPack(program.opts().pack);
    const store = await (await storeOpener()).openStore(opts.db);
    try {
      const summary = await (await sampleCorpus()).ingestSampleCorpus(store, { pack, onError: reportError });
      process.stdout.write(`Ingested ${summary.new} documents from ${(await sampleCorpus()).SAMPLE_CORPUS} into ${opts.db}: ${summary.claims} claims; ${(await ingestJob()).skippedText(summary.skipped, summary.skippedBy)}.\n\n`);
    } finally {
      await store.close();
    }
    await withStore(opts.db, (store) => printMatrix(store, 'table', {}, pack));
    const firstActor = pack.data.actors[0]!.id;
    // `npx parley` works from the project folder without `npm link`, so the hints can be pasted as they are.
    process.stdout.write(`\nNext: npx parley claims --db ${opts.db} --actor ${firstActor}   |   npx parley brief --db ${opts.db}   |   npx parley serve --db ${opts.db}  (dashboard at http://127.0.0.1:${DEFAULT_PORT}/)\n`);
  });

addQueueCommands(program, { defaultDb: DEFAULT_DB, pack: async () => (await packCompiler()).getPack(program.opts().pack), reportError });

async function main(): Promise<void> {
  endQuietlyOnClosedStdout();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof Error) reportError(err);
    else reportError(String(err));
  }
  // 130, as a shell reports Ctrl-C, when a job stopped on a signal before its end.
  process.exitCode = stoppedBySignal ? 130 : failed ? 1 : 0;
}

void main();
