/**
 * The risk engine's view of a running kernel: instruments and prices from its cache, positions
 * and equity from the node's portfolio and the strategies' own ledgers, open orders from the
 * cache's open-order index. Every figure exact (raw integers).
 */
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { OrderSide } from '../model/orders/order-enums.js';
import type { Currency } from '../model/types/currency.js';
import { Price } from '../model/types/price.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { RiskView } from '../risk/risk-view.js';
import type { Kernel } from '../system/kernel.js';

export class KernelRiskView implements RiskView {
  readonly accountCurrency: Currency;

  constructor(private readonly kernel: Kernel) {
    this.accountCurrency = kernel.portfolio.currency;
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.kernel.cache.instrument(id);
  }

  /** The last trade, else the mid of the last quote (rounded down to the tick), else the last bar's close. */
  lastPrice(id: InstrumentId): Price | undefined {
    const cache = this.kernel.cache;
    const trade = cache.lastTrade(id);
    if (trade !== undefined) return trade.price;
    const quote = cache.lastQuote(id);
    if (quote !== undefined) {
      const p = Math.max(quote.bidPrice.precision, quote.askPrice.precision);
      return Price.fromRaw(Math.floor((quote.bidPrice.rawAt(p) + quote.askPrice.rawAt(p)) / 2), p);
    }
    const bar = cache.lastBar(id);
    return bar === undefined ? undefined : bar.close;
  }

  positionRaw(id: InstrumentId, strategyId?: StrategyId): number {
    return this.#portfolio(strategyId).position(id).qtyRaw;
  }

  openQuantityRaw(id: InstrumentId, side: OrderSide, strategyId?: StrategyId): number {
    const filter = strategyId === undefined ? { instrumentId: id } : { instrumentId: id, strategyId };
    let total = 0;
    for (const order of this.kernel.cache.openOrders(filter))
      if (order.side === side) total += order.leavesQty.raw;
    return total;
  }

  openOrderCount(strategyId?: StrategyId, instrumentId?: InstrumentId): number {
    return this.kernel.cache.openOrders({
      ...(strategyId === undefined ? {} : { strategyId }),
      ...(instrumentId === undefined ? {} : { instrumentId }),
    }).length;
  }

  equityRaw(): number {
    return this.kernel.portfolio.equityRaw();
  }

  /** Cash: a cash account spends what it holds (margin is not modelled). */
  buyingPowerRaw(): number {
    return this.kernel.portfolio.cashRaw;
  }

  grossExposureRaw(strategyId?: StrategyId): number {
    const portfolio = this.#portfolio(strategyId);
    let total = 0;
    for (const position of portfolio.positions()) total += Math.abs(portfolio.marketValueRaw(position));
    return total;
  }

  netExposureRaw(strategyId?: StrategyId): number {
    const portfolio = this.#portfolio(strategyId);
    let total = 0;
    for (const position of portfolio.positions()) total += portfolio.marketValueRaw(position);
    return total;
  }

  #portfolio(strategyId: StrategyId | undefined): Portfolio {
    return strategyId === undefined ? this.kernel.portfolio : this.kernel.strategyPortfolio(strategyId);
  }
}
