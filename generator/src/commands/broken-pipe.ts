/**
 * End quietly when the reader of stdout or stderr goes away (`talk-contract diff | head -1`): an EPIPE is not an
 * error of the command, so the process exits with the code it would have had (0 unless set), without a stack
 * trace. Any other stream error is reported in one line and exits 1. Call once at start-up.
 *
 * @example
 * ```ts
 * endQuietlyOnBrokenPipe();
 * process.stdout.write(report); // `| head -1` no longer crashes the CLI
 * ```
 */
export function endQuietlyOnBrokenPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
        // Nothing more can be written; the code the command chose (or 0) stands.
        process.exit(process.exitCode ?? 0);
      }
      try {
        process.stderr.write(`talk-contract: cannot write output: ${error.message}\n`);
      } finally {
        process.exit(1);
      }
    });
  }
}
