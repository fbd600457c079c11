/** Open positions; clicking a row selects its instrument. Pushed by the `positions` topic each second. */
import type { Position as PositionInfo } from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { dataTable, panel, row } from '../dom.js';
import { amount, signClass } from '../format.js';
import { listOf } from '../lib/market-data.js';

export function mountPositionsPanel(ctx: Dashboard): HTMLElement {
  const p = panel('positions', 'Positions');
  const table = dataTable(
    ['Instrument', 'Quantity', 'Market value', 'Unrealized PnL'],
    'No open positions.',
    [1, 2, 3],
  );
  p.body.append(table.el);
  const render = (positions: PositionInfo[]) => {
    ctx.addInstruments(positions.map((x) => x.instrumentId));
    table.setRows(
      positions.map((x) =>
        row(
          [
            x.instrumentId,
            { v: x.quantity, cls: `num ${signClass(x.quantity)}` },
            { v: amount(x.marketValue), cls: 'num' },
            { v: amount(x.unrealizedPnl), cls: `num ${signClass(x.unrealizedPnl)}` },
          ],
          { class: 'clickable', title: 'Show on the chart', onclick: () => ctx.select(x.instrumentId) },
        ),
      ),
    );
  };
  ctx.addRefresher(async () => render(await ctx.api.positions()));
  ctx.stream.on('positions', (m) => render(listOf(m.data, 'positions') as PositionInfo[]));
  return p.section;
}
