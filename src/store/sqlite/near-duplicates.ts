// The SQLite side of near-duplicate detection: signatures and LSH band keys in
// two tables (migration 0003), read and written through statements prepared
// once, because this runs for every stored document.
import type Database from 'better-sqlite3';
import { bandKeys, BANDS, DUPLICATE_THRESHOLD, estimateJaccard, signatureFromBytes, signatureToBytes, type Signature } from '../../dedup/minhash.js';
import type { NearDuplicate } from '../store.js';

/** Candidates confirmed per new document, most shared bands first. */
const MAX_CANDIDATES = 50;
/** Documents read per band key, newest first: a true copy shares many bands, so a story syndicated hundreds of times stays cheap to look up. */
const PER_BAND_CANDIDATES = 8;

export class NearDuplicateTable {
  private readonly candidates: Database.Statement;
  private readonly signatures: Database.Statement;
  private readonly insertSignature: Database.Statement;
  private readonly insertBand: Database.Statement;

  /** Prepare the statements; the tables must exist (run the migrations first). */
  constructor(db: Database.Database) {
    const perBand = Array.from(
      { length: BANDS },
      () => `select * from (select document_id from document_bands where hash = ? and band = ? order by document_id desc limit ${PER_BAND_CANDIDATES})`,
    ).join(' union all ');
    this.candidates = db.prepare(`select document_id from (${perBand}) group by document_id order by count(*) desc, document_id limit ${MAX_CANDIDATES}`).pluck();
    this.signatures = db.prepare(
      'select s.document_id as id, s.signature, coalesce(d.cluster_id, d.id) as cluster from document_signatures s join documents d on d.id = s.document_id where s.document_id in (select value from json_each(?)) order by s.document_id',
    );
    this.insertSignature = db.prepare('insert into document_signatures (document_id, signature) values (?, ?)');
    // All of a document's band keys in one statement: 64 one-row inserts cost more than the lookup.
    this.insertBand = db.prepare(`insert into document_bands (document_id, band, hash) values ${Array.from({ length: BANDS }, () => '(?, ?, ?)').join(', ')}`);
  }

  /** The stored document most similar to `sig` among those sharing an LSH band, if at or above the threshold. */
  nearest(sig: Signature): NearDuplicate | undefined {
    const ids = this.candidates.all(...bandKeys(sig).flatMap((hash, band) => [hash, band])) as number[];
    if (ids.length === 0) return undefined;
    let best: NearDuplicate | undefined;
    for (const c of this.signatures.all(JSON.stringify(ids)) as { id: number; signature: Buffer; cluster: number }[]) {
      const similarity = estimateJaccard(sig, signatureFromBytes(c.signature));
      if (similarity >= DUPLICATE_THRESHOLD && (!best || similarity > best.similarity)) best = { documentId: c.id, clusterId: c.cluster, similarity };
    }
    return best;
  }

  /** Record a stored document's signature and band keys (inside the transaction that stores it). */
  add(documentId: number, sig: Signature): void {
    this.insertSignature.run(documentId, signatureToBytes(sig));
    this.insertBand.run(...bandKeys(sig).flatMap((hash, band) => [documentId, band, hash]));
  }
}
