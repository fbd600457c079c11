import { z } from 'zod';
import { Rsi } from '../../indicators/momentum/rsi.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { Strategy } from '../strategy.js';

const params = z
  .strictObject({
    period: z.coerce.number().int().min(1).default(14).describe('RSI period (Wilder smoothing)'),
    oversold: z.coerce.number().min(0).max(100).default(30).describe('buy when RSI falls below this level'),
    overbought: z.coerce
      .number()
      .min(0)
      .max(100)
      .default(70)
      .describe('exit a long when RSI rises above this level'),
    qty: z.coerce.number().positive().default(100).describe('quantity per position, in units'),
    short: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('also sell short above overbought and cover below oversold'),
  })
  .refine((p) => p.oversold < p.overbought, {
    message: 'oversold must be below overbought',
    path: ['oversold'],
  });

export type RsiReversionParams = z.infer<typeof params>;

/**
 * Mean reversion on RSI: enter long when RSI(period) < oversold, exit when it rises
 * above overbought. With `short=true` the mirror image trades too.
 */
export class RsiReversion extends Strategy<RsiReversionParams> {
  static override readonly paramsSchema = params;
  static override readonly description =
    'buy when RSI < oversold, exit above overbought (optionally the mirror short)';

  readonly #rsi = new Map<InstrumentId, Rsi>();

  override onStart(): void {
    for (const id of this.instruments)
      this.#rsi.set(id, this.registerIndicator(id, new Rsi(this.params.period)));
  }

  override onBar(bar: Bar): void {
    const rsi = this.#rsi.get(bar.instrumentId)!;
    const id = bar.instrumentId;
    if (!rsi.isReady || this.openOrders(id).length > 0) return;
    const { oversold, overbought, qty, short } = this.params;
    if (this.isFlat(id)) {
      if (rsi.value < oversold) this.buy(id, qty);
      else if (short && rsi.value > overbought) this.sell(id, qty);
    } else if (this.isLong(id) ? rsi.value > overbought : rsi.value < oversold) {
      this.closePosition(id);
    }
  }
}
