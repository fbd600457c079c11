/**
 * Example user strategy: buy and hold.
 *
 * Buys `qty` units of every instrument on its first bar and holds them to the end of the
 * data. Nothing is ever sold, so a backtest ends with one BUY fill per instrument, no closed
 * trades, and all of the result in unrealized PnL.
 *
 * Run it on the bundled sample data (no build step for this file: the CLI compiles
 * TypeScript strategy files on the fly):
 *
 *   quantflow backtest --strategy examples/buy-and-hold.ts --param qty=5 \
 *     --data data/sample/spy.csv --data data/sample/qqq.csv --data data/sample/iwm.csv \
 *     --instruments data/sample/instruments.json --out out/buy-and-hold
 *
 * How a strategy file works:
 * - it exports (preferably as the default export) one class that extends `Strategy`;
 * - `static paramsSchema` is a zod object describing the parameters. `--param key=value` gives
 *   text, so numbers use `z.coerce.number()`; `.default()` makes a parameter optional and
 *   `.describe()` documents it. `z.strictObject` rejects unknown parameters (`--param foo=1`);
 * - the handlers (`onStart`, `onBar`, `onOrderFilled`, ...) run inside the kernel, the same in
 *   backtest, paper and live trading. Orders submitted in `onBar` are filled by the venue after
 *   the handler returns: by default at the open of the instrument's next bar.
 */
import { z } from 'zod';
import { Strategy, type Bar, type InstrumentId } from 'quantflow';

const params = z.strictObject({
  qty: z.coerce.number().positive().default(1).describe('units to buy of each instrument on its first bar'),
});

export type BuyAndHoldParams = z.infer<typeof params>;

export default class BuyAndHold extends Strategy<BuyAndHoldParams> {
  static override readonly paramsSchema = params;
  static override readonly description = 'buy qty of each instrument on its first bar and hold to the end';

  /** Instruments already bought: each is bought exactly once. */
  readonly #bought = new Set<InstrumentId>();

  override onBar(bar: Bar): void {
    const id = bar.instrumentId;
    if (this.#bought.has(id)) return;
    this.#bought.add(id);
    this.buy(id, this.params.qty);
  }
}
