/** The largest delay `setTimeout` takes (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves on SIGINT (Ctrl-C) or SIGTERM, or once `durationUs` has passed when given: how the
 * long-running commands (`paper`, `serve`, `backtest --serve`) wait. Removes its listeners and
 * timer when it resolves, so the caller can close what it opened and let the process exit.
 */
export async function untilStopped(durationUs?: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  // Durations past the timer limit (`--duration 30d`) wait in steps.
  const wait = (ms: number): void => {
    timer = setTimeout(
      () => (ms > MAX_TIMER_MS ? wait(ms - MAX_TIMER_MS) : stop()),
      Math.min(ms, MAX_TIMER_MS),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (durationUs !== undefined) wait(durationUs / 1000);
  try {
    await stopped;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
