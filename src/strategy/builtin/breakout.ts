import { z } from 'zod';
import { Donchian } from '../../indicators/volatility/donchian.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { Strategy } from '../strategy.js';

const params = z.strictObject({
  period: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('entry channel: highest high / lowest low of the previous N bars'),
  exitPeriod: z.coerce.number().int().min(1).default(10).describe('exit channel length in bars'),
  qty: z.coerce.number().positive().default(100).describe('quantity per position, in units'),
  short: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('also sell short on a break below the entry channel'),
});

export type BreakoutParams = z.infer<typeof params>;

interface Channels {
  entry: Donchian;
  exit: Donchian;
  /** Channel values as of the previous bar: a breakout compares today's close with them. */
  upper: number;
  lower: number;
  exitUpper: number;
  exitLower: number;
}

/**
 * Donchian channel breakout (turtle style): buy when the close breaks above the highest
 * high of the previous `period` bars, exit when it breaks below the lowest low of the
 * previous `exitPeriod` bars. With `short=true`, the mirror image on the downside.
 */
export class Breakout extends Strategy<BreakoutParams> {
  static override readonly paramsSchema = params;
  static override readonly description =
    'Donchian channel breakout: enter on a new N-bar high, exit on an M-bar low';

  readonly #channels = new Map<InstrumentId, Channels>();

  override onStart(): void {
    for (const id of this.instruments) {
      this.#channels.set(id, {
        entry: this.registerIndicator(id, new Donchian(this.params.period), 'candle'),
        exit: this.registerIndicator(id, new Donchian(this.params.exitPeriod), 'candle'),
        upper: NaN,
        lower: NaN,
        exitUpper: NaN,
        exitLower: NaN,
      });
    }
  }

  override onBar(bar: Bar): void {
    const id = bar.instrumentId;
    const c = this.#channels.get(id)!;
    const close = bar.closeValue;
    if (this.openOrders(id).length === 0) {
      if (this.isFlat(id)) {
        if (close > c.upper) this.buy(id, this.params.qty);
        else if (this.params.short && close < c.lower) this.sell(id, this.params.qty);
      } else if (this.isLong(id) ? close < c.exitLower : close > c.exitUpper) {
        this.closePosition(id);
      }
    }
    // Remember the channels including this bar, for the next bar's comparison.
    c.upper = c.entry.isReady ? c.entry.value.upper : NaN;
    c.lower = c.entry.isReady ? c.entry.value.lower : NaN;
    c.exitUpper = c.exit.isReady ? c.exit.value.upper : NaN;
    c.exitLower = c.exit.isReady ? c.exit.value.lower : NaN;
  }
}
