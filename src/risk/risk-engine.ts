import { US, type Clock } from '../core/clock.js';
import { Topic } from '../common/message-bus.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import { notionalOfRaw, type Instrument } from '../model/instruments/instrument.js';
import type { OrderSpec } from '../model/orders/order.js';
import { formatFixed } from '../model/types/fixed-point.js';
import type { Price } from '../model/types/price.js';
import { ceilAt, compareProducts, floorAt } from './exact.js';
import { limitUsage, type LimitUsage } from './limit-usage.js';
import { RateWindow } from './rate-window.js';
import { RiskCause, RiskCode, RiskState, type RiskDenial, type RiskStateChanged } from './risk-codes.js';
import type { Decimal, PreTradeLimits, RiskConfig } from './risk-limits.js';
import type { RiskView } from './risk-view.js';
import {
  describeLocalTime,
  describeSessions,
  isWithinTradingHours,
  tradingHoursRuleFor,
  type TradingHoursRule,
} from './trading-hours.js';

/** No limit configured (every compiled raw limit is ≥ 0 otherwise). */
const NONE = -1;

/** The limits of one scope for one instrument, compiled to raw integers once. */
interface InstrumentLimits {
  readonly instrument: Instrument;
  readonly sizePrecision: number;
  /** The quote currency is the account currency (money limits can be measured). */
  readonly sameCurrency: boolean;
  // Per-order limits, after the override chain (strategy, strategy defaults, node).
  readonly maxOrderQtyRaw: number;
  readonly maxOrderNotionalRaw: number;
  readonly priceBand: Decimal | undefined;
  readonly hours: TradingHoursRule | undefined;
  // This scope's own aggregate limits.
  readonly maxPositionRaw: number;
  readonly concentration: Decimal | undefined;
}

/** The node, or one strategy: its aggregate limits and its rate window. */
interface Scope {
  readonly strategyId: StrategyId | undefined;
  readonly label: string;
  /** Where this scope's aggregate limits come from, most specific first. */
  readonly layers: readonly PreTradeLimits[];
  /** Where per-order limits come from: the strategy's layers, then the node's. */
  readonly orderLayers: readonly PreTradeLimits[];
  readonly maxOpenOrders: number;
  readonly maxOpenOrdersPerInstrument: number;
  readonly maxGrossRaw: number;
  readonly maxNetRaw: number;
  readonly rate: RateWindow | undefined;
  readonly byInstrument: Map<InstrumentId, InstrumentLimits>;
}

const SEVERITY: Record<RiskState, number> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

/**
 * The pre-trade and post-trade risk engine: pure and synchronous, no I/O. The node asks
 * {@link check} before every order goes to the execution engine, and tells {@link onEquity} the
 * account equity after every fill and mark. A denial is data (a stable {@link RiskCode} and a
 * reason naming the value and the limit); the node turns it into an `OrderDenied` event.
 *
 * Limits come in three kinds (docs/risk.md):
 * - per-order limits (order quantity and notional, price band, trading hours): a strategy's own
 *   value overrides the strategy defaults, which override the node's;
 * - aggregate limits (position, concentration, open orders, gross/net exposure, order rate): the
 *   node's apply to node-wide totals, a strategy's to its own totals; both must hold;
 * - account limits (buying power, daily loss, drawdown): the node's only.
 *
 * Aggregate limits never block an order that does not increase the measure, so a position or an
 * exposure that prices pushed past its limit can always be reduced.
 */
export class RiskEngine {
  readonly #config: RiskConfig;
  readonly #node: Scope;
  readonly #strategies = new Map<StrategyId, Scope>();
  readonly #changes = new Topic<RiskStateChanged>('events.risk.state');
  readonly #ccyPrecision: number;
  readonly #ccyCode: string;
  readonly #maxDailyLossRaw: number;
  #state: RiskState = RiskState.ACTIVE;
  #stateReason = '';
  // Post-trade baselines (raw account currency); NaN until the first equity.
  #day = NaN;
  #dayStartEquity = NaN;
  #peakEquity = NaN;
  #lastEquity = NaN;

  constructor(
    config: RiskConfig,
    private readonly clock: Clock,
    private readonly view: RiskView,
  ) {
    this.#config = config;
    this.#ccyPrecision = view.accountCurrency.precision;
    this.#ccyCode = view.accountCurrency.code;
    this.#node = this.#createScope(undefined, [config.node], [config.node]);
    const loss = config.node.maxDailyLoss;
    this.#maxDailyLossRaw = loss === undefined ? NONE : this.#moneyRaw(loss);
  }

  /** The current trading state. */
  get state(): RiskState {
    return this.#state;
  }

  /** Why the engine is in its state ('' while ACTIVE from the start). */
  get stateReason(): string {
    return this.#stateReason;
  }

  /** Equity at the start of the current UTC day (raw), or NaN before the first {@link onEquity}. */
  get dayStartEquityRaw(): number {
    return this.#dayStartEquity;
  }

  /** Highest equity seen since the start or the last {@link resume} (raw), or NaN. */
  get peakEquityRaw(): number {
    return this.#peakEquity;
  }

  /** How much of each node limit with a running total is in use, per instrument where it applies. */
  usage(instruments: readonly InstrumentId[]): LimitUsage[] {
    return limitUsage(
      this.#config.node,
      this.view,
      { dayStartEquityRaw: this.#dayStartEquity, peakEquityRaw: this.#peakEquity },
      instruments,
    );
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (event: RiskStateChanged) => void): () => void {
    return this.#changes.subscribe(listener);
  }

  /**
   * Checks an order a strategy wants to send. Returns `undefined` when it may go (and counts it
   * against the order-rate limits), or the first rule it breaks.
   */
  check(strategyId: StrategyId, spec: OrderSpec): RiskDenial | undefined {
    const state = this.#state;
    if (state === RiskState.HALTED) {
      return { code: RiskCode.HALTED, reason: `trading is halted: ${this.#stateReason}` };
    }
    const view = this.view;
    const id = spec.instrumentId;
    const scope = this.#scopeOf(strategyId);
    const node = this.#node;
    const own = this.#limitsFor(scope, id);
    if (own === undefined) return { code: RiskCode.UNKNOWN_INSTRUMENT, reason: `no instrument ${id}` };
    const nodeLimits = this.#limitsFor(node, id)!;
    const sizePrecision = own.sizePrecision;
    const buy = spec.side === 'BUY';
    // Quantities finer than the lot are rounded up: the check never understates an order.
    const qtyRaw = ceilAt(spec.quantity.raw, spec.quantity.precision, sizePrecision);
    const signedQty = buy ? qtyRaw : -qtyRaw;
    const now = this.clock.timestampUs();

    if (state === RiskState.REDUCING) {
      const denial =
        this.#reducingDenial(spec, undefined, signedQty, sizePrecision) ??
        this.#reducingDenial(spec, strategyId, signedQty, sizePrecision);
      if (denial !== undefined) return denial;
    }

    if (own.hours !== undefined && !isWithinTradingHours(own.hours, now)) {
      return {
        code: RiskCode.TRADING_HOURS,
        reason: `${id} is outside its trading hours (${describeSessions(own.hours)}) at ${describeLocalTime(own.hours, now)}`,
      };
    }

    if (own.maxOrderQtyRaw !== NONE && qtyRaw > own.maxOrderQtyRaw) {
      return {
        code: RiskCode.MAX_ORDER_QTY,
        reason: `order quantity ${formatFixed(qtyRaw, sizePrecision)} exceeds the maximum ${formatFixed(own.maxOrderQtyRaw, sizePrecision)} for ${id}`,
      };
    }

    const rateDenial =
      rateLimitDenial(node, now) ?? (scope === node ? undefined : rateLimitDenial(scope, now));
    if (rateDenial !== undefined) return rateDenial;

    const openDenial =
      this.#openOrdersDenial(node, id) ?? (scope === node ? undefined : this.#openOrdersDenial(scope, id));
    if (openDenial !== undefined) return openDenial;

    const positionDenial =
      positionLimitDenial(view, node, nodeLimits, spec, qtyRaw) ??
      (scope === node ? undefined : positionLimitDenial(view, scope, own, spec, qtyRaw));
    if (positionDenial !== undefined) return positionDenial;

    // Everything below needs a price: the limit price for the band, a valuation price for money.
    const isLimit = spec.type === 'LIMIT';
    const needsBand = own.priceBand !== undefined && (isLimit || spec.type === 'STOP_LIMIT');
    const needsMoney =
      own.maxOrderNotionalRaw !== NONE ||
      this.#config.node.checkBuyingPower ||
      needsExposure(node, nodeLimits) ||
      (scope !== node && needsExposure(scope, own));
    if (!needsBand && !needsMoney) return this.#pass(scope, now);

    const last = view.lastPrice(id);
    if (needsBand) {
      // A limit order is banded around the market, a stop-limit's limit around its trigger.
      const reference = isLimit ? last : spec.triggerPrice;
      if (reference === undefined) {
        return { code: RiskCode.NO_PRICE, reason: `no last price for ${id} to check the price band against` };
      }
      const denial = priceBandDenial(spec.price!, reference, own.priceBand!, id, isLimit);
      if (denial !== undefined) return denial;
    }
    if (!needsMoney) return this.#pass(scope, now);

    if (!own.sameCurrency) {
      return {
        code: RiskCode.CURRENCY_MISMATCH,
        reason: `${id} is quoted in ${own.instrument.quoteCurrency.code}, the account and its money limits in ${this.#ccyCode}`,
      };
    }
    // Valued at the higher of the order's own price and the last price: an order priced away from
    // the market cannot slip an increase past a limit.
    const orderPrice = spec.price ?? spec.triggerPrice;
    const valuation =
      orderPrice === undefined ? last : last === undefined ? orderPrice : higher(orderPrice, last);
    if (valuation === undefined) {
      return {
        code: RiskCode.NO_PRICE,
        reason: `no price for ${spec.type} order on ${id} and no last price`,
      };
    }
    const ccy = this.#ccyPrecision;
    const notional = notionalOfRaw(
      own.instrument,
      valuation.raw,
      valuation.precision,
      qtyRaw,
      sizePrecision,
      ccy,
    );
    if (own.maxOrderNotionalRaw !== NONE && notional > own.maxOrderNotionalRaw) {
      return {
        code: RiskCode.MAX_NOTIONAL,
        reason: `order notional ${this.#money(notional)} (at ${valuation}) exceeds the maximum ${this.#money(own.maxOrderNotionalRaw)} for ${id}`,
      };
    }

    const exposureDenial =
      this.#exposureDenial(node, nodeLimits, spec, signedQty, valuation) ??
      (scope === node ? undefined : this.#exposureDenial(scope, own, spec, signedQty, valuation));
    if (exposureDenial !== undefined) return exposureDenial;

    if (this.#config.node.checkBuyingPower) {
      const position = view.positionRaw(id);
      const after = position + signedQty;
      // The part that opens or grows a position (on a flip: all of the new side).
      const openingRaw =
        position !== 0 && after !== 0 && Math.sign(after) !== Math.sign(position)
          ? Math.abs(after)
          : Math.abs(after) - Math.abs(position);
      if (openingRaw > 0) {
        const opening = notionalOfRaw(
          own.instrument,
          valuation.raw,
          valuation.precision,
          openingRaw,
          sizePrecision,
          ccy,
        );
        const power = view.buyingPowerRaw();
        if (opening > power) {
          return {
            code: RiskCode.BUYING_POWER,
            reason: `order needs ${this.#money(opening)} of buying power, ${this.#money(power)} is available`,
          };
        }
      }
    }
    return this.#pass(scope, now);
  }

  /**
   * Tells the engine the account equity (raw account currency), after every fill and mark. Tracks
   * the start-of-UTC-day equity (the last equity before the day boundary of the engine's clock) and
   * the peak, and trips the circuit breaker on the daily-loss and drawdown limits.
   */
  onEquity(equityRaw: number): void {
    const day = Math.floor(this.clock.timestampUs() / US.DAY);
    if (Number.isNaN(this.#day)) {
      this.#dayStartEquity = equityRaw;
      this.#peakEquity = equityRaw;
    } else if (day !== this.#day) {
      // Equity holds between updates, so the last one before the boundary is the day's opening value.
      this.#dayStartEquity = this.#lastEquity;
    }
    this.#day = day;
    this.#lastEquity = equityRaw;
    if (equityRaw > this.#peakEquity) this.#peakEquity = equityRaw;

    const limits = this.#config.node;
    const target = limits.onTrip === 'REDUCE' ? RiskState.REDUCING : RiskState.HALTED;
    if (SEVERITY[this.#state] >= SEVERITY[target]) return;
    const start = this.#dayStartEquity;
    const loss = start - equityRaw;
    if (this.#maxDailyLossRaw !== NONE && loss > this.#maxDailyLossRaw) {
      this.#trip(
        target,
        RiskCause.DAILY_LOSS,
        `daily loss ${this.#money(loss)} exceeds the maximum ${this.#money(this.#maxDailyLossRaw)}`,
      );
      return;
    }
    const lossPct = limits.maxDailyLossPct;
    if (lossPct !== undefined && loss > 0 && exceedsPercent(loss, start, lossPct)) {
      this.#trip(
        target,
        RiskCause.DAILY_LOSS,
        `daily loss ${this.#money(loss)} is more than ${decimalText(lossPct)}% of the day's starting equity ${this.#money(start)}`,
      );
      return;
    }
    const drawdownPct = limits.maxDrawdownPct;
    const drawdown = this.#peakEquity - equityRaw;
    if (
      drawdownPct !== undefined &&
      drawdown > 0 &&
      exceedsPercent(drawdown, this.#peakEquity, drawdownPct)
    ) {
      this.#trip(
        target,
        RiskCause.DRAWDOWN,
        `drawdown ${this.#money(drawdown)} is more than ${decimalText(drawdownPct)}% of the peak equity ${this.#money(this.#peakEquity)}`,
      );
    }
  }

  /** Stops every new order (operator or node command). */
  halt(reason: string): void {
    this.#setState(RiskState.HALTED, RiskCause.MANUAL, reason, false);
  }

  /** Lets only orders through that reduce a position without flipping it. */
  reduceOnly(reason: string): void {
    this.#setState(RiskState.REDUCING, RiskCause.MANUAL, reason, false);
  }

  /**
   * Back to ACTIVE. Re-arms the circuit breaker from the present: the peak and the day's baseline
   * become the last equity seen (otherwise the loss that tripped it would trip it again at once).
   */
  resume(reason = 'resumed'): void {
    if (!Number.isNaN(this.#lastEquity)) {
      this.#peakEquity = this.#lastEquity;
      this.#dayStartEquity = this.#lastEquity;
    }
    this.#setState(RiskState.ACTIVE, RiskCause.MANUAL, reason, false);
  }

  /** Halts and tells listeners to flatten (by default), even when already halted. */
  killSwitch(reason: string, flatten = true): void {
    this.#setState(RiskState.HALTED, RiskCause.KILL_SWITCH, reason, flatten, true);
  }

  #trip(target: RiskState, cause: RiskCause, reason: string): void {
    this.#setState(target, cause, reason, this.#config.node.flattenOnTrip);
  }

  #setState(next: RiskState, cause: RiskCause, reason: string, flatten: boolean, always = false): void {
    const previous = this.#state;
    this.#stateReason = reason;
    if (previous === next && !always) return;
    this.#state = next;
    this.#changes.publish({
      type: 'RiskStateChanged',
      previous,
      state: next,
      cause,
      reason,
      flatten,
      tsEvent: this.clock.timestampUs(),
    });
  }

  #pass(scope: Scope, now: number): undefined {
    this.#node.rate?.record(now);
    if (scope !== this.#node) scope.rate?.record(now);
    return undefined;
  }

  /** In REDUCING: the order must shrink the scope's position (with its resting orders on that side) without flipping it. */
  #reducingDenial(
    spec: OrderSpec,
    strategyId: StrategyId | undefined,
    signedQty: number,
    sizePrecision: number,
  ): RiskDenial | undefined {
    const position = this.view.positionRaw(spec.instrumentId, strategyId);
    const resting = this.view.openQuantityRaw(spec.instrumentId, spec.side, strategyId);
    const qty = Math.abs(signedQty);
    if (
      position !== 0 &&
      Math.sign(position) !== Math.sign(signedQty) &&
      qty + resting <= Math.abs(position)
    ) {
      return undefined;
    }
    const who = strategyId === undefined ? 'node' : `strategy ${strategyId}`;
    return {
      code: RiskCode.REDUCING_ONLY,
      reason: `reducing only (${this.#stateReason}): ${spec.side} ${formatFixed(qty, sizePrecision)} does not reduce the ${who} position ${formatFixed(position, sizePrecision)} in ${spec.instrumentId}${resting > 0 ? ` (with ${formatFixed(resting, sizePrecision)} already resting on that side)` : ''}`,
    };
  }

  #openOrdersDenial(scope: Scope, id: InstrumentId): RiskDenial | undefined {
    if (scope.maxOpenOrders !== NONE) {
      const open = this.view.openOrderCount(scope.strategyId);
      if (open + 1 > scope.maxOpenOrders) {
        return {
          code: RiskCode.MAX_OPEN_ORDERS,
          reason: `${scope.label} has ${open} open orders, the maximum is ${scope.maxOpenOrders}`,
        };
      }
    }
    if (scope.maxOpenOrdersPerInstrument !== NONE) {
      const open = this.view.openOrderCount(scope.strategyId, id);
      if (open + 1 > scope.maxOpenOrdersPerInstrument) {
        return {
          code: RiskCode.MAX_OPEN_ORDERS,
          reason: `${scope.label} has ${open} open orders in ${id}, the maximum is ${scope.maxOpenOrdersPerInstrument}`,
        };
      }
    }
    return undefined;
  }

  /** Concentration, gross and net exposure of one scope after the order fills. */
  #exposureDenial(
    scope: Scope,
    limits: InstrumentLimits,
    spec: OrderSpec,
    signedQty: number,
    valuation: Price,
  ): RiskDenial | undefined {
    if (!needsExposure(scope, limits)) return undefined;
    const view = this.view;
    const id = spec.instrumentId;
    const ccy = this.#ccyPrecision;
    const position = view.positionRaw(id, scope.strategyId);
    const after = position + signedQty;
    // How much |position| grows (negative: shrinks), valued at the valuation price.
    const growthRaw = Math.abs(after) - Math.abs(position);
    const growth = notionalOfRaw(
      limits.instrument,
      valuation.raw,
      valuation.precision,
      growthRaw,
      limits.sizePrecision,
      ccy,
    );

    const pct = limits.concentration;
    if (pct !== undefined && growthRaw > 0) {
      const value = notionalOfRaw(
        limits.instrument,
        valuation.raw,
        valuation.precision,
        Math.abs(after),
        limits.sizePrecision,
        ccy,
      );
      const equity = view.equityRaw();
      if (equity <= 0 || exceedsPercent(value, equity, pct)) {
        return {
          code: RiskCode.CONCENTRATION,
          reason: `${scope.label} position in ${id} would be worth ${this.#money(value)}, more than ${decimalText(pct)}% of equity ${this.#money(equity)}`,
        };
      }
    }
    if (scope.maxGrossRaw !== NONE && growthRaw > 0) {
      const gross = view.grossExposureRaw(scope.strategyId);
      const grossAfter = gross + growth;
      if (grossAfter > scope.maxGrossRaw) {
        return {
          code: RiskCode.GROSS_EXPOSURE,
          reason: `${scope.label} gross exposure would be ${this.#money(grossAfter)}, the maximum is ${this.#money(scope.maxGrossRaw)}`,
        };
      }
    }
    if (scope.maxNetRaw !== NONE) {
      const net = view.netExposureRaw(scope.strategyId);
      const change = notionalOfRaw(
        limits.instrument,
        valuation.raw,
        valuation.precision,
        signedQty,
        limits.sizePrecision,
        ccy,
      );
      const netAfter = net + change;
      if (Math.abs(netAfter) > scope.maxNetRaw && Math.abs(netAfter) > Math.abs(net)) {
        return {
          code: RiskCode.NET_EXPOSURE,
          reason: `${scope.label} net exposure would be ${this.#money(netAfter)}, the maximum is ±${this.#money(scope.maxNetRaw)}`,
        };
      }
    }
    return undefined;
  }

  #scopeOf(strategyId: StrategyId): Scope {
    let scope = this.#strategies.get(strategyId);
    if (scope === undefined) {
      const layers: PreTradeLimits[] = [];
      const strategies = this.#config.strategies;
      if (Object.hasOwn(strategies, strategyId)) layers.push(strategies[strategyId]);
      if (this.#config.strategyDefaults !== undefined) layers.push(this.#config.strategyDefaults);
      scope = this.#createScope(strategyId, layers, [...layers, this.#config.node]);
      this.#strategies.set(strategyId, scope);
    }
    return scope;
  }

  #createScope(
    strategyId: StrategyId | undefined,
    layers: readonly PreTradeLimits[],
    orderLayers: readonly PreTradeLimits[],
  ): Scope {
    const first = <K extends keyof PreTradeLimits>(key: K): PreTradeLimits[K] | undefined =>
      layers.find((layer) => layer[key] !== undefined)?.[key];
    const gross = first('maxGrossExposure');
    const net = first('maxNetExposure');
    const rate = first('maxOrderRate');
    const scope: Scope = {
      strategyId,
      label: strategyId === undefined ? 'node' : `strategy ${strategyId}`,
      layers,
      orderLayers,
      maxOpenOrders: first('maxOpenOrders') ?? NONE,
      maxOpenOrdersPerInstrument: first('maxOpenOrdersPerInstrument') ?? NONE,
      maxGrossRaw: gross === undefined ? NONE : this.#moneyRaw(gross),
      maxNetRaw: net === undefined ? NONE : this.#moneyRaw(net),
      rate: rate === undefined ? undefined : new RateWindow(rate.count, rate.windowUs),
      byInstrument: new Map(),
    };
    return scope;
  }

  /** The scope's limits for an instrument, compiled on first use; undefined for an unknown instrument. */
  #limitsFor(scope: Scope, id: InstrumentId): InstrumentLimits | undefined {
    const cached = scope.byInstrument.get(id);
    if (cached !== undefined) return cached;
    const instrument = this.view.instrument(id);
    if (instrument === undefined) return undefined;
    const sizePrecision = instrument.lotSize.precision;
    const order = (key: PerInstrumentKey) => resolve(scope.orderLayers, key, id);
    const own = (key: PerInstrumentKey) => resolve(scope.layers, key, id);
    const qty = order('maxOrderQuantity');
    const notional = order('maxOrderNotional');
    const position = own('maxPosition');
    const hoursRules = scope.orderLayers.find((layer) => layer.tradingHours !== undefined)?.tradingHours;
    const limits: InstrumentLimits = {
      instrument,
      sizePrecision,
      sameCurrency: instrument.quoteCurrency.code === this.#ccyCode,
      maxOrderQtyRaw: qty === undefined ? NONE : floorAt(qty.raw, qty.precision, sizePrecision),
      maxOrderNotionalRaw: notional === undefined ? NONE : this.#moneyRaw(notional),
      priceBand: order('priceBandBps'),
      hours: hoursRules === undefined ? undefined : tradingHoursRuleFor(hoursRules, id),
      maxPositionRaw:
        position === undefined ? NONE : floorAt(position.raw, position.precision, sizePrecision),
      concentration: own('maxConcentrationPct'),
    };
    scope.byInstrument.set(id, limits);
    return limits;
  }

  /** A money limit in raw account currency, rounded down (amounts are whole raw units). */
  #moneyRaw(limit: Decimal): number {
    return floorAt(limit.raw, limit.precision, this.#ccyPrecision);
  }

  #money(raw: number): string {
    return `${formatFixed(raw, this.#ccyPrecision)} ${this.#ccyCode}`;
  }
}

/** The limits given per instrument. */
type PerInstrumentKey =
  'maxOrderQuantity' | 'maxOrderNotional' | 'maxPosition' | 'maxConcentrationPct' | 'priceBandBps';

/** The first layer's value for the instrument (its own entry, else its `default`). */
function resolve(
  layers: readonly PreTradeLimits[],
  key: PerInstrumentKey,
  id: InstrumentId,
): Decimal | undefined {
  for (const layer of layers) {
    const limit = layer[key];
    if (limit === undefined) continue;
    const value = limit.byId.get(id) ?? limit.fallback;
    if (value !== undefined) return value;
  }
  return undefined;
}

function needsExposure(scope: Scope, limits: InstrumentLimits): boolean {
  return scope.maxGrossRaw !== NONE || scope.maxNetRaw !== NONE || limits.concentration !== undefined;
}

function rateLimitDenial(scope: Scope, now: number): RiskDenial | undefined {
  const rate = scope.rate;
  if (rate === undefined || rate.allows(now)) return undefined;
  return {
    code: RiskCode.RATE_LIMIT,
    reason: `${scope.label} sent ${rate.inWindow(now)} orders in the last ${rate.windowUs / 1000} ms, the maximum is ${rate.count}`,
  };
}

/**
 * The position limit on the worst case: every resting order of the scope on the order's side
 * fills, plus this order (the other side's resting orders might be canceled instead).
 */
function positionLimitDenial(
  view: RiskView,
  scope: Scope,
  limits: InstrumentLimits,
  spec: OrderSpec,
  qtyRaw: number,
): RiskDenial | undefined {
  const max = limits.maxPositionRaw;
  if (max === NONE) return undefined;
  const id = spec.instrumentId;
  const position = view.positionRaw(id, scope.strategyId);
  const buy = spec.side === 'BUY';
  const resting = view.openQuantityRaw(id, spec.side, scope.strategyId);
  const before = Math.abs(buy ? position + resting : position - resting);
  const after = Math.abs(buy ? position + resting + qtyRaw : position - resting - qtyRaw);
  if (after <= max || after <= before) return undefined;
  const p = limits.sizePrecision;
  return {
    code: RiskCode.MAX_POSITION,
    reason: `${scope.label} position in ${id} could reach ${buy ? '' : '-'}${formatFixed(after, p)} (position ${formatFixed(position, p)}${resting > 0 ? `, resting ${formatFixed(resting, p)}` : ''}, order ${formatFixed(qtyRaw, p)}), the maximum is ${formatFixed(max, p)}`,
  };
}

/** `|price − reference| ≤ bps/10 000 × |reference|`, exactly. */
function priceBandDenial(
  price: Price,
  reference: Price,
  bps: Decimal,
  id: InstrumentId,
  againstLast: boolean,
): RiskDenial | undefined {
  const p = Math.max(price.precision, reference.precision);
  const distance = Math.abs(price.rawAt(p) - reference.rawAt(p));
  const ref = Math.abs(reference.rawAt(p));
  // distance / ref ≤ bps.raw / (10^bps.precision × 10 000)
  if (compareProducts(distance, 10_000 * 10 ** bps.precision, bps.raw, ref) <= 0) return undefined;
  const awayBps = ref === 0 ? Infinity : (distance * 10_000) / ref;
  return {
    code: RiskCode.PRICE_BAND,
    reason: `limit price ${price} is ${awayBps.toFixed(1)} bps from the ${againstLast ? 'last price' : 'trigger price'} ${reference} of ${id}, the band is ${decimalText(bps)} bps`,
  };
}

/** `part / whole > pct %`, exactly. */
function exceedsPercent(part: number, whole: number, pct: Decimal): boolean {
  return compareProducts(part, 100 * 10 ** pct.precision, whole, pct.raw) > 0;
}

function higher(a: Price, b: Price): Price {
  return a.compare(b) >= 0 ? a : b;
}

function decimalText(value: Decimal): string {
  return formatFixed(value.raw, value.precision);
}
