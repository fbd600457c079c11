import { Presets, SingleBar } from 'cli-progress';
import { formatTimestampUs } from '../core/clock.js';
import type { DownloadProgress } from '../data/download/history-download.js';

/**
 * The progress bar of `data download`: one bar per instrument on stderr, by time reached in the
 * requested range, drawn only when stderr is a terminal (files and pipes get the summary lines
 * alone, never control characters).
 */
export function downloadProgress(enabled: boolean): {
  onProgress?: (progress: DownloadProgress) => void;
  finish(): void;
} {
  if (!enabled || !process.stderr.isTTY) return { finish() {} };
  let bar: SingleBar | undefined;
  let current: string | undefined;
  // Minutes keep the numbers small enough for the bar's arithmetic and fine enough to move.
  const minutes = (us: number): number => Math.floor(us / 60_000_000);
  return {
    onProgress(p) {
      if (current !== p.instrumentId) {
        bar?.stop();
        current = p.instrumentId;
        bar = new SingleBar(
          {
            stream: process.stderr,
            format: `${p.instrumentId} [{bar}] {percentage}% | {reached} | {bars} bars | eta {eta_formatted}`,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(Math.max(1, minutes(p.toUs - p.fromUs)), 0, { reached: '', bars: 0 });
      }
      bar?.update(minutes(p.reachedUs - p.fromUs), { reached: formatTimestampUs(p.reachedUs), bars: p.bars });
    },
    finish() {
      bar?.stop();
      bar = undefined;
      current = undefined;
    },
  };
}
