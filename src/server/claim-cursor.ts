// The `cursor` of GET /api/claims: the position of the last claim of a page,
// as an opaque URL-safe token, so the next page is an index seek (keyset
// paging) however deep it is. Tokens are base64url JSON [published|null, document, sentence, id].
import { z } from '@hono/zod-openapi';
import type { ClaimPosition } from '../store/claim-keyset.js';

const Token = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(), z.number().int().positive(), z.number().int().min(0), z.number().int().positive()]);

/** The token for the page after `position`. */
export function encodeCursor(position: ClaimPosition): string {
  return Buffer.from(JSON.stringify([position.published ?? null, position.documentId, position.sentenceIndex, position.id])).toString('base64url');
}

/** The position in a token, or undefined when it is not one this API gave out. */
export function decodeCursor(token: string): ClaimPosition | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const result = Token.safeParse(parsed);
  if (!result.success) return undefined;
  const [published, documentId, sentenceIndex, id] = result.data;
  return { ...(published !== null ? { published } : {}), documentId, sentenceIndex, id };
}
