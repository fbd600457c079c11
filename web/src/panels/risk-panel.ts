/**
 * Risk: the engine's state (ACTIVE / REDUCING / HALTED, the circuit breaker), why, day-start and
 * peak equity, how much of each limit with a running total is used (a gauge each: daily loss,
 * drawdown, open orders, exposures, positions), the configured limits, and the operator's
 * Halt / Resume / Kill switch (role admin).
 */
import type { RiskInfo } from '../../../src/client/index.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel, setChildren } from '../dom.js';
import { amount } from '../format.js';

export function mountRiskPanel(ctx: Dashboard, onState: (state: string) => void): HTMLElement {
  const p = panel('risk', 'Risk');
  const badge = h('span', { class: 'badge risk-badge', 'data-testid': 'risk-state' }, 'UNKNOWN');
  const reason = h('span', { class: 'muted small', 'data-testid': 'risk-reason' });
  const figures = h('dl', { class: 'stats stats-small' });
  const limits = h('table', { class: 'kv limits' });
  const usage = h('table', { class: 'usage', 'data-testid': 'risk-usage' });
  const reasonInput = h('input', {
    placeholder: 'reason (optional)',
    'aria-label': 'Reason',
    class: 'reason',
  });
  const why = () => reasonInput.value.trim() || 'operator (dashboard)';
  const after = () => void refresh().catch(() => undefined);
  const halt = h(
    'button',
    {
      class: 'btn btn-danger',
      'data-action': 'halt',
      onclick: () => void ctx.act(halt, 'Halt trading', () => ctx.api.halt(why())).then(after),
    },
    'Halt',
  );
  const resume = h(
    'button',
    {
      class: 'btn',
      'data-action': 'resume',
      onclick: () =>
        void ctx
          .act(resume, 'Resume trading', () => ctx.api.resume(reasonInput.value.trim() || undefined))
          .then(after),
    },
    'Resume',
  );
  const kill = h(
    'button',
    {
      class: 'btn btn-danger btn-outline',
      'data-action': 'kill-switch',
      title: 'Halt, cancel all orders and flatten all positions',
      onclick: () => {
        if (!confirm('Kill switch: halt, cancel every order and flatten every position?')) return;
        void ctx.act(kill, 'Kill switch', () => ctx.api.killSwitch(why())).then(after);
      },
    },
    'Kill switch',
  );
  p.body.append(
    h('div', { class: 'risk-state' }, badge, reason),
    figures,
    h('div', { class: 'risk-actions' }, reasonInput, halt, resume, kill),
    h('h3', {}, 'Limits used'),
    usage,
    h('h3', {}, 'Limits'),
    limits,
  );

  const showState = (state: string, why?: string) => {
    badge.textContent = state;
    badge.className = `badge risk-badge risk-${state.toLowerCase()}`;
    if (why !== undefined) reason.textContent = why;
    onState(state);
  };
  const render = (r: RiskInfo) => {
    showState(r.state, r.reason);
    setChildren(
      figures,
      h('div', {}, h('dt', {}, 'Day start equity'), h('dd', {}, amount(r.dayStartEquity))),
      h('div', {}, h('dt', {}, 'Peak equity'), h('dd', {}, amount(r.peakEquity))),
    );
    setChildren(
      usage,
      h(
        'tbody',
        {},
        ...(r.usage.length === 0
          ? [h('tr', {}, h('td', { class: 'muted' }, 'no limit with a running total'))]
          : r.usage.map((u) => {
              const pct = Math.min(100, u.fraction * 100);
              const level = u.fraction >= 0.9 ? 'high' : u.fraction >= 0.6 ? 'mid' : 'low';
              return h(
                'tr',
                {},
                h('th', {}, u.instrumentId ? `${u.limit} ${u.instrumentId}` : u.limit),
                h('td', { class: 'num' }, `${u.used} / ${u.max}`),
                h(
                  'td',
                  { class: 'gauge-cell' },
                  h(
                    'span',
                    { class: `gauge gauge-${level}`, title: `${pct.toFixed(0)} % used` },
                    h('span', { style: `width:${pct.toFixed(1)}%` }),
                  ),
                ),
              );
            })),
      ),
    );
    const flat = flatten(r.limits ?? {});
    setChildren(
      limits,
      h(
        'tbody',
        {},
        ...(flat.length ? flat : [['-', 'no limits configured']]).map(([k, v]) =>
          h('tr', {}, h('th', {}, k), h('td', {}, v)),
        ),
      ),
    );
  };
  const refresh = async () => render(await ctx.api.risk());
  ctx.addRefresher(refresh);
  ctx.stream.on('risk', (m) => {
    const d = m.data as { state?: string; reason?: string; cause?: string; previous?: string } | undefined;
    if (d?.state) {
      showState(d.state, d.reason);
      ctx.log(
        'alert',
        'risk',
        `Risk ${d.previous ?? '?'} → ${d.state}${d.cause ? ` (${d.cause})` : ''}: ${d.reason ?? ''}`,
      );
    }
  });
  return p.section;
}

/** Nested limits config as `path: value` rows. */
function flatten(obj: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out.push(...flatten(v as Record<string, unknown>, key));
    else if (v !== undefined) out.push([key, Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  return out;
}
