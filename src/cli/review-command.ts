// `parley review`: confirm, reject or fix a stored claim, list the audit trail,
// or export the reviewed documents as gold. A thin edge over Store.reviewClaim.
import { Command, InvalidArgumentError, Option } from 'commander';
import { userInfo } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolveActor } from '../analysis/resolve-filter.js';
import { exportReviewedGold } from '../jobs/review-export.js';
import type { CompiledPack } from '../pack/compile.js';
import type { ReviewAction, ReviewInput } from '../store/reviews.js';
import type { Store } from '../store/store.js';
import { toTable } from './output.js';

interface ReviewOptions {
  db: string;
  confirm?: boolean;
  reject?: boolean;
  actor?: string;
  proposition?: string;
  polarity?: 'support' | 'oppose';
  note?: string;
  by?: string;
  list?: boolean;
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

export function addReviewCommand(
  program: Command,
  deps: { defaultDb: string; pack: () => Promise<CompiledPack>; withStore: <T>(db: string, fn: (store: Store) => Promise<T>) => Promise<T> },
): void {
  program
    .command('review')
    .description('confirm, reject or fix a stored claim (kept in an audit trail); --list the trail; --export gold.jsonl')
    .argument('[claim]', 'the claim id (the id column of `parley claims`)')
    .option('--confirm', 'the claim is right')
    .option('--reject', 'the claim is wrong: it no longer counts anywhere')
    .option('--actor <actor>', 'fix: the right actor (id or name)')
    .option('--proposition <id>', 'fix: the right proposition')
    .addOption(new Option('--polarity <polarity>', 'fix: the right polarity').choices(['support', 'oppose']))
    .option('--note <text>', 'why (kept with the review)')
    .option('--by <name>', 'who reviews (default: $PARLEY_REVIEWER or the login name)')
    .option('--list', 'print the audit trail, newest first')
    .option('--export <file>', "write the reviewed documents' claims in the spec's gold format (JSON Lines)")
    .option('--texts <dir>', "with --export: also write each reviewed document's clean text into DIR, named as the gold names it, for `parley train --gold FILE DIR`")
    .addOption(new Option('-f, --format <format>', '--list output').choices(['table', 'jsonl']).default('table'))
    .option('--db <file>', 'SQLite database', deps.defaultDb)
    .action(async (claim: string | undefined, opts: ReviewOptions) => {
      await deps.withStore(opts.db, async (store) => {
        if (opts.list) {
          const reviews = await store.listReviews();
          if (opts.format === 'jsonl') for (const r of reviews) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            const rows = reviews.map((r) => ({ ...r, change: [r.newActor && `actor → ${r.newActor}`, r.newProposition && `proposition → ${r.newProposition}`, r.newPolarity && `polarity → ${r.newPolarity}`].filter(Boolean).join(', ') }));
            process.stdout.write(toTable(REVIEW_COLUMNS, rows));
          }
          return;
        }
        if (opts.texts !== undefined && !opts.export) throw new InvalidArgumentError('review: --texts goes with --export FILE');
        if (opts.export) {
          const { lines, documents, texts } = await exportReviewedGold(store, opts.texts !== undefined ? { textsDir: opts.texts } : {});
          writeFileSync(opts.export, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
          const written = opts.texts !== undefined ? `, and their texts to ${opts.texts} (${texts.length} files)` : '';
          process.stderr.write(`review: wrote ${lines.length} gold claims of the ${documents} reviewed documents to ${opts.export}${written}; add the claims the model missed in them before training\n`);
          return;
        }
        const id = Number(claim);
        if (!claim || !Number.isInteger(id) || id <= 0) throw new InvalidArgumentError('review needs a claim id (see the id column of `parley claims`), or --list, or --export FILE');
        const fixes = opts.actor !== undefined || opts.proposition !== undefined || opts.polarity !== undefined;
        const chosen = [opts.confirm && 'confirm', opts.reject && 'reject', fixes && 'fix'].filter(Boolean) as ReviewAction[];
        if (chosen.length !== 1) throw new InvalidArgumentError('review: give exactly one of --confirm, --reject, or a fix (--actor, --proposition, --polarity)');
        const pack = await deps.pack();
        const input: ReviewInput = { action: chosen[0]!, by: opts.by ?? defaultReviewer(), ...(opts.note ? { note: opts.note } : {}) };
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
        const result = await store.reviewClaim(id, { ...input, ...fix });
        const after = result.claimId === undefined ? 'it no longer counts' : result.claimId === id ? `claim ${id}` : `now claim ${result.claimId}`;
        process.stdout.write(`review ${result.review.id}: ${result.review.action} claim ${id} by ${result.review.by} (${after})\n`);
      });
    });
}
