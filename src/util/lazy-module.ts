// Libraries loaded on first use (through require: each ships a CommonJS build), so
// a command that never reads HTML, feeds or CSV, or never parses a pattern, does
// not pay for loading them at start-up.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `lazyModule<typeof import('linkedom')>('linkedom')()` loads linkedom the first time it is called. */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
