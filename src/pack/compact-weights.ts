// The decider's weights as the pack cache keeps them: the feature names as one
// string, the weights as one Float64Array (three per feature) and the slot
// table of a StringIndex over the names, both in base64. Parsing the model's
// 24 k-key weights object and building a Map from it was a fifth of a one-file
// `parley extract`; this form parses as three strings and needs no hashing.
import type { DeciderModel, WeightLookup } from '../pipeline/decide/model.js';
import { useWeightLookup } from '../pipeline/decide/model.js';
import { StringIndex } from '../util/string-index.js';

type Weights = DeciderModel['weights'];
type ClassWeights = readonly [number, number, number];

const SEPARATOR = '\n';

/** The weights in the cache's form: names joined by newlines, their weights per class and the names' index slots as base64. */
export interface CompactWeights {
  readonly names: string;
  readonly values: string;
  readonly slots: string;
}

const base64Of = (array: Float64Array | Int32Array): string => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** `{ a: [1, 2, 3] }` → `{ names: 'a', values: <base64 of 1, 2, 3>, slots }`; the numbers round-trip bit for bit. Null when a name holds a newline. */
export function compactWeights(weights: Weights): CompactWeights | null {
  const names = Object.keys(weights);
  if (names.some((name) => name.includes(SEPARATOR))) return null;
  const values = new Float64Array(names.length * 3);
  names.forEach((name, i) => values.set(weights[name]!, i * 3));
  return { names: names.join(SEPARATOR), values: base64Of(values), slots: base64Of(new StringIndex(names).slotTable) };
}

/** The bytes of a base64 string in a typed array of its own. */
function decoded<T extends Float64Array | Int32Array>(base64: string, make: (bytes: number) => T, what: string): T {
  const bytes = Buffer.from(base64, 'base64');
  const width = make(0).BYTES_PER_ELEMENT;
  if (bytes.length % width !== 0) throw new Error(`compact weights: ${what} is not whole`);
  const array = make(bytes.length / width);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}

/** A weights record over the compact form: it reads like the object (keys, entries, `w[name]`) and the decider looks it up without a Map. */
export function expandWeights(compact: CompactWeights): Weights {
  const names = compact.names === '' ? [] : compact.names.split(SEPARATOR);
  const values = decoded(compact.values, (n) => new Float64Array(n), 'values');
  if (values.length !== names.length * 3) throw new Error('compact weights: the names and the weights differ in number');
  const index = new StringIndex(names, decoded(compact.slots, (n) => new Int32Array(n), 'slots'));
  const tuples: (ClassWeights | undefined)[] = new Array<ClassWeights | undefined>(names.length);
  const lookup: WeightLookup = {
    get(name) {
      const i = index.indexOf(name);
      if (i < 0) return undefined;
      return (tuples[i] ??= [values[i * 3]!, values[i * 3 + 1]!, values[i * 3 + 2]!]);
    },
  };
  const record = new Proxy(Object.create(null) as Weights, {
    get: (_target, key) => (typeof key === 'string' ? lookup.get(key) : undefined),
    has: (_target, key) => typeof key === 'string' && index.indexOf(key) >= 0,
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (_target, key) => {
      const value = typeof key === 'string' ? lookup.get(key) : undefined;
      return value ? { value, writable: false, enumerable: true, configurable: true } : undefined;
    },
    set: () => false,
    deleteProperty: () => false,
  });
  useWeightLookup(record, lookup);
  return record;
}
