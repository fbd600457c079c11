/**
 * The agent-based market simulator: a discrete-event loop (integer µs, a priority queue of
 * scheduled actions, ties broken by scheduling order) driving one order book. Agents act only
 * from their wake-ups; after each book command the simulator books the trades (accounts, trade
 * history, recorder) and then tells the agents concerned. Same seed and configuration → the same
 * run, bit for bit.
 */
import { BookSide, SelfTradePrevention, type BookEvent, type MatchingBook } from '../book/book-types.js';
import type { AgentFill, AgentOrder, MarketContext, SimAgent } from './agent.js';
import { secondsToUs, type SimulationConfig } from './config.js';
import { TimedQueue } from '../../core/timed-queue.js';
import { STREAM, streamRandom } from './seeds.js';
import type {
  AgentResult,
  BookFactory,
  L3Record,
  PopulationResult,
  SimTrade,
  SimulationRecorder,
  SimulationSummary,
} from './sim-types.js';
import { TradeHistory } from './trade-history.js';

/** What a run needs besides the configuration. */
export interface SimulationOptions {
  readonly config: SimulationConfig;
  /** Makes the book (pass the fast `OrderBook` for real runs). */
  readonly bookFactory: BookFactory;
  /** Length of the run in µs (> 0). */
  readonly durationUs: number;
  /** The participants, owner ids 1..n in this order (see `buildPopulationAgents`), strategies last. */
  readonly agents: readonly SimAgent[];
  /** How far back (µs) `tradePriceAt` must answer (the longest lookback of any agent). */
  readonly historyUs?: number;
  /** Receives trades, snapshots and (when `config.l3`) L3 records as they happen. */
  readonly recorder?: SimulationRecorder;
}

interface Account {
  cash: number;
  position: number;
  maxAbsPosition: number;
  ordersSubmitted: number;
  fills: number;
  makerVolume: number;
  takerVolume: number;
  boughtVolume: number;
  soldVolume: number;
}

type Notice =
  | { readonly kind: 'fill'; readonly agent: SimAgent; readonly fill: AgentFill }
  | { readonly kind: 'closed'; readonly agent: SimAgent; readonly orderId: number; readonly reason: string };

/**
 * Runs a simulation to its end and returns the summary. Records go to `options.recorder` as
 * they happen.
 */
export function runSimulation(options: SimulationOptions): SimulationSummary {
  return new MarketSimulator(options).run();
}

/** One run. Use {@link runSimulation}; the class is the {@link MarketContext} its agents see. */
export class MarketSimulator implements MarketContext {
  readonly startTime: number;
  readonly endTime: number;
  readonly book: MatchingBook;

  readonly #config: SimulationConfig;
  readonly #agents: readonly SimAgent[];
  readonly #accounts: Account[];
  readonly #openOrders: Set<number>[];
  /** Live order id → index of its agent. */
  readonly #orderAgent = new Map<number, number>();
  readonly #queue = new TimedQueue<() => void>();
  readonly #history: TradeHistory;
  readonly #recorder: SimulationRecorder | undefined;
  readonly #recordL3: boolean;

  #now: number;
  #nextOrderId = 1;
  #fundamental: number;
  /** Events of the command in progress, delivered by the book when it finishes. */
  #events: BookEvent[] = [];
  /** The order being submitted (for L3 `accepted` records). */
  #submitting: { id: number; agent: number; order: AgentOrder } | undefined;
  #notifying = false;
  #ran = false;

  #trades = 0;
  #volume = 0;
  #firstTradePrice: number | undefined;
  #snapshots = 0;
  #twoSided = 0;
  #spreadSum = 0;

  constructor(options: SimulationOptions) {
    const { config, durationUs } = options;
    if (!Number.isSafeInteger(durationUs) || durationUs <= 0)
      throw new Error(`durationUs must be a positive safe integer, got ${durationUs}`);
    this.#config = config;
    this.startTime = config.startTime;
    this.endTime = config.startTime + durationUs;
    this.#now = config.startTime;
    this.#fundamental = config.initialPrice;
    this.#agents = options.agents;
    this.#accounts = options.agents.map(() => ({
      cash: 0,
      position: 0,
      maxAbsPosition: 0,
      ordersSubmitted: 0,
      fills: 0,
      makerVolume: 0,
      takerVolume: 0,
      boughtVolume: 0,
      soldVolume: 0,
    }));
    this.#openOrders = options.agents.map(() => new Set<number>());
    options.agents.forEach((agent, i) => (agent.id = i + 1));
    this.#history = new TradeHistory(Math.max(options.historyUs ?? 0, 1_000_000));
    this.#recorder = options.recorder;
    this.#recordL3 = config.l3 && options.recorder?.l3 !== undefined;
    this.book = options.bookFactory({
      tickSize: 1,
      lotSize: 1,
      onEvents: (events) => {
        for (const e of events) this.#events.push(e);
      },
    });
  }

  get now(): number {
    return this.#now;
  }

  /** Runs the whole session (once). */
  run(): SimulationSummary {
    if (this.#ran) throw new Error('a MarketSimulator runs once');
    this.#ran = true;
    const config = this.#config;
    this.#scheduleFundamental(secondsToUs(config.fundamental.step), config.fundamental.volatility);
    this.#scheduleSnapshots(secondsToUs(config.snapshots.interval), config.snapshots.levels);
    for (const agent of this.#agents) agent.start(this);

    const queue = this.#queue;
    const end = this.endTime;
    for (let time = queue.peekTime(); time !== undefined && time <= end; time = queue.peekTime()) {
      const action = queue.pop()!;
      if (time > this.#now) {
        this.#now = time;
        // Expire due GTD orders before anyone looks at the book at this time.
        this.book.advanceTime(time);
        this.#afterCommand(this.referencePrice());
      }
      action();
    }
    this.#now = end;
    this.book.advanceTime(end);
    return this.#summary();
  }

  // ---- MarketContext -----------------------------------------------------------------------

  referencePrice(): number {
    const book = this.book;
    const bid = book.bestBid();
    const ask = book.bestAsk();
    if (bid !== undefined && ask !== undefined) return (bid + ask) / 2;
    return bid ?? ask ?? book.lastTradePrice() ?? this.#config.initialPrice;
  }

  fundamental(): number {
    return this.#fundamental;
  }

  tradePriceAt(time: number): number | undefined {
    return this.#history.priceAt(time);
  }

  schedule(time: number, action: () => void): void {
    if (!Number.isSafeInteger(time)) throw new Error(`event time must be a safe integer µs, got ${time}`);
    if (time < this.#now) throw new Error(`cannot schedule at ${time}, before now (${this.#now})`);
    // Equal times run in scheduling order (the queue's tie rule): the run is deterministic.
    this.#queue.push(time, action);
  }

  submit(agent: SimAgent, order: AgentOrder): number {
    this.#assertMayAct();
    const index = this.#indexOf(agent);
    const id = this.#nextOrderId++;
    const midBefore = this.referencePrice();
    this.#accounts[index].ordersSubmitted++;
    this.#submitting = { id, agent: index, order };
    this.book.submit(
      { ...order, id, owner: agent.id, selfTradePrevention: SelfTradePrevention.CANCEL_MAKER },
      this.#now,
    );
    try {
      this.#afterCommand(midBefore);
    } finally {
      this.#submitting = undefined;
    }
    return id;
  }

  cancel(agent: SimAgent, orderId: number): void {
    this.#assertMayAct();
    if (this.#orderAgent.get(orderId) !== this.#indexOf(agent)) return;
    this.book.cancel(orderId, this.#now);
    this.#afterCommand(this.referencePrice());
  }

  cancelAll(agent: SimAgent, side?: BookSide): void {
    this.#assertMayAct();
    const open = this.#openOrders[this.#indexOf(agent)];
    if (open.size === 0) return;
    this.book.cancelAll(side === undefined ? { owner: agent.id } : { owner: agent.id, side }, this.#now);
    this.#afterCommand(this.referencePrice());
  }

  openOrders(agent: SimAgent): ReadonlySet<number> {
    return this.#openOrders[this.#indexOf(agent)];
  }

  position(agent: SimAgent): number {
    return this.#accounts[this.#indexOf(agent)].position;
  }

  // ---- internals ---------------------------------------------------------------------------

  #indexOf(agent: SimAgent): number {
    const index = agent.id - 1;
    if (this.#agents[index] !== agent) throw new Error(`agent ${agent.id} is not part of this simulation`);
    return index;
  }

  #assertMayAct(): void {
    // Orders from inside a notification would nest book commands inside another command's
    // aftermath; agents schedule a wake-up instead (see agent.ts).
    if (this.#notifying)
      throw new Error('agents may not send orders from onFill/onOrderClosed; schedule a wake-up');
  }

  /** Books the events of the command that just finished, then notifies the agents concerned. */
  #afterCommand(midBefore: number): void {
    const events = this.#events;
    if (events.length === 0) return;
    this.#events = [];
    const notices: Notice[] = [];
    for (const e of events) this.#book(e, midBefore, notices);
    if (notices.length === 0) return;
    this.#notifying = true;
    try {
      for (const n of notices) {
        if (n.kind === 'fill') n.agent.onFill?.(n.fill, this);
        else n.agent.onOrderClosed?.(n.orderId, n.reason, this);
      }
    } finally {
      this.#notifying = false;
    }
  }

  #book(e: BookEvent, midBefore: number, notices: Notice[]): void {
    switch (e.kind) {
      case 'accepted': {
        const s = this.#submitting;
        if (s === undefined || s.id !== e.id) throw new Error(`unexpected accepted event for order ${e.id}`);
        this.#orderAgent.set(e.id, s.agent);
        this.#openOrders[s.agent].add(e.id);
        if (this.#recordL3) {
          this.#l3({
            time: e.time,
            event: 'accepted',
            orderId: e.id,
            agent: s.agent + 1,
            side: s.order.side,
            orderType: s.order.type,
            price: s.order.price,
            quantity: s.order.quantity,
          });
        }
        return;
      }
      case 'trade':
        this.#bookTrade(e, midBefore, notices);
        return;
      case 'canceled':
      case 'expired': {
        const index = this.#orderAgent.get(e.id);
        if (index === undefined) return;
        this.#forget(e.id, index);
        const reason = e.kind === 'canceled' ? e.reason : 'EXPIRED';
        if (this.#recordL3) {
          this.#l3({
            time: e.time,
            event: e.kind,
            orderId: e.id,
            agent: index + 1,
            quantity: e.remaining,
            reason,
          });
        }
        notices.push({ kind: 'closed', agent: this.#agents[index], orderId: e.id, reason });
        return;
      }
      case 'rejected': {
        const s = this.#submitting;
        const index = s !== undefined && s.id === e.id ? s.agent : this.#orderAgent.get(e.id);
        if (this.#recordL3) {
          this.#l3({
            time: e.time,
            event: 'rejected',
            orderId: e.id,
            agent: (index ?? -1) + 1,
            reason: e.reason,
          });
        }
        // A rejected submit never lived; a rejected cancel of a live order changes nothing.
        if (index !== undefined && s !== undefined && s.id === e.id)
          notices.push({ kind: 'closed', agent: this.#agents[index], orderId: e.id, reason: e.reason });
        return;
      }
      default: {
        if (!this.#recordL3) return;
        const index = this.#orderAgent.get(e.id);
        const price = e.kind === 'modified' || e.kind === 'triggered' ? e.price : undefined;
        const quantity =
          e.kind === 'modified' ? e.quantity : e.kind === 'replenished' ? e.displayed : undefined;
        this.#l3({ time: e.time, event: e.kind, orderId: e.id, agent: (index ?? -1) + 1, price, quantity });
      }
    }
  }

  #bookTrade(e: Extract<BookEvent, { kind: 'trade' }>, midBefore: number, notices: Notice[]): void {
    const makerIndex = e.makerOwner - 1;
    const takerIndex = e.takerOwner - 1;
    const maker = this.#accounts[makerIndex];
    const taker = this.#accounts[takerIndex];
    if (maker === undefined || taker === undefined)
      throw new Error(`trade ${e.tradeId} between unknown owners`);
    const notional = e.price * e.quantity;
    const takerBuys = e.aggressor === BookSide.BUY;
    settle(taker, takerBuys, e.quantity, notional);
    settle(maker, !takerBuys, e.quantity, notional);
    taker.takerVolume += e.quantity;
    maker.makerVolume += e.quantity;
    if (e.makerRemaining === 0) this.#forget(e.makerId, makerIndex);
    if (e.takerRemaining === 0) this.#forget(e.takerId, takerIndex);

    this.#trades++;
    this.#volume += e.quantity;
    this.#firstTradePrice ??= e.price;
    this.#history.record(e.time, e.price);
    const trade: SimTrade = {
      time: e.time,
      tradeId: e.tradeId,
      price: e.price,
      quantity: e.quantity,
      aggressor: e.aggressor,
      makerAgent: e.makerOwner,
      takerAgent: e.takerOwner,
      makerOrder: e.makerId,
      takerOrder: e.takerId,
    };
    this.#recorder?.trade(trade);
    if (this.#recordL3) {
      this.#l3({
        time: e.time,
        event: 'trade',
        orderId: e.makerId,
        agent: e.makerOwner,
        side: e.aggressor,
        price: e.price,
        quantity: e.quantity,
        otherOrder: e.takerId,
        otherAgent: e.takerOwner,
      });
    }
    const base = { time: e.time, price: e.price, quantity: e.quantity, midBefore };
    const makerSide = takerBuys ? BookSide.SELL : BookSide.BUY;
    notices.push({
      kind: 'fill',
      agent: this.#agents[makerIndex],
      fill: { ...base, orderId: e.makerId, side: makerSide, remaining: e.makerRemaining, maker: true },
    });
    notices.push({
      kind: 'fill',
      agent: this.#agents[takerIndex],
      fill: { ...base, orderId: e.takerId, side: e.aggressor, remaining: e.takerRemaining, maker: false },
    });
  }

  #forget(orderId: number, index: number): void {
    this.#orderAgent.delete(orderId);
    this.#openOrders[index].delete(orderId);
  }

  #l3(record: L3Record): void {
    this.#recorder?.l3?.(record);
  }

  #scheduleFundamental(stepUs: number, volatility: number): void {
    if (volatility === 0) return;
    const rng = streamRandom(this.#config.seed, STREAM.FUNDAMENTAL);
    const scale = volatility * Math.sqrt(stepUs / 1_000_000);
    const step = (): void => {
      this.#fundamental += scale * rng.normal();
      this.schedule(this.#now + stepUs, step);
    };
    this.schedule(this.startTime + stepUs, step);
  }

  #scheduleSnapshots(intervalUs: number, levels: number): void {
    const take = (): void => {
      const bids = this.book.depth(BookSide.BUY, levels);
      const asks = this.book.depth(BookSide.SELL, levels);
      this.#snapshots++;
      if (bids.length > 0 && asks.length > 0) {
        this.#twoSided++;
        this.#spreadSum += asks[0].price - bids[0].price;
      }
      this.#recorder?.snapshot({ time: this.#now, bids, asks });
      this.schedule(this.#now + intervalUs, take);
    };
    this.schedule(this.startTime + intervalUs, take);
  }

  #summary(): SimulationSummary {
    const mark = this.referencePrice();
    const agents: AgentResult[] = this.#agents.map((agent, i) => {
      const a = this.#accounts[i];
      return {
        agent: agent.id,
        population: agent.population,
        kind: agent.kind,
        ordersSubmitted: a.ordersSubmitted,
        fills: a.fills,
        makerVolume: a.makerVolume,
        takerVolume: a.takerVolume,
        boughtVolume: a.boughtVolume,
        soldVolume: a.soldVolume,
        finalPosition: a.position,
        maxAbsPosition: a.maxAbsPosition,
        cash: a.cash,
        pnlTicks: a.cash + a.position * mark,
      };
    });
    return {
      startTime: this.startTime,
      endTime: this.endTime,
      trades: this.#trades,
      volume: this.#volume,
      finalMark: mark,
      finalFundamental: this.#fundamental,
      firstTradePrice: this.#firstTradePrice,
      lastTradePrice: this.book.lastTradePrice(),
      averageSpread: this.#twoSided > 0 ? this.#spreadSum / this.#twoSided : undefined,
      twoSidedFraction: this.#snapshots > 0 ? this.#twoSided / this.#snapshots : 0,
      agents,
      populations: summarisePopulations(agents),
    };
  }
}

function settle(account: Account, buys: boolean, quantity: number, notional: number): void {
  account.fills++;
  if (buys) {
    account.position += quantity;
    account.cash -= notional;
    account.boughtVolume += quantity;
  } else {
    account.position -= quantity;
    account.cash += notional;
    account.soldVolume += quantity;
  }
  const abs = Math.abs(account.position);
  if (abs > account.maxAbsPosition) account.maxAbsPosition = abs;
}

/** Sums agent results by population, in order of first appearance. */
export function summarisePopulations(agents: readonly AgentResult[]): PopulationResult[] {
  const byName = new Map<string, { -readonly [K in keyof PopulationResult]: PopulationResult[K] }>();
  for (const a of agents) {
    let p = byName.get(a.population);
    if (p === undefined) {
      p = {
        population: a.population,
        kind: a.kind,
        agents: 0,
        ordersSubmitted: 0,
        fills: 0,
        makerVolume: 0,
        takerVolume: 0,
        boughtVolume: 0,
        soldVolume: 0,
        finalPosition: 0,
        maxAbsPosition: 0,
        cash: 0,
        pnlTicks: 0,
      };
      byName.set(a.population, p);
    }
    p.agents++;
    p.ordersSubmitted += a.ordersSubmitted;
    p.fills += a.fills;
    p.makerVolume += a.makerVolume;
    p.takerVolume += a.takerVolume;
    p.boughtVolume += a.boughtVolume;
    p.soldVolume += a.soldVolume;
    p.finalPosition += a.finalPosition;
    p.maxAbsPosition = Math.max(p.maxAbsPosition, a.maxAbsPosition);
    p.cash += a.cash;
    p.pnlTicks += a.pnlTicks;
  }
  return [...byName.values()];
}
