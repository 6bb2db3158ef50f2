// Bounds on what one API request may cost, so a hostile body is refused with a
// 4xx at once instead of holding the event loop (the analysis is synchronous).

/** Points of a plan POST /api/check scores; each reads the store's stances. */
export const MAX_CHECK_POINTS = 200;

/** Characters of article text POST /api/ingest analyses (about 60 pages); longer texts are for `parley ingest`. */
export const MAX_API_TEXT_CHARS = 200_000;
