// A lookup from a string to its position in a list, built in one pass over the
// list. For the tens of thousands of keys of wink's lexicon or the decider's
// weights it is built several times faster than an object or a Map with those
// keys (V8 interns and hashes each key of those at insertion, and grows the
// table as it goes) and looks up about as fast, so a one-file run does not pay
// for a table it reads a few hundred times.

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class StringIndex {
  /** Open addressing with linear probing; a slot holds position + 1, 0 when empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * Index `keys` as they are now; for a repeated key the last position wins, as on an object.
   * `slots` is the table of an earlier index over the same keys (`slotTable`), e.g. from a cache.
   */
  constructor(
    private readonly keys: readonly string[],
    slots?: Int32Array,
  ) {
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    this.mask = size - 1;
    if (slots) {
      if (slots.length !== size) throw new Error(`string index: ${slots.length} slots for ${keys.length} keys`);
      this.slots = slots;
      return;
    }
    this.slots = new Int32Array(size);
    for (let position = 0; position < keys.length; position++) {
      const key = keys[position]!;
      let slot = hashOf(key) & this.mask;
      while (this.slots[slot] !== 0 && keys[this.slots[slot]! - 1] !== key) slot = (slot + 1) & this.mask;
      this.slots[slot] = position + 1;
    }
  }

  /** The table, to rebuild this index without hashing every key again. */
  get slotTable(): Int32Array {
    return this.slots;
  }

  /** The position of `key` in the list, or -1: `new StringIndex(['a', 'b']).indexOf('b')` is 1. */
  indexOf(key: string): number {
    let slot = hashOf(key) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      if (this.keys[entry - 1] === key) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * An object-like `Record<string, number>` over an indexed list, for a library
 * that reads and adds keys with `hash[key]` (wink's lexeme hash). It is an
 * ordinary object whose prototype looks keys up in the StringIndex: a key found
 * there is copied onto the object, so the words a text repeats are read as own
 * properties, without the Proxy and the hashing in code, which were a sixth of
 * segmentation; keys added later are own properties too, and shadow the index.
 */
export function indexRecord(index: StringIndex): Record<string, number> {
  const lookup = new Proxy(Object.create(null) as Record<string, number>, {
    get: (_target, key, receiver: object) => {
      if (typeof key !== 'string') return undefined;
      const position = index.indexOf(key);
      if (position < 0) return undefined;
      Object.defineProperty(receiver, key, { value: position, writable: true, enumerable: true, configurable: true });
      return position;
    },
    has: (_target, key) => typeof key === 'string' && index.indexOf(key) >= 0,
  });
  // Assignments land on the object itself: the Proxy has no set trap, so its target's ordinary [[Set]] defines the key on the receiver.
  return Object.create(lookup) as Record<string, number>;
}
