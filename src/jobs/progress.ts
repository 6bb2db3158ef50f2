// Progress on stderr: a redrawn bar on a terminal, sparse lines otherwise.
export interface Progress {
  tick(label?: string): void;
  done(): void;
}

const BAR_WIDTH = 24;

/** A progress counter for `total` items, e.g. `ingest [#####     ] 12/24 3.1 docs/s`. */
export function progress(what: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let count = 0;
  let lastLine = 0;
  const tty = stream.isTTY === true;
  const render = (): string => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const filled = total > 0 ? Math.round((count / total) * BAR_WIDTH) : BAR_WIDTH;
    return `${what} [${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${count}/${total} ${(count / seconds).toFixed(1)}/s`;
  };
  return {
    tick() {
      count++;
      if (tty) stream.write(`\r${render()}`);
      else if (Date.now() - lastLine > 2000 || count === total) {
        lastLine = Date.now();
        stream.write(`${render()}\n`);
      }
    },
    done() {
      if (tty) stream.write(`\r${render()}\n`);
    },
  };
}
