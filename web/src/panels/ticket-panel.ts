/**
 * Order ticket: instrument, side, quantity, type, price / trigger price, time in force. Submits
 * `POST /orders` (the server routes it through the risk engine as strategy `operator`); a denial
 * shows its code. Needs an API key with role trader.
 */
import {
  QuantflowApiError,
  type OrderTypeName as OrderType,
  type Side as OrderSide,
  type SubmitOrderRequest as OrderRequest,
  type TimeInForceName,
} from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel } from '../dom.js';

const TYPES: OrderType[] = ['LIMIT', 'MARKET', 'STOP_MARKET', 'STOP_LIMIT'];
const TIFS = ['', 'GTC', 'IOC', 'FOK', 'DAY'];

export function mountTicketPanel(ctx: Dashboard): HTMLElement {
  const p = panel('ticket', 'Order ticket');
  let side: OrderSide = 'BUY';
  const instrument = h('input', {
    name: 'instrument',
    list: 'instrument-list',
    required: true,
    value: ctx.selected ?? '',
    autocomplete: 'off',
  });
  const buy = h(
    'button',
    { type: 'button', class: 'side side-buy active', 'data-side': 'BUY', onclick: () => setSide('BUY') },
    'Buy',
  );
  const sell = h(
    'button',
    { type: 'button', class: 'side side-sell', 'data-side': 'SELL', onclick: () => setSide('SELL') },
    'Sell',
  );
  const qty = h('input', {
    name: 'quantity',
    inputmode: 'decimal',
    required: true,
    pattern: '\\d*\\.?\\d+',
    placeholder: '0.01',
  });
  const type = h(
    'select',
    { name: 'type', onchange: () => syncType() },
    ...TYPES.map((t) => h('option', { value: t }, t.replace('_', ' '))),
  );
  const price = h('input', {
    name: 'price',
    inputmode: 'decimal',
    pattern: '\\d*\\.?\\d+',
    placeholder: 'limit price',
  });
  const trigger = h('input', {
    name: 'triggerPrice',
    inputmode: 'decimal',
    pattern: '\\d*\\.?\\d+',
    placeholder: 'trigger price',
  });
  const tif = h(
    'select',
    { name: 'timeInForce' },
    ...TIFS.map((t) => h('option', { value: t }, t || 'default')),
  );
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', 'data-action': 'submit-order' },
    'Place BUY',
  );
  const result = h('p', {
    class: 'ticket-result small',
    'data-testid': 'ticket-result',
    'aria-live': 'polite',
  });
  const priceRow = h('label', {}, 'Price', price);
  const triggerRow = h('label', {}, 'Trigger', trigger);

  function setSide(s: OrderSide): void {
    side = s;
    buy.classList.toggle('active', s === 'BUY');
    sell.classList.toggle('active', s === 'SELL');
    submit.textContent = `Place ${s}`;
    submit.classList.toggle('btn-sell', s === 'SELL');
  }
  function syncType(): void {
    const t = type.value as OrderType;
    priceRow.hidden = !(t === 'LIMIT' || t === 'STOP_LIMIT');
    triggerRow.hidden = !(t === 'STOP_MARKET' || t === 'STOP_LIMIT');
    price.required = !priceRow.hidden;
    trigger.required = !triggerRow.hidden;
  }

  const form = h(
    'form',
    {
      class: 'ticket',
      'data-testid': 'order-ticket',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const t = type.value as OrderType;
        const order: OrderRequest = {
          instrumentId: instrument.value.trim(),
          side,
          type: t,
          quantity: qty.value.trim(),
        };
        if (!priceRow.hidden) order.price = price.value.trim();
        if (!triggerRow.hidden) order.triggerPrice = trigger.value.trim();
        if (tif.value) order.timeInForce = tif.value as TimeInForceName;
        result.className = 'ticket-result small';
        result.textContent = 'Submitting…';
        submit.disabled = true;
        ctx.api
          .submitOrder(order)
          .then((r) => {
            result.classList.add('pos');
            result.textContent = `${r.status}: ${r.clientOrderId}`;
            ctx.log(
              'info',
              'operator',
              `Order ${r.clientOrderId} ${side} ${order.quantity} ${order.instrumentId} ${t} → ${r.status}`,
            );
            ctx.select(order.instrumentId);
            void ctx.refreshAll();
          })
          .catch((e: unknown) => {
            result.classList.add('neg');
            const denial =
              e instanceof QuantflowApiError
                ? (e.details as { denialCode?: string } | undefined)?.denialCode
                : undefined;
            const text =
              e instanceof QuantflowApiError
                ? `${e.code}${denial ? ` ${denial}` : ''}: ${e.message}`
                : String(e);
            result.textContent = text;
            ctx.log('alert', 'operator', `Order refused: ${text}`);
          })
          .finally(() => {
            submit.disabled = false;
          });
      },
    },
    h('label', {}, 'Instrument', instrument),
    h('div', { class: 'side-toggle', role: 'group', 'aria-label': 'Side' }, buy, sell),
    h('label', {}, 'Quantity', qty),
    h('label', {}, 'Type', type),
    priceRow,
    triggerRow,
    h('label', {}, 'Time in force', tif),
    submit,
    result,
  );
  ctx.onSelect((id) => {
    if (document.activeElement !== instrument) instrument.value = id;
  });
  syncType();
  p.body.append(form);
  return p.section;
}
