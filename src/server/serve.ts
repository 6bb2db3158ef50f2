// Starts the app on a port with @hono/node-server and resolves once it listens.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CompiledPack } from '../pack/compile.js';
import type { Store } from '../store/store.js';
import { createApp, type AppOptions } from './app.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';

export { DEFAULT_HOST, DEFAULT_PORT };

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serve `store` on host:port (port 0 picks a free one), e.g. `startServer(store, pack, { port: 0 })`. */
export async function startServer(
  store: Store,
  pack: CompiledPack,
  options: AppOptions & { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const { host = DEFAULT_HOST, port = DEFAULT_PORT, ...appOptions } = options;
  const app = createApp(store, pack, appOptions);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    port: address.port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
