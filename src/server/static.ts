// The dashboard's files. Only a fixed list of names is served, read once from
// the build folder, so no request path ever reaches the file system.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the dashboard; the same path from src/server (tests) and dist/server. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

export interface StaticFile {
  readonly body: Uint8Array;
  readonly type: string;
}

/** Load the dashboard files from `root`; a missing index.html is an error naming the folder. */
export function loadWebFiles(root: string = WEB_ROOT): Map<string, StaticFile> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}: no index.html (run npm run build first)`);
  const files = new Map<string, StaticFile>();
  for (const [name, type] of Object.entries(FILES)) {
    const path = join(root, name);
    if (existsSync(path)) files.set(`/${name}`, { body: readFileSync(path), type });
  }
  files.set('/', files.get('/index.html')!);
  return files;
}
