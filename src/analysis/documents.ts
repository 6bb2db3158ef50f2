// The document list behind `parley docs`: every stored document with its
// claims, cluster and skip reason, or only the near-duplicate clusters, or
// only the skipped documents.
import type { Store, StoredDocument } from '../store/store.js';

export const DOCUMENT_COLUMNS = ['id', 'published', 'outlet', 'title', 'claims', 'cluster', 'similarity', 'language', 'skipReason'] as const;

// A type, not an interface, so rows pass as plain records to the output formatters.
export type DocumentRow = {
  readonly id: number;
  readonly published: string;
  readonly outlet: string;
  /** The title, or the origin (path or URL) when there is none. */
  readonly title: string;
  /** Where it came from: its URL, or the path it was read from. */
  readonly source: string;
  readonly claims: number;
  readonly cluster: number;
  /** Estimated Jaccard with the copy it was matched to; absent for a cluster's first document. */
  readonly similarity?: number;
  readonly language: string;
  readonly skipReason: string;
};

/** A near-duplicate cluster: the same story in several places. */
export interface DuplicateCluster {
  readonly cluster: number;
  readonly documents: readonly DocumentRow[];
}

export type DocumentList = { readonly kind: 'documents'; readonly documents: readonly DocumentRow[] } | { readonly kind: 'duplicates'; readonly clusters: readonly DuplicateCluster[] };

function toRow(d: StoredDocument): DocumentRow {
  return {
    id: d.id,
    published: d.published ?? '',
    outlet: d.outlet ?? '',
    title: d.title ?? d.origin,
    source: d.url ?? d.origin,
    claims: d.claimCount,
    cluster: d.clusterId,
    ...(d.similarity === undefined ? {} : { similarity: Math.round(d.similarity * 100) / 100 }),
    language: d.language ?? '',
    skipReason: d.skipReason ?? '',
  };
}

/** Stored documents; with `duplicates`, grouped into clusters of two or more; with `skipped`, only those stored without claims. */
export async function listDocuments(store: Store, options: { duplicates?: boolean; skipped?: boolean } = {}): Promise<DocumentList> {
  const docs = await store.listDocuments({ ...(options.duplicates ? { duplicates: true } : {}), ...(options.skipped ? { skipped: true } : {}) });
  if (!options.duplicates) return { kind: 'documents', documents: docs.map(toRow) };
  const clusters = new Map<number, DocumentRow[]>();
  for (const d of docs) {
    const members = clusters.get(d.clusterId) ?? [];
    members.push(toRow(d));
    clusters.set(d.clusterId, members);
  }
  return { kind: 'duplicates', clusters: [...clusters].map(([cluster, documents]) => ({ cluster, documents })) };
}

/** Flat rows of a list, clusters one after another. */
export function documentRows(list: DocumentList): DocumentRow[] {
  return list.kind === 'documents' ? [...list.documents] : list.clusters.flatMap((c) => c.documents);
}
