/**
 * The top bar: name, environment, connection state (REST and stream), server time, risk state,
 * the API key setting and the link to backtest reports. Also the "not connected" banner.
 */
import type { Dashboard } from '../dashboard.js';
import { API_PATH } from '../connection.js';
import { h } from '../dom.js';

export interface HeaderBar {
  readonly el: HTMLElement;
  readonly banner: HTMLElement;
  setEnvironment(env: string, timeUs?: number): void;
  setRisk(state: string): void;
}

export function mountHeaderBar(ctx: Dashboard): HeaderBar {
  const env = h('span', { class: 'badge env', 'data-testid': 'environment' }, '—');
  const conn = h('span', { class: 'conn conn-down', 'data-testid': 'connection' }, 'not connected');
  const time = h('span', { class: 'muted small server-time' });
  const risk = h('span', { class: 'badge risk-badge', 'data-testid': 'header-risk' }, 'RISK ?');
  const keyBtn = h(
    'button',
    {
      class: 'btn btn-small',
      title: 'API key used for trading and risk actions (stored in this browser)',
      onclick: () => {
        const next = prompt('API key (empty to forget it):', ctx.key.value ?? '');
        if (next === null) return;
        ctx.key.set(next);
        keyBtn.textContent = ctx.key.value ? 'Key ✓' : 'API key';
        ctx.stream.reconnect();
        void ctx.refreshAll();
      },
    },
    ctx.key.value ? 'Key ✓' : 'API key',
  );
  const el = h(
    'header',
    { class: 'topbar' },
    h('h1', {}, 'QuantFlow'),
    env,
    conn,
    time,
    h('span', { class: 'spacer' }),
    risk,
    h('a', { href: 'report.html', class: 'btn btn-small' }, 'Backtests'),
    keyBtn,
  );
  const banner = h(
    'div',
    { class: 'banner', 'data-testid': 'not-connected', role: 'alert' },
    `Not connected: cannot reach the QuantFlow API at ${location.origin}${API_PATH}. Retrying…`,
  );

  let streamState = 'idle';
  const renderConn = () => {
    const up = ctx.connected;
    const live = streamState === 'open';
    conn.className = `conn ${up && live ? 'conn-up' : up ? 'conn-partial' : 'conn-down'}`;
    conn.textContent = up ? (live ? 'live' : `connected · stream ${streamState}`) : 'not connected';
    banner.hidden = up;
  };
  ctx.onConnection(renderConn);
  ctx.stream.onState((s) => {
    streamState = s.state;
    renderConn();
  });
  return {
    el,
    banner,
    setEnvironment(e, timeUs) {
      env.textContent = e;
      if (timeUs)
        time.textContent = `server ${new Date(timeUs / 1000).toLocaleTimeString([], { hour12: false })}`;
    },
    setRisk(state) {
      risk.textContent = state;
      risk.className = `badge risk-badge risk-${state.toLowerCase()}`;
    },
  };
}
