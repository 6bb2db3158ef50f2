// `parley review`: confirm, reject or fix a stored claim, add one the model missed,
// list the audit trail, or export the reviewed documents as gold. A thin edge over
// Store.reviewClaim and Store.addClaim.
import { Command, InvalidArgumentError, Option } from 'commander';
import { userInfo } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolveActor } from '../analysis/resolve-filter.js';
import type { CompiledPack } from '../pack/compile.js';
import type { Modality } from '../pipeline/types.js';
import type { ReviewInput } from '../store/reviews.js';
import type { Store } from '../store/store.js';
import { fraction, wholeNumberAtLeastOne } from './arguments.js';
import { toTable } from './output.js';

interface ReviewOptions {
  db: string;
  confirm?: boolean;
  reject?: boolean;
  actor?: string;
  proposition?: string;
  polarity?: 'support' | 'oppose';
  add?: string;
  evidence?: string;
  modality?: Modality;
  hedged?: boolean;
  reported?: boolean;
  note?: string;
  by?: string;
  list?: boolean;
  /** `true` when given without a number. */
  uncertain?: number | true;
  band: number;
  export?: string;
  texts?: string;
  format: 'table' | 'jsonl';
}

/** Who reviews when --by is not given: $PARLEY_REVIEWER, else the login name. */
function defaultReviewer(): string {
  if (process.env.PARLEY_REVIEWER) return process.env.PARLEY_REVIEWER;
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

const REVIEW_COLUMNS = ['id', 'at', 'by', 'action', 'claimId', 'actor', 'proposition', 'polarity', 'change', 'note', 'evidence'];

const UNCERTAIN_COLUMNS = ['doc', 'claim', 'probability', 'actor', 'proposition', 'polarity', 'evidence', 'review'];

/** A positive integer id given on the command line, or an error naming what it is for. */
function idArgument(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id <= 0) throw new InvalidArgumentError(what);
  return id;
}

export function addReviewCommand(
  program: Command,
  deps: { defaultDb: string; pack: () => Promise<CompiledPack>; withStore: <T>(db: string, fn: (store: Store) => Promise<T>) => Promise<T> },
): void {
  program
    .command('review')
    .description('confirm, reject or fix a stored claim, or --add one the model missed (kept in an audit trail); --list the trail; --export gold.jsonl')
    .argument('[claim]', 'the claim id (the id column of `parley claims`)')
    .option('--confirm', 'the claim is right')
    .option('--reject', 'the claim is wrong: it no longer counts anywhere')
    .option('--actor <actor>', 'fix or add: the right actor (id or name)')
    .option('--proposition <id>', 'fix or add: the right proposition')
    .addOption(new Option('--polarity <polarity>', 'fix or add: the right polarity').choices(['support', 'oppose']))
    .option('--add <document>', 'add a claim the model missed to this document (the id column of `parley docs`); with --evidence, --actor, --proposition, --polarity')
    .option('--evidence <quote>', 'add: a quote of the sentence that shows the claim (any case; enough words to stand once in the document)')
    .addOption(new Option('--modality <modality>', 'add: what the stance does (default: demand when it supports, reject when it opposes)').choices(['demand', 'offer', 'accept', 'reject', 'condition']))
    .option('--hedged', 'add: the sentence hedges it (may, reportedly, is said to)')
    .option('--reported', 'add: a third party reports it')
    .option('--note <text>', 'why (kept with the review)')
    .option('--by <name>', 'who reviews (default: $PARLEY_REVIEWER or the login name)')
    .option('--list', 'print the audit trail, newest first')
    .option('--uncertain [n]', 'list the n candidates (default 20) the model is least sure of, nearest its threshold, with the review that acts on each', wholeNumberAtLeastOne)
    .option('--band <p>', 'with --uncertain: how far from the threshold a probability may lie', fraction, 0.2)
    .option('--export <file>', "write the reviewed documents' claims in the spec's gold format (JSON Lines)")
    .option('--texts <dir>', "with --export: also write each reviewed document's clean text into DIR, named as the gold names it, for `parley train --gold FILE DIR`")
    .addOption(new Option('-f, --format <format>', '--list and --uncertain output').choices(['table', 'jsonl']).default('table'))
    .option('--db <file>', 'SQLite database', deps.defaultDb)
    .action(async (claim: string | undefined, opts: ReviewOptions) => {
      await deps.withStore(opts.db, async (store) => {
        if (opts.list) {
          const reviews = await store.listReviews();
          if (opts.format === 'jsonl') for (const r of reviews) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            const change = (r: (typeof reviews)[number]): string =>
              r.added ? `added (sentence ${r.added.sentenceIndex}, ${r.added.modality})` : [r.newActor && `actor → ${r.newActor}`, r.newProposition && `proposition → ${r.newProposition}`, r.newPolarity && `polarity → ${r.newPolarity}`].filter(Boolean).join(', ');
            const rows = reviews.map((r) => ({ ...r, change: change(r) }));
            process.stdout.write(toTable(REVIEW_COLUMNS, rows));
          }
          return;
        }
        if (opts.uncertain !== undefined) {
          const found = await (await import('../jobs/uncertain.js')).uncertainCandidates(store, await deps.pack(), { band: opts.band, ...(opts.uncertain === true ? {} : { limit: opts.uncertain }) });
          if (opts.format === 'jsonl') for (const c of found) process.stdout.write(`${JSON.stringify(c)}\n`);
          else process.stdout.write(toTable(UNCERTAIN_COLUMNS, found.map((c) => ({ ...c, doc: c.documentId, claim: c.claimId ?? '' }))));
          process.stderr.write(`review: ${found.length} candidates within ${opts.band} of the threshold, least sure first; act on each with: parley review <its review column> --db FILE\n`);
          return;
        }
        if (opts.texts !== undefined && !opts.export) throw new InvalidArgumentError('review: --texts goes with --export FILE');
        if (opts.export) {
          const { lines, documents, texts } = await (await import('../jobs/review-export.js')).exportReviewedGold(store, opts.texts !== undefined ? { textsDir: opts.texts } : {});
          writeFileSync(opts.export, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
          const written = opts.texts !== undefined ? `, and their texts to ${opts.texts} (${texts.length} files)` : '';
          process.stderr.write(`review: wrote ${lines.length} gold claims of the ${documents} reviewed documents to ${opts.export}${written}; before training, add any claim the model missed in them (parley review --add DOC --evidence QUOTE …)\n`);
          return;
        }
        const pack = await deps.pack();
        const by = opts.by ?? defaultReviewer();
        const note = opts.note ? { note: opts.note } : {};
        let fix: Partial<ReviewInput> = {};
        if (opts.actor !== undefined) {
          const actor = resolveActor(pack, opts.actor);
          if (!actor) throw new InvalidArgumentError(`--actor: unknown actor '${opts.actor}' (the pack has: ${pack.data.actors.map((a) => a.id).join(', ')})`);
          fix = { ...fix, actor };
        }
        if (opts.proposition !== undefined) {
          if (!pack.data.propositions.some((p) => p.id === opts.proposition)) throw new InvalidArgumentError(`--proposition: unknown proposition '${opts.proposition}' (the pack has: ${pack.data.propositions.map((p) => p.id).join(', ')})`);
          fix = { ...fix, proposition: opts.proposition };
        }
        if (opts.polarity) fix = { ...fix, polarity: opts.polarity };
        const addOnly = opts.evidence !== undefined || opts.modality !== undefined || opts.hedged || opts.reported;
        if (opts.add !== undefined) {
          const documentId = idArgument(opts.add, 'review --add needs a document id (see the id column of `parley docs`)');
          if (claim !== undefined || opts.confirm || opts.reject) throw new InvalidArgumentError('review --add names a document, not a claim: leave out the claim id, --confirm and --reject');
          if (!fix.actor || !fix.proposition || !fix.polarity || opts.evidence === undefined) throw new InvalidArgumentError('review --add needs --evidence QUOTE, --actor, --proposition and --polarity');
          const doc = await store.getDocument(documentId);
          if (!doc) throw new InvalidArgumentError(`review --add: no document with id ${documentId} (see \`parley docs\`)`);
          // The segmenter (and the wink model) loads here, not with every command's --help.
          const { addedClaimInput, QuoteError } = await import('../jobs/add-claim.js');
          let input;
          try {
            input = addedClaimInput(doc.cleanText, { actor: fix.actor, proposition: fix.proposition, polarity: fix.polarity, quote: opts.evidence, ...(opts.modality ? { modality: opts.modality } : {}), hedged: opts.hedged === true, reported: opts.reported === true, ...note, by });
          } catch (err) {
            if (err instanceof QuoteError) throw new InvalidArgumentError(`review --add ${documentId}: ${err.problem}`);
            throw err;
          }
          const result = await store.addClaim(documentId, input);
          process.stdout.write(`review ${result.review.id}: add claim ${result.claimId} to document ${documentId} by ${result.review.by}: ${input.actor} ${input.polarity} ${input.proposition} (sentence ${input.sentenceIndex})\n`);
          return;
        }
        if (addOnly) throw new InvalidArgumentError('review: --evidence, --modality, --hedged and --reported go with --add DOCUMENT');
        const id = idArgument(claim, 'review needs a claim id (see the id column of `parley claims`), or --add DOCUMENT, --list, or --export FILE');
        const fixes = Object.keys(fix).length > 0;
        const chosen = [opts.confirm && 'confirm', opts.reject && 'reject', fixes && 'fix'].filter(Boolean) as ReviewInput['action'][];
        if (chosen.length !== 1) throw new InvalidArgumentError('review: give exactly one of --confirm, --reject, or a fix (--actor, --proposition, --polarity)');
        const input: ReviewInput = { action: chosen[0]!, by, ...note };
        const result = await store.reviewClaim(id, { ...input, ...fix });
        const after = result.claimId === undefined ? 'it no longer counts' : result.claimId === id ? `claim ${id}` : `now claim ${result.claimId}`;
        process.stdout.write(`review ${result.review.id}: ${result.review.action} claim ${id} by ${result.review.by} (${after})\n`);
      });
    });
}
