import { z } from 'zod';
import { Sma } from '../../indicators/trend/sma.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { Strategy } from '../strategy.js';

const params = z
  .strictObject({
    fast: z.coerce.number().int().min(1).default(10).describe('period of the fast simple moving average'),
    slow: z.coerce.number().int().min(2).default(30).describe('period of the slow simple moving average'),
    qty: z.coerce.number().positive().default(100).describe('quantity to hold while long, in units'),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be smaller than slow', path: ['fast'] });

export type SmaCrossParams = z.infer<typeof params>;

/**
 * Moving-average crossover, long only: long `qty` while SMA(fast) > SMA(slow) on bar
 * closes, flat otherwise. Each instrument is traded on its own.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  static override readonly paramsSchema = params;
  static override readonly description = 'long while SMA(fast) > SMA(slow) of closes, flat otherwise';

  readonly #averages = new Map<InstrumentId, { fast: Sma; slow: Sma }>();

  override onStart(): void {
    for (const id of this.instruments) {
      this.#averages.set(id, {
        fast: this.registerIndicator(id, new Sma(this.params.fast)),
        slow: this.registerIndicator(id, new Sma(this.params.slow)),
      });
    }
  }

  override onBar(bar: Bar): void {
    const { fast, slow } = this.#averages.get(bar.instrumentId)!;
    if (!slow.isReady) return;
    const id = bar.instrumentId;
    if (fast.value > slow.value) {
      if (this.isFlat(id) && this.openOrders(id).length === 0) this.buy(id, this.params.qty);
    } else if (this.isLong(id) && this.openOrders(id).length === 0) {
      this.closePosition(id);
    }
  }
}
