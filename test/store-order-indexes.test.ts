// The claim-order indexes of migration 0005 serve the orders the store asks for:
// SQLite reads them in order instead of sorting every matching claim.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const SELECT = 'select c.*, d.origin from claims c join documents d on d.id = c.document_id';
const NEWEST = 'order by c.published desc, c.document_id desc, c.sentence_index';
const OLDEST = 'order by c.published, c.document_id, c.sentence_index';

describe('claim order indexes', () => {
  it.each([
    ['the newest-first page', `${SELECT} ${NEWEST} limit 50`, 'claims_order'],
    ["a brief citation (newest of one cell and side)", `${SELECT} where c.actor = 'russia' and c.proposition = 'ceasefire' and c.polarity = 'support' ${NEWEST} limit 1`, 'claims_cell_polarity_order'],
    ['claims of one actor', `${SELECT} where c.actor = 'russia' ${OLDEST}`, 'claims_actor_order'],
  ])('reads %s from an index, with no sort', async (_name, query, index) => {
    const path = join(tempDir(), 'parley.db');
    await (await SqliteStore.open(path)).close();
    const db = new Database(path, { readonly: true });
    const plan = (db.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    db.close();
    expect(plan).toContain(index);
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
