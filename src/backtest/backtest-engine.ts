import { TestClock } from '../core/clock.js';
import type { LogLevel } from '../common/logger.js';
import type { Bar } from '../model/data/bar.js';
import { venueOf, type InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import type { RoundTrip } from '../portfolio/round-trip.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Strategy } from '../strategy/strategy.js';
import { Kernel } from '../system/kernel.js';
import { BarVenue } from './bar-venue.js';
import { BarMergeIterator } from './data-iterator.js';
import { EquityRecorder, type EquitySeries } from './equity-recorder.js';
import { FillLog } from './fill-log.js';
import { FillMode } from './fill-mode.js';

export interface BacktestConfig {
  /** Account currency; every instrument must be quoted in it. */
  readonly currency: Currency;
  /** Starting cash in `currency`, as a decimal number. */
  readonly startingCash: number;
  readonly fillMode?: FillMode;
  readonly commissionBps?: number;
  readonly slippageBps?: number;
  readonly logLevel?: LogLevel;
  readonly logSink?: (line: string) => void;
  /** Called every `progressInterval` bars and at the end, e.g. to draw a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressInterval?: number;
  /** Keep filled and canceled orders in the cache for the whole run (default false). */
  readonly retainClosedOrders?: boolean;
}

export interface BacktestResult {
  readonly currency: Currency;
  readonly startingCashRaw: number;
  readonly barsProcessed: number;
  readonly equity: EquitySeries;
  readonly fills: FillLog;
  readonly roundTrips: readonly RoundTrip[];
  readonly portfolio: Portfolio;
}

/**
 * Runs strategies over historical bars through the real kernel: a {@link TestClock}
 * that steps to each bar's time, a simulated {@link BarVenue} per venue, and the same
 * order, fill and portfolio path as paper and live trading.
 *
 * For each bar, in time order (instruments merged by timestamp):
 * 1. the clock moves to the bar's time;
 * 2. the venue executes working orders of that instrument against the bar;
 * 3. the kernel hands the bar to strategies (indicators first, then `onBar`);
 * 4. the venue accepts orders submitted meanwhile (and fills market orders at the close in `close` mode).
 * After the last bar of each timestamp, equity is recorded.
 */
export class BacktestEngine {
  readonly clock = new TestClock();
  readonly kernel: Kernel;
  readonly #config: BacktestConfig;
  readonly #streams: Bar[][] = [];
  readonly #fills: FillLog;
  readonly #venues = new Map<string, BarVenue>();
  readonly #startingCash: Money;

  constructor(config: BacktestConfig) {
    this.#config = config;
    this.#startingCash = Money.fromNumber(config.startingCash, config.currency);
    this.kernel = new Kernel({
      environment: 'backtest',
      clock: this.clock,
      accountCurrency: config.currency,
      startingCash: this.#startingCash,
      logLevel: config.logLevel,
      logSink: config.logSink,
      retainClosedOrders: config.retainClosedOrders ?? false,
    });
    this.#fills = new FillLog(config.currency);
    this.kernel.execution.fills.subscribe((fill) => this.#fills.record(fill));
  }

  addInstrument(instrument: Instrument): void {
    if (instrument.quoteCurrency.code !== this.#config.currency.code) {
      throw new RangeError(
        `instrument ${instrument.id} is quoted in ${instrument.quoteCurrency.code}, the account in ${this.#config.currency.code}`,
      );
    }
    this.kernel.addInstrument(instrument);
    const venue = venueOf(instrument.id);
    if (!this.#venues.has(venue)) {
      const client = new BarVenue(
        {
          venue,
          fillMode: this.#config.fillMode ?? FillMode.NEXT_OPEN,
          commissionBps: this.#config.commissionBps ?? 0,
          slippageBps: this.#config.slippageBps ?? 0,
          currency: this.#config.currency,
        },
        this.clock,
        this.kernel.cache,
      );
      this.#venues.set(venue, client);
      this.kernel.addExecutionClient(client);
    }
  }

  /** Adds one instrument's bars, sorted by time (the CSV reader guarantees it); the instrument must be added first. */
  addBars(bars: Bar[]): void {
    if (bars.length === 0) return;
    const id = bars[0].instrumentId;
    if (this.kernel.cache.instrument(id) === undefined) {
      throw new RangeError(`bars for ${id}, which was never added as an instrument`);
    }
    for (let i = 1; i < bars.length; i++) {
      if (bars[i].instrumentId !== id) {
        throw new RangeError(
          `addBars takes one instrument's bars: ${bars[i].instrumentId} among bars of ${id}`,
        );
      }
    }
    this.#streams.push(bars);
  }

  addStrategy(strategy: Strategy<object>, instruments?: readonly InstrumentId[]): void {
    this.kernel.addStrategy(strategy, instruments);
  }

  run(): BacktestResult {
    const kernel = this.kernel;
    const iterator = new BarMergeIterator(this.#streams);
    const total = iterator.total;
    const equity = new EquityRecorder(kernel.portfolio, total);
    const venueByInstrument = new Map<InstrumentId, BarVenue>();
    for (const instrument of kernel.cache.instruments()) {
      venueByInstrument.set(instrument.id, this.#venues.get(venueOf(instrument.id))!);
    }
    const venues = [...this.#venues.values()];
    const data = kernel.data;
    const routes = this.#streams.map((stream) => data.barRoute(stream[0].instrumentId));
    // With one venue (the usual case) every bar goes to it: no lookup per bar.
    const onlyVenue = venues.length === 1 ? venues[0] : undefined;
    const { onProgress } = this.#config;
    const interval = this.#config.progressInterval ?? 65_536;

    kernel.start();
    this.#flush(venues);
    let currentTs = NaN;
    let done = 0;
    for (let bar = iterator.next(); bar !== undefined; bar = iterator.next()) {
      if (bar.tsEvent !== currentTs) {
        if (done > 0) equity.record(currentTs);
        currentTs = bar.tsEvent;
        this.clock.setTime(currentTs);
      }
      const venue = onlyVenue ?? venueByInstrument.get(bar.instrumentId);
      venue!.processBar(bar);
      // Each stream holds one instrument: dispatch through its route, without a lookup.
      data.processRoutedBar(routes[iterator.lastStream], bar);
      if (onlyVenue !== undefined) onlyVenue.afterBar();
      else this.#flush(venues);
      if (++done % interval === 0) onProgress?.(done, total);
    }
    if (done > 0) equity.record(currentTs);
    kernel.stop();
    this.#flush(venues);
    onProgress?.(done, total);

    return {
      currency: this.#config.currency,
      startingCashRaw: this.#startingCash.raw,
      barsProcessed: done,
      equity: equity.series(),
      fills: this.#fills,
      roundTrips: kernel.portfolio.roundTrips,
      portfolio: kernel.portfolio,
    };
  }

  #flush(venues: readonly BarVenue[]): void {
    for (const venue of venues) venue.afterBar();
  }
}
