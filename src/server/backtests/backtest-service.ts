/**
 * Backtests run on behalf of API clients. The routes depend on the {@link BacktestService}
 * interface only; {@link InProcessBacktestService} is the implementation that queues jobs and runs
 * them one at a time through a {@link BacktestRunner} (for instance {@link workerBacktestRunner},
 * which keeps the node's event loop free by running each job in a worker thread).
 */
import type { Clock } from '../../core/clock.js';
import type { PerformanceMetrics } from '../../portfolio/metrics/performance-metrics.js';
import type { BacktestReportData } from '../../backtest/report/report-types.js';
import type { RunSummary } from '../../backtest/run-outputs.js';

/** What a client asks to run. */
export interface BacktestRequest {
  /** Strategy name (a built-in: `sma-cross`, `rsi-reversion`, `breakout`; or what the runner knows). */
  readonly strategy: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  /** Bar CSV files, relative to the runner's data folder. */
  readonly data: readonly string[];
  /** Starting cash (default: the runner's). */
  readonly cash?: number;
}

/** What a finished run gives. */
export interface BacktestOutcome {
  readonly metrics: PerformanceMetrics;
  readonly summary: RunSummary;
  /** The self-contained HTML report. */
  readonly reportHtml: string;
  /** The report's data (equity, drawdown, trades, …), which the dashboard's report page draws. */
  readonly report?: BacktestReportData;
}

/** Runs one backtest. Rejects with an Error whose message is shown to the client on bad input. */
export type BacktestRunner = (request: BacktestRequest) => Promise<BacktestOutcome>;

export const BacktestStatus = {
  QUEUED: 'queued',
  RUNNING: 'running',
  DONE: 'done',
  FAILED: 'failed',
} as const;
export type BacktestStatus = (typeof BacktestStatus)[keyof typeof BacktestStatus];

/** A job as the API shows it. */
export interface BacktestJobView {
  readonly id: string;
  readonly status: BacktestStatus;
  readonly request: BacktestRequest;
  readonly submittedUs: number;
  readonly startedUs?: number;
  readonly finishedUs?: number;
  /** Why it failed. */
  readonly error?: string;
  readonly metrics?: PerformanceMetrics;
  readonly summary?: RunSummary;
  /** The report's data, when the runner gave it; only from `get` (lists stay small). */
  readonly report?: BacktestReportData;
}

/** A run that finished elsewhere (e.g. `quantflow backtest --serve`), to be listed with the rest. */
export interface FinishedBacktest {
  readonly request: BacktestRequest;
  readonly outcome: BacktestOutcome;
  /** When it started and finished (default: now, for both). */
  readonly startedUs?: number;
  readonly finishedUs?: number;
}

/** What the backtest routes need. */
export interface BacktestService {
  /** Queues a run; returns its id at once. */
  submit(request: BacktestRequest): { id: string };
  /** Every job kept, newest first. */
  list(): BacktestJobView[];
  get(id: string): BacktestJobView | undefined;
  /** The HTML report of a finished job (undefined: unknown job or not done). */
  report(id: string): string | undefined;
}

interface Job {
  view: BacktestJobView;
  report: string | undefined;
  reportData?: BacktestReportData;
}

/**
 * Queues jobs and runs them one after the other with `run`. Keeps the last `keep` jobs (default
 * 100): older finished ones and their reports are forgotten.
 */
export class InProcessBacktestService implements BacktestService {
  readonly #jobs = new Map<string, Job>();
  readonly #queue: string[] = [];
  readonly #clock: Clock;
  readonly #run: BacktestRunner;
  readonly #keep: number;
  #sequence = 0;
  #running = false;
  /** Settles when the queue is empty (for tests and shutdown). */
  #idle: Promise<void> = Promise.resolve();
  #resolveIdle: (() => void) | undefined;

  constructor(options: { clock: Clock; run: BacktestRunner; keep?: number }) {
    this.#clock = options.clock;
    this.#run = options.run;
    this.#keep = options.keep ?? 100;
  }

  submit(request: BacktestRequest): { id: string } {
    const id = this.#nextId();
    this.#jobs.set(id, {
      view: { id, status: BacktestStatus.QUEUED, request, submittedUs: this.#clock.timestampUs() },
      report: undefined,
    });
    this.#queue.push(id);
    this.#forgetOld();
    if (!this.#running) {
      this.#idle = new Promise((resolve) => (this.#resolveIdle = resolve));
      void this.#drain();
    }
    return { id };
  }

  /**
   * Lists a run that finished outside this service as a `done` job with the next id, its outcome
   * (metrics, summary, report) kept as given. Nothing runs; the queue is untouched.
   */
  addFinished(run: FinishedBacktest): { id: string } {
    const now = this.#clock.timestampUs();
    const startedUs = run.startedUs ?? now;
    const id = this.#nextId();
    this.#jobs.set(id, {
      view: {
        id,
        status: BacktestStatus.DONE,
        request: run.request,
        submittedUs: startedUs,
        startedUs,
        finishedUs: run.finishedUs ?? now,
        metrics: run.outcome.metrics,
        summary: run.outcome.summary,
      },
      report: run.outcome.reportHtml,
      ...(run.outcome.report === undefined ? {} : { reportData: run.outcome.report }),
    });
    this.#forgetOld();
    return { id };
  }

  list(): BacktestJobView[] {
    return [...this.#jobs.values()].map((j) => j.view).reverse();
  }

  get(id: string): BacktestJobView | undefined {
    const job = this.#jobs.get(id);
    if (job === undefined) return undefined;
    return job.reportData === undefined ? job.view : { ...job.view, report: job.reportData };
  }

  report(id: string): string | undefined {
    return this.#jobs.get(id)?.report;
  }

  /** Resolves once every queued job has finished. */
  whenIdle(): Promise<void> {
    return this.#idle;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (let id = this.#queue.shift(); id !== undefined; id = this.#queue.shift()) {
        const job = this.#jobs.get(id);
        if (job === undefined) continue;
        job.view = { ...job.view, status: BacktestStatus.RUNNING, startedUs: this.#clock.timestampUs() };
        try {
          const outcome = await this.#run(job.view.request);
          job.view = {
            ...job.view,
            status: BacktestStatus.DONE,
            finishedUs: this.#clock.timestampUs(),
            metrics: outcome.metrics,
            summary: outcome.summary,
          };
          job.report = outcome.reportHtml;
          if (outcome.report !== undefined) job.reportData = outcome.report;
        } catch (error) {
          job.view = {
            ...job.view,
            status: BacktestStatus.FAILED,
            finishedUs: this.#clock.timestampUs(),
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }
    } finally {
      this.#running = false;
      this.#resolveIdle?.();
    }
  }

  #nextId(): string {
    return `BT-${String(++this.#sequence).padStart(6, '0')}`;
  }

  #forgetOld(): void {
    for (const [id, job] of this.#jobs) {
      if (this.#jobs.size <= this.#keep) return;
      if (job.view.status === BacktestStatus.DONE || job.view.status === BacktestStatus.FAILED)
        this.#jobs.delete(id);
    }
  }
}
