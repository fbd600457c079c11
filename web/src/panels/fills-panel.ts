/** Recent fills (ours), newest first; refetched on each `fills` event. */
import type { FillInfo } from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { dataTable, panel, row } from '../dom.js';
import { amount, timeOfUs } from '../format.js';
import { listOf } from '../lib/market-data.js';

export function mountFillsPanel(ctx: Dashboard): HTMLElement {
  const p = panel('fills', 'Recent fills');
  const table = dataTable(
    ['Time', 'Order', 'Instrument', 'Side', 'Qty', 'Price', 'Fee'],
    'No fills yet.',
    [4, 5, 6],
  );
  p.body.append(table.el);
  const render = (fills: FillInfo[]) => {
    ctx.addInstruments(fills.map((f) => f.instrumentId));
    const sorted = [...fills].sort((a, b) => b.tsEvent - a.tsEvent).slice(0, 50);
    table.setRows(
      sorted.map((f) =>
        row([
          timeOfUs(f.tsEvent),
          { v: f.clientOrderId, cls: 'mono' },
          f.instrumentId,
          { v: f.side, cls: f.side === 'BUY' ? 'pos' : 'neg' },
          { v: f.quantity, cls: 'num' },
          { v: f.price, cls: 'num' },
          { v: amount(f.commission), cls: 'num' },
        ]),
      ),
    );
  };
  const refresh = async () => render(listOf(await ctx.api.fills({ limit: 50 }), 'fills') as FillInfo[]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.stream.on('fills', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 100);
  });
  ctx.addRefresher(refresh);
  return p.section;
}
