/** Feed health from the `health` topic (pushed once a second): status, rate, latency, gaps, staleness. */
import type { Dashboard } from '../dashboard.js';
import { dataTable, h, panel, row } from '../dom.js';
import { fmtNum } from '../format.js';
import { listOf, num } from '../lib/market-data.js';

interface FeedHealthView {
  venue?: string;
  status?: string;
  messagesPerSecond?: number;
  latencyP50Us?: number;
  latencyP99Us?: number;
  gaps?: number;
  reconnects?: number;
  duplicates?: number;
  malformed?: number;
  staleInstruments?: string[];
  queue?: { depth?: number; softCapacity?: number };
}

export function mountFeedPanel(ctx: Dashboard): HTMLElement {
  const p = panel('feed', 'Feed health');
  const table = dataTable(
    ['Venue', 'Status', 'msg/s', 'p50', 'p99', 'Gaps', 'Reconn.', 'Dups', 'Bad', 'Queue', 'Stale'],
    'Waiting for the health topic…',
    [2, 3, 4, 5, 6, 7, 8],
  );
  const age = h('p', { class: 'muted small' });
  p.body.append(table.el, age);
  const ms = (us: unknown) => (Number.isFinite(num(us)) ? `${(num(us) / 1000).toFixed(1)} ms` : '-');

  ctx.stream.on('health', (m) => {
    const d = m.data as Record<string, unknown> | undefined;
    // The payload may be one feed, a list, or an object holding them (`feed`/`feeds`).
    const feeds = (
      Array.isArray(d) ? d : d?.feeds ? listOf(d, 'feeds') : d?.feed ? [d.feed] : d ? [d] : []
    ) as FeedHealthView[];
    table.setRows(
      feeds.map((f) => {
        const ok = f.status === 'CONNECTED' || f.status === 'RUNNING';
        return row([
          f.venue ?? '-',
          { v: h('span', { class: `badge ${ok ? 'state-running' : 'state-failed'}` }, f.status ?? '?') },
          { v: fmtNum(num(f.messagesPerSecond), 0), cls: 'num' },
          { v: ms(f.latencyP50Us), cls: 'num' },
          { v: ms(f.latencyP99Us), cls: 'num' },
          { v: f.gaps ?? '-', cls: 'num' },
          { v: f.reconnects ?? '-', cls: 'num' },
          { v: f.duplicates ?? '-', cls: 'num' },
          { v: f.malformed ?? '-', cls: 'num' },
          f.queue ? `${f.queue.depth ?? '?'}/${f.queue.softCapacity ?? '?'}` : '-',
          {
            v: (f.staleInstruments ?? []).join(', ') || '—',
            cls: (f.staleInstruments ?? []).length ? 'neg' : '',
          },
        ]);
      }),
    );
    age.textContent = `Updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
  });
  return p.section;
}
