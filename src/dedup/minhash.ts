// Near-duplicate detection: MinHash signatures over word shingles of the clean
// text, LSH band keys to find candidates cheaply, and an estimated Jaccard
// similarity to confirm them. Pure and deterministic (fixed seeds), so the
// store, the bench and the tests all compute the same values.

/** Words per shingle. Five keeps a reworded sentence from matching its original, yet leaves most of a copy intact. */
export const SHINGLE_WORDS = 5;
/** Hash functions in a signature. */
export const NUM_HASHES = 128;
/**
 * LSH bands × rows per band = NUM_HASHES. Two rows per band make a pair at
 * Jaccard 0.2 a candidate with p = 1 − (1 − 0.2²)^64 ≈ 0.93 (0.3: 0.998), while
 * unrelated stories (Jaccard ≈ 0.02) share a band with p ≈ 0.03.
 */
export const BANDS = 64;
export const ROWS_PER_BAND = NUM_HASHES / BANDS;
/**
 * Estimated Jaccard (5-word shingles) at or above which two documents are the
 * same story. Chosen by measurement (README, "Near-duplicates"): lightly edited
 * copies in our tests score 0.7–1.0, the sample corpus's reworded syndicated
 * pairs 0.47 and 0.39, different stories on the same topic ≤ 0.03; 0.2 sits
 * well clear of both (the estimate's standard error at 0.3 is ≈ 0.04).
 */
export const DUPLICATE_THRESHOLD = 0.2;

export type Signature = Uint32Array;

/** murmur3's 32-bit finaliser as a signed 32-bit value: the hot loop stays in small integers, and any fixed order of values serves MinHash equally. */
function fmix32Signed(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The same finaliser as an unsigned value: a fast, well-mixed permutation of 32-bit values. */
function fmix32(value: number): number {
  return fmix32Signed(value) >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised; stable across runs and platforms. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** The per-function seeds, from a fixed-seed generator (mulberry32) so signatures never change between runs. */
const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(NUM_HASHES);
  let state = 0x5eed1234;
  for (let i = 0; i < NUM_HASHES; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds[i] = t ^ (t >>> 14);
  }
  return seeds;
})();

/**
 * The words of a text for shingling: lower case, letters and digits only, so
 * punctuation, quotes and spacing edits do not change a shingle.
 * e.g. "Kyiv's  “NO”, he said." → ["kyiv", "s", "no", "he", "said"]
 */
export function normaliseWords(text: string): string[] {
  // ASCII with typographic punctuation (most wire copy) takes a path about
  // twice as fast; its result is the same, as none of those marks is a letter or digit.
  if (!NOT_ASCII_OR_PUNCTUATION.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Anything but printable ASCII, tab and line breaks, no-break space, « », and U+2010–U+205E (dashes, quotes, bullets, ellipsis, primes…). */
const NOT_ASCII_OR_PUNCTUATION = /[^\t\n\r -~\u00a0\u00ab\u00bb\u2010-\u2027\u2030-\u205e]/;

/** Hashes of the word shingles of `text` in order, repeats included (a text shorter than a shingle is one shingle; an empty text has none). */
function shingleArray(text: string, size: number): Int32Array {
  const words = normaliseWords(text).map(hashString);
  if (words.length === 0) return new Int32Array(0);
  const shingles = new Int32Array(Math.max(1, words.length - size + 1));
  for (let i = 0; i < shingles.length; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < Math.min(i + size, words.length); j++) h = fmix32(Math.imul(h ^ words[j]!, 0x01000193));
    shingles[i] = h;
  }
  return shingles;
}

/** Hashes of the distinct word shingles of `text`. */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  return new Set(Array.from(shingleArray(text, size), (h) => h >>> 0));
}

/** The MinHash signature of `text`, or undefined when it has no words to compare. */
export function minhash(text: string): Signature | undefined {
  // Repeated shingles change no minimum, so they need not be removed.
  const shingles = shingleArray(text, SHINGLE_WORDS);
  if (shingles.length === 0) return undefined;
  const sig = new Uint32Array(NUM_HASHES);
  // One hash function at a time over all shingles keeps the running minimum in a local: about twice as fast as the other order.
  for (let i = 0; i < NUM_HASHES; i++) {
    const seed = SEEDS[i]!;
    let min = 0x7fffffff;
    for (let j = 0; j < shingles.length; j++) {
      const v = fmix32Signed(shingles[j]! ^ seed);
      if (v < min) min = v;
    }
    sig[i] = min >>> 0;
  }
  return sig;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Signature, b: Signature): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/**
 * One key per band: a 52-bit hash of the band's rows, safe as a JS number and
 * as an SQLite integer. Two signatures sharing a key at the same band are candidates.
 */
export function bandKeys(sig: Signature): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let hi = 0x3c6ef372 ^ band;
    let lo = 0xa54ff53a ^ band;
    for (let r = band * ROWS_PER_BAND; r < (band + 1) * ROWS_PER_BAND; r++) {
      hi = fmix32(Math.imul(hi ^ sig[r]!, 0x01000193));
      lo = fmix32(Math.imul(lo ^ sig[r]!, 0x811c9dc5 | 1) + 0x7f4a7c15);
    }
    keys.push((hi >>> 12) * 0x1_0000_0000 + lo);
  }
  return keys;
}

/** The signature as bytes for storage (little-endian uint32s), and back. */
export function signatureToBytes(sig: Signature): Buffer {
  const buf = Buffer.alloc(NUM_HASHES * 4);
  for (let i = 0; i < NUM_HASHES; i++) buf.writeUInt32LE(sig[i]!, i * 4);
  return buf;
}

export function signatureFromBytes(bytes: Uint8Array): Signature {
  if (bytes.length !== NUM_HASHES * 4) throw new Error(`minhash: a signature has ${NUM_HASHES * 4} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/**
 * An in-memory LSH index over numbered documents (0, 1, 2… in the order
 * added): add signatures, ask for the best match at or above the threshold.
 * Typed arrays and open addressing keep 100 k documents × 64 bands compact;
 * the SQLite store keeps the same band keys in a table instead.
 */
export class LshIndex {
  /** Open-addressing table from band key to the newest entry (document × BANDS + band) with that key. */
  private keys = new Float64Array(1 << 16);
  private heads = new Int32Array(1 << 16).fill(-1);
  private used = 0;
  /** Per entry, the previous entry with the same key (-1 at the end of the chain). */
  private next = new Int32Array(1 << 16);
  private signatures = new Uint32Array(NUM_HASHES * 1024);
  private count = 0;
  /** Per document, the lookup that last visited it, so a candidate reached through several bands is compared once. */
  private visited = new Int32Array(1024);
  private lookup = 0;

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const mask = this.heads.length - 1;
    let i = (key >>> 0) & mask;
    while (this.heads[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const { keys, heads } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.heads = new Int32Array(heads.length * 2).fill(-1);
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === -1) continue;
      const j = this.slot(keys[i]!);
      this.keys[j] = keys[i]!;
      this.heads[j] = heads[i]!;
    }
  }

  /** Visit each id sharing at least one band key with `sig`, once. */
  private forEachCandidate(sig: Signature, visit: (id: number) => void): void {
    const lookup = ++this.lookup;
    for (const key of bandKeys(sig)) {
      for (let entry = this.heads[this.slot(key)]!; entry !== -1; entry = this.next[entry]!) {
        const id = (entry / BANDS) | 0;
        if (this.visited[id] === lookup) continue;
        this.visited[id] = lookup;
        visit(id);
      }
    }
  }

  /** Ids sharing at least one band key with `sig`. */
  candidates(sig: Signature): Set<number> {
    const found = new Set<number>();
    this.forEachCandidate(sig, (id) => found.add(id));
    return found;
  }

  /** The signature stored for `id`. */
  signature(id: number): Signature {
    return this.signatures.subarray(id * NUM_HASHES, (id + 1) * NUM_HASHES);
  }

  /** The most similar indexed id with estimated Jaccard ≥ `threshold`, if any (the lowest id among equals). */
  bestMatch(sig: Signature, threshold = DUPLICATE_THRESHOLD): { id: number; similarity: number } | undefined {
    let bestId = -1;
    let bestSame = Math.ceil(threshold * NUM_HASHES) - 1;
    const all = this.signatures;
    this.forEachCandidate(sig, (id) => {
      let same = 0;
      for (let i = 0, o = id * NUM_HASHES; i < NUM_HASHES; i++, o++) if (all[o] === sig[i]) same++;
      if (same > bestSame || (same === bestSame && bestId !== -1 && id < bestId)) {
        bestSame = same;
        bestId = id;
      }
    });
    return bestId === -1 ? undefined : { id: bestId, similarity: bestSame / NUM_HASHES };
  }

  /** Index `sig`; returns its id. */
  add(sig: Signature): number {
    const id = this.count++;
    if (this.signatures.length < this.count * NUM_HASHES) {
      const grown = new Uint32Array(this.signatures.length * 2);
      grown.set(this.signatures);
      this.signatures = grown;
    }
    this.signatures.set(sig, id * NUM_HASHES);
    if (this.visited.length < this.count) {
      const grown = new Int32Array(this.visited.length * 2);
      grown.set(this.visited);
      this.visited = grown;
    }
    if (this.next.length < this.count * BANDS) {
      const grown = new Int32Array(this.next.length * 2);
      grown.set(this.next);
      this.next = grown;
    }
    bandKeys(sig).forEach((key, band) => {
      if ((this.used + 1) * 10 > this.heads.length * 7) this.grow();
      const i = this.slot(key);
      const entry = id * BANDS + band;
      if (this.heads[i] === -1) {
        this.used++;
        this.keys[i] = key;
        this.next[entry] = -1;
      } else {
        this.next[entry] = this.heads[i]!;
      }
      this.heads[i] = entry;
    });
    return id;
  }
}
