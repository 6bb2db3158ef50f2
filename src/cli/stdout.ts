// A closed stdout (`parley extract … | head -3`) ends the command quietly with
// exit 0, as Unix tools do, instead of an unhandled EPIPE stack trace.

/** Exit 0 at the first EPIPE on stdout; any other write error still surfaces. */
export function endQuietlyOnClosedStdout(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
