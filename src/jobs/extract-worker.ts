// One extraction thread of `parley ingest --jobs N`: it compiles the pack once
// (from the pack cache) and loads wink's model, then cleans, extracts and screens
// each document the main thread sends and posts the result back. It never touches
// the store.
import { parentPort, workerData } from 'node:worker_threads';
import { getPack } from '../pack/compile.js';
import { getNlp } from '../pipeline/segment/segment.js';
import type { SourceDocument } from '../pipeline/types.js';
import { analyseSource } from './analyse-source.js';
import type { ExtractRequest, ExtractResponse, ExtractWorkerData } from './extract-pool.js';

const { packDir, withModel } = workerData as ExtractWorkerData;
const compiled = getPack(packDir);
// wink's model loads now, while the main thread is still reading the first inputs.
getNlp();
// A pack handed in without its model is run without it here too.
const pack = withModel ? compiled : { ...compiled, model: undefined };

parentPort!.on('message', ({ id, source }: ExtractRequest & { source: SourceDocument }) => {
  let response: ExtractResponse;
  try {
    response = { id, analysed: analyseSource(source, pack) };
  } catch (err) {
    response = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(response);
});
