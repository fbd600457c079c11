/**
 * The simulator's records as CSV text (columns documented in docs/simulator.md). Pure
 * formatting: the caller supplies where each file's text goes, so long runs stream to disk in
 * chunks and nothing here touches the file system.
 */
import { ticksToMoney } from './money.js';
import type { L2Snapshot, L3Record, PopulationResult, SimTrade, SimulationRecorder } from './sim-types.js';

/** `trades.csv` header: the edge format's `timestamp,price,size,side` first, then who traded. */
export const TRADES_HEADER =
  'timestamp,price,size,side,trade_id,maker_agent,taker_agent,maker_order,taker_order';

/** `l3.csv` header. */
export const L3_HEADER =
  'timestamp,event,order_id,agent,side,type,price,quantity,other_order,other_agent,reason';

/** `book.csv` header for `levels` levels a side: bid_price_1,bid_size_1,...,ask_price_1,ask_size_1,... */
export function bookHeader(levels: number): string {
  const columns = ['timestamp'];
  for (const side of ['bid', 'ask']) {
    for (let i = 1; i <= levels; i++) columns.push(`${side}_price_${i}`, `${side}_size_${i}`);
  }
  return columns.join(',');
}

/** One trades.csv line (no newline). */
export function tradeLine(t: SimTrade): string {
  return `${t.time},${t.price},${t.quantity},${t.aggressor},${t.tradeId},${t.makerAgent},${t.takerAgent},${t.makerOrder},${t.takerOrder}`;
}

/** One book.csv line; missing levels are empty cells. */
export function bookLine(s: L2Snapshot, levels: number): string {
  let line = String(s.time);
  for (const side of [s.bids, s.asks]) {
    for (let i = 0; i < levels; i++) {
      const level = side[i];
      line += level === undefined ? ',,' : `,${level.price},${level.quantity}`;
    }
  }
  return line;
}

/** One l3.csv line. */
export function l3Line(r: L3Record): string {
  const cell = (v: string | number | undefined): string => (v === undefined ? '' : String(v));
  return [
    r.time,
    r.event,
    r.orderId,
    r.agent,
    cell(r.side),
    cell(r.orderType),
    cell(r.price),
    cell(r.quantity),
    cell(r.otherOrder),
    cell(r.otherAgent),
    cell(r.reason),
  ].join(',');
}

/** Where each file's text goes (called with whole lines, header first). */
export interface CsvSinks {
  readonly trades: (text: string) => void;
  readonly book: (text: string) => void;
  readonly l3?: (text: string) => void;
}

/**
 * A {@link SimulationRecorder} that writes trades.csv, book.csv and (optionally) l3.csv text to
 * sinks, in chunks of about `chunkChars` characters. Call {@link flush} at the end.
 */
export class CsvRecorder implements SimulationRecorder {
  readonly #sinks: CsvSinks;
  readonly #levels: number;
  readonly #chunk: number;
  #trades: string[] = [];
  #book: string[] = [];
  #l3: string[] = [];
  #tradeChars = 0;
  #bookChars = 0;
  #l3Chars = 0;
  readonly l3: ((record: L3Record) => void) | undefined;

  constructor(sinks: CsvSinks, levels: number, chunkChars = 1 << 16) {
    this.#sinks = sinks;
    this.#levels = levels;
    this.#chunk = chunkChars;
    sinks.trades(TRADES_HEADER + '\n');
    sinks.book(bookHeader(levels) + '\n');
    const l3Sink = sinks.l3;
    if (l3Sink !== undefined) {
      l3Sink(L3_HEADER + '\n');
      this.l3 = (record) => {
        const line = l3Line(record);
        this.#l3.push(line);
        this.#l3Chars += line.length + 1;
        if (this.#l3Chars >= this.#chunk) this.#flushL3(l3Sink);
      };
    }
  }

  trade(trade: SimTrade): void {
    const line = tradeLine(trade);
    this.#trades.push(line);
    this.#tradeChars += line.length + 1;
    if (this.#tradeChars >= this.#chunk) this.#flushTrades();
  }

  snapshot(snapshot: L2Snapshot): void {
    const line = bookLine(snapshot, this.#levels);
    this.#book.push(line);
    this.#bookChars += line.length + 1;
    if (this.#bookChars >= this.#chunk) this.#flushBook();
  }

  /** Writes whatever is buffered. */
  flush(): void {
    this.#flushTrades();
    this.#flushBook();
    if (this.#sinks.l3 !== undefined) this.#flushL3(this.#sinks.l3);
  }

  #flushTrades(): void {
    if (this.#trades.length > 0) this.#sinks.trades(this.#trades.join('\n') + '\n');
    this.#trades = [];
    this.#tradeChars = 0;
  }

  #flushBook(): void {
    if (this.#book.length > 0) this.#sinks.book(this.#book.join('\n') + '\n');
    this.#book = [];
    this.#bookChars = 0;
  }

  #flushL3(sink: (text: string) => void): void {
    if (this.#l3.length > 0) sink(this.#l3.join('\n') + '\n');
    this.#l3 = [];
    this.#l3Chars = 0;
  }
}

/** `agents.csv`: one line per population. */
export function formatPopulationsCsv(
  populations: readonly PopulationResult[],
  money: { readonly tickSize: number; readonly lotSize: number },
): string {
  const header =
    'population,kind,agents,orders,fills,maker_volume,taker_volume,bought,sold,final_position,max_abs_position,cash_ticks,pnl_ticks,pnl';
  const lines = populations.map((p) =>
    [
      p.population,
      p.kind,
      p.agents,
      p.ordersSubmitted,
      p.fills,
      p.makerVolume,
      p.takerVolume,
      p.boughtVolume,
      p.soldVolume,
      p.finalPosition,
      p.maxAbsPosition,
      p.cash,
      p.pnlTicks,
      ticksToMoney(p.pnlTicks, money.tickSize, money.lotSize),
    ].join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
