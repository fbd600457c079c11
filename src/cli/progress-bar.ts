import { SingleBar, Presets } from 'cli-progress';

/** Runs shorter than this many bars finish too fast to need a progress bar. */
const MIN_BARS = 200_000;

/**
 * A progress callback for long backtests that draws a bar on stderr, only when stderr is
 * a terminal (so files and pipes never receive control characters).
 */
export function progressReporter(enabled: boolean): {
  onProgress?: (done: number, total: number) => void;
  finish(): void;
} {
  if (!enabled || !process.stderr.isTTY) return { finish() {} };
  let bar: SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (total < MIN_BARS) return;
      if (bar === undefined) {
        bar = new SingleBar(
          {
            stream: process.stderr,
            format: 'backtest [{bar}] {percentage}% | {value}/{total} bars | eta {eta}s',
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    finish() {
      bar?.stop();
    },
  };
}
