/**
 * Open orders (or all recent ones) with a Cancel button per open order. Any event on the `orders`
 * topic triggers a refetch (debounced), so the table always shows the server's view; denials and
 * rejections also go to the alerts feed.
 */
import type { OrderInfo } from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { dataTable, h, panel, row } from '../dom.js';
import { timeOfUs } from '../format.js';
import { listOf } from '../lib/market-data.js';

const OPEN_STATES = new Set([
  'INITIALIZED',
  'SUBMITTED',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'PENDING_CANCEL',
  'PENDING_UPDATE',
  'TRIGGERED',
  'RELEASED',
]);

export function mountOrdersPanel(ctx: Dashboard): HTMLElement {
  const p = panel('orders', 'Orders');
  let scope: 'open' | 'all' = 'open';
  const toggle = h(
    'select',
    {
      'aria-label': 'Which orders',
      onchange: () => {
        scope = toggle.value as 'open' | 'all';
        void refresh();
      },
    },
    h('option', { value: 'open' }, 'Open'),
    h('option', { value: 'all' }, 'All recent'),
  );
  p.actions.append(toggle);
  const table = dataTable(
    ['Time', 'Order', 'Strategy', 'Instrument', 'Side', 'Type', 'Qty', 'Filled', 'Price', 'Status', ''],
    'No open orders.',
    [6, 7, 8],
  );
  p.body.append(table.el);

  const render = (orders: OrderInfo[]) => {
    ctx.addInstruments(orders.map((o) => o.instrumentId));
    table.setRows(
      orders.map((o) => {
        const cancel = h(
          'button',
          {
            class: 'btn btn-small',
            'data-action': 'cancel',
            title: `Cancel ${o.clientOrderId}`,
            onclick: () =>
              void ctx
                .act(cancel, `Cancel ${o.clientOrderId}`, () => ctx.api.cancelOrder(o.clientOrderId))
                .then(refresh),
          },
          'Cancel',
        );
        return row(
          [
            timeOfUs(o.tsInit),
            { v: o.clientOrderId, cls: 'mono' },
            o.strategyId,
            o.instrumentId,
            { v: o.side, cls: o.side === 'BUY' ? 'pos' : 'neg' },
            o.type,
            { v: o.quantity, cls: 'num' },
            { v: o.filled, cls: 'num' },
            { v: o.price || '-', cls: 'num' },
            o.status,
            OPEN_STATES.has(o.status) || scope === 'open' ? cancel : '',
          ],
          { 'data-order-id': o.clientOrderId, 'data-status': o.status },
        );
      }),
    );
  };
  const refresh = async () =>
    render(listOf(await ctx.api.orders({ status: scope, limit: 200 }), 'orders') as OrderInfo[]);

  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx.stream.on('orders', (m) => {
    if (/Denied|Rejected/.test(m.type)) {
      const d = m.data as { clientOrderId?: string; code?: string; reason?: string } | undefined;
      ctx.log(
        'alert',
        'orders',
        `${m.type} ${d?.clientOrderId ?? ''} ${d?.code ?? ''} ${d?.reason ?? ''}`.trim(),
      );
    }
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 100);
  });
  ctx.addRefresher(refresh);
  return p.section;
}
