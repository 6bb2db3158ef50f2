// The shape of a domain pack's data files, checked with zod when a pack loads.
// zod loads with the first check: a pack read from the compiled-pack cache needs none.
import type { z as Zod } from 'zod';
import { lazyModule } from '../util/lazy-module.js';

const zod = lazyModule<typeof import('zod')>('zod');

function buildPackSchemas(z: typeof Zod) {
  /** A regular-expression source that must compile. */
  const pattern = z.string().min(1).refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid regular expression' },
  );

  const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, _ or -');

  const packManifestSchema = z.strictObject({
    id,
    name: z.string().min(1),
    language: z.string().min(2),
    relevance: z.strictObject({
      minHits: z.number().int().min(0),
      minDistinct: z.number().int().min(0),
      /** Also on topic: one topic term and at least this many proposition cues. */
      minPropositionCues: z.number().int().min(1).default(2),
      terms: z.array(pattern).min(1),
    }),
  });

  const actorsFileSchema = z.strictObject({
    actors: z
      .array(
        z.strictObject({
          id,
          name: z.string().min(1),
          scored: z.boolean(),
          aliases: z.array(pattern),
          roles: z.array(pattern),
          titles: z.array(z.string().min(1)),
        }),
      )
      .min(1),
  });

  const propositionsFileSchema = z.strictObject({
    propositions: z
      .array(
        z.strictObject({
          id,
          label: z.string().min(1),
          cues: z
            .array(
              z.strictObject({
                id,
                pattern,
                orientation: z.enum(['for', 'against']).default('for'),
                /** The wording states the position by itself ("Crimea will stay with Russia"): a reported speaker holds it. */
                assertive: z.boolean().default(false),
                /** Phrases the cue must match; the pack test checks each, so a broken pattern cannot ship. */
                examples: z.array(z.string().min(1)).default([]),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  });

  const stancesFileSchema = z.strictObject({
    stances: z
      .array(
        z.strictObject({
          id,
          holder: z.enum(['subject', 'speaker', 'agent', 'document']),
          polarity: z.enum(['support', 'oppose']),
          modality: z.enum(['demand', 'offer', 'accept', 'reject', 'condition']),
          pattern,
          opaque: z.boolean().default(false),
          negated: z.enum(['drop', 'flip']).default('drop'),
          /** Every subject of the cue holds what its that-clause says ("X and Y agreed that the US would offer…"). */
          shared: z.boolean().default(false),
        }),
      )
      .min(1),
    attribution: z.array(pattern).min(1),
    hedges: z.array(pattern),
    blockers: z.array(pattern),
    negators: z.array(pattern),
    breakers: z.array(pattern),
    conditions: z.array(pattern),
  });
  return { packManifestSchema, actorsFileSchema, propositionsFileSchema, stancesFileSchema };
}

export type PackSchemas = ReturnType<typeof buildPackSchemas>;
let schemas: PackSchemas | undefined;

/** The pack files' schemas, built on first use. */
export function packSchemas(): PackSchemas {
  return (schemas ??= buildPackSchemas(zod().z));
}

export type PackManifest = Zod.infer<PackSchemas['packManifestSchema']>;
export type ActorsFile = Zod.infer<PackSchemas['actorsFileSchema']>;
export type PropositionsFile = Zod.infer<PackSchemas['propositionsFileSchema']>;
export type StancesFile = Zod.infer<PackSchemas['stancesFileSchema']>;
