// Where `parley serve` listens unless told otherwise; apart from serve.ts so the CLI can name them without loading the server.
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
