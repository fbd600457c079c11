/**
 * Strategies: state, PnL, open orders, instruments and parameters, with Start / Stop and an
 * editable parameter set (`PUT /strategies/:id/params`: the server validates, then replaces the
 * running instance with one using the new parameters).
 */
import type { StrategyInfo } from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { dataTable, h, panel, row } from '../dom.js';
import { amount, signClass } from '../format.js';
import { listOf } from '../lib/market-data.js';

export function mountStrategiesPanel(ctx: Dashboard): HTMLElement {
  const p = panel('strategies', 'Strategies');
  const table = dataTable(
    ['Strategy', 'State', 'PnL', 'Orders', 'Instruments', 'Parameters', ''],
    'No strategies on this node.',
    [2, 3],
  );
  p.body.append(table.el);
  // Re-rendering every poll would wipe parameters being edited: skip while an input has focus.
  const editing = () =>
    p.body.contains(document.activeElement) && document.activeElement?.tagName === 'INPUT';

  const render = (strategies: StrategyInfo[]) => {
    ctx.addInstruments(strategies.flatMap((s) => s.instruments ?? []));
    if (editing()) return;
    table.setRows(
      strategies.map((s) => {
        const params = Object.entries(s.params ?? {});
        const inputs = params.map(([k, v]) => {
          const simple = v === null || ['string', 'number', 'boolean'].includes(typeof v);
          return h(
            'label',
            { class: 'param' },
            k,
            h('input', {
              name: k,
              value: simple ? String(v) : JSON.stringify(v),
              'data-kind': typeof v,
              size: 8,
            }),
          );
        });
        const running = s.state === 'RUNNING';
        const toggle = h(
          'button',
          {
            class: `btn btn-small ${running ? 'btn-warn' : ''}`,
            'data-action': running ? 'stop' : 'start',
            onclick: () =>
              void ctx
                .act(toggle, `${running ? 'Stop' : 'Start'} ${s.id}`, () =>
                  running ? ctx.api.stopStrategy(s.id) : ctx.api.startStrategy(s.id),
                )
                .then(() => ctx.refreshAll()),
          },
          running ? 'Stop' : 'Start',
        );
        const apply = h(
          'button',
          {
            class: 'btn btn-small',
            'data-action': 'apply-params',
            disabled: params.length === 0,
            onclick: () => {
              const next: Record<string, unknown> = {};
              for (const input of paramBox.querySelectorAll('input'))
                next[input.name] = parseParam(input.value, input.dataset.kind);
              void ctx
                .act(apply, `Re-parameterize ${s.id}`, () => ctx.api.setParams(s.id, next))
                .then(() => ctx.refreshAll());
            },
          },
          'Apply',
        );
        const paramBox = h('div', { class: 'params' }, ...inputs);
        return row(
          [
            { v: s.id, cls: 'mono' },
            { v: h('span', { class: `badge state-${s.state.toLowerCase()}` }, s.state) },
            { v: amount(s.pnl), cls: `num ${signClass(s.pnl)}` },
            { v: s.openOrders ?? '-', cls: 'num' },
            (s.instruments ?? []).join(', ') || '-',
            params.length ? paramBox : '-',
            h('div', { class: 'row-actions' }, toggle, apply),
          ],
          { 'data-strategy-id': s.id },
        );
      }),
    );
  };
  ctx.addRefresher(async () => render(listOf(await ctx.api.strategies(), 'strategies') as StrategyInfo[]));
  return p.section;
}

/** A parameter back in the type it was sent with (numbers stay numbers; objects from JSON). */
function parseParam(text: string, kind: string | undefined): unknown {
  if (kind === 'number') return Number(text);
  if (kind === 'boolean') return text === 'true';
  if (kind === 'object') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
