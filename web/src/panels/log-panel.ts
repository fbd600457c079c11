/** Alerts and log feed: the server's `logs` topic plus the dashboard's own alerts (risk, denials, connection). */
import type { Dashboard, LogEntry, LogLevel } from '../dashboard.js';
import { h, panel } from '../dom.js';

const MAX_ENTRIES = 300;
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, alert: 4 };

export function mountLogPanel(ctx: Dashboard): HTMLElement {
  const p = panel('logs', 'Alerts & log');
  const filter = h(
    'select',
    { 'aria-label': 'Minimum level', onchange: () => apply() },
    h('option', { value: 'info' }, 'info+'),
    h('option', { value: 'debug' }, 'all'),
    h('option', { value: 'warn' }, 'warnings+'),
    h('option', { value: 'alert' }, 'alerts'),
  );
  const clear = h('button', { class: 'btn btn-small', onclick: () => list.replaceChildren() }, 'Clear');
  p.actions.append(filter, clear);
  const list = h('ol', { class: 'log', 'aria-live': 'polite' });
  p.body.append(list);

  const visible = (level: string) => (RANK[level as LogLevel] ?? 1) >= RANK[filter.value as LogLevel];
  const apply = () => {
    for (const li of list.children)
      (li as HTMLElement).hidden = !visible((li as HTMLElement).dataset.level ?? 'info');
  };
  const add = (e: LogEntry) => {
    const li = h(
      'li',
      { class: `log-${e.level}`, 'data-level': e.level },
      h('time', {}, new Date(e.tsMs).toLocaleTimeString([], { hour12: false })),
      h('span', { class: 'log-level' }, e.level.toUpperCase()),
      h('span', { class: 'log-source' }, e.source),
      h('span', { class: 'log-msg' }, e.message),
    );
    li.hidden = !visible(e.level);
    list.prepend(li);
    while (list.children.length > MAX_ENTRIES) list.lastElementChild?.remove();
  };
  ctx.onLog(add);
  ctx.stream.on('logs', (m) => {
    const d = (m.data ?? {}) as {
      level?: string;
      msg?: string;
      message?: string;
      source?: string;
      component?: string;
    };
    const raw = String(d.level ?? m.type ?? 'info').toLowerCase();
    const level: LogLevel = raw in RANK ? (raw as LogLevel) : raw === 'warning' ? 'warn' : 'info';
    add({
      tsMs: m.ts ? m.ts / 1000 : Date.now(),
      level,
      source: d.source ?? d.component ?? 'server',
      message: d.message ?? d.msg ?? (typeof m.data === 'string' ? m.data : JSON.stringify(m.data)),
    });
  });
  return p.section;
}
