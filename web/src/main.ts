/**
 * Dashboard entry: builds the layout, then keeps a connection to the server. Until
 * `GET /api/v1/health` answers, the page shows a "not connected" banner and retries; once it
 * does, the panels load over REST and the WebSocket stream keeps them live, with a slower REST
 * poll as a safety net.
 */
import './styles.css';
import { isResumeGap, StreamClient, type StreamTopic } from '../../src/client/index.js';
import { ApiKey, describeError, restClient, streamUrl } from './connection.js';
import { Dashboard } from './dashboard.js';
import { MarketFeed } from './market-feed.js';
import { mountAccountPanel } from './panels/account-panel.js';
import { mountBookPanel } from './panels/book-panel.js';
import { mountChartPanel } from './panels/chart-panel.js';
import { mountFeedPanel } from './panels/feed-panel.js';
import { mountFillsPanel } from './panels/fills-panel.js';
import { mountHeaderBar } from './panels/header-bar.js';
import { mountLogPanel } from './panels/log-panel.js';
import { mountOrdersPanel } from './panels/orders-panel.js';
import { mountPositionsPanel } from './panels/positions-panel.js';
import { mountRiskPanel } from './panels/risk-panel.js';
import { mountStrategiesPanel } from './panels/strategies-panel.js';
import { mountTicketPanel } from './panels/ticket-panel.js';

const RETRY_MS = 3000;
const POLL_MS = 5000;
/** Durable and periodic topics every dashboard wants; instrument topics follow the selection. */
const TOPICS: StreamTopic[] = ['orders', 'fills', 'positions', 'pnl', 'risk', 'health', 'logs'];

const key = new ApiKey();
const api = restClient(key);
const stream = new StreamClient({
  url: streamUrl,
  key: () => key.value,
  reconnectDelayMs: 500,
  // One broken panel must not stop the others from updating; its error goes to the log feed.
  onHandlerError: (e) =>
    ctx.log('error', 'dashboard', `A panel failed on a stream event: ${describeError(e)}`),
});
const ctx = new Dashboard(api, stream, key);

const header = mountHeaderBar(ctx);
const log = mountLogPanel(ctx); // first, so it sees the log entries of the others' start-up
const feed = new MarketFeed(ctx);
const grid = document.createElement('main');
grid.className = 'grid';
grid.append(
  mountChartPanel(ctx, feed),
  mountBookPanel(ctx, feed),
  mountAccountPanel(ctx),
  mountTicketPanel(ctx),
  mountRiskPanel(ctx, (s) => header.setRisk(s)),
  mountPositionsPanel(ctx),
  mountOrdersPanel(ctx),
  mountFillsPanel(ctx),
  mountStrategiesPanel(ctx),
  mountFeedPanel(ctx),
  log,
);
document.getElementById('app')?.replaceChildren(header.el, header.banner, grid);

ctx.addRefresher(async () => {
  const node = await api.node();
  header.setEnvironment(node.environment, node.timeUs);
  ctx.addInstruments(node.instruments ?? []);
});
stream.subscribe(TOPICS);
stream.onState((s) => {
  if (s.state === 'closed' && ctx.connected)
    ctx.log(
      'warn',
      'stream',
      'Stream disconnected; reconnecting (order events resume from the last sequence).',
    );
  if (s.state === 'open') ctx.log('info', 'stream', 'Stream connected.');
});
stream.onReply((r) => {
  if (r.type !== 'error') return;
  ctx.log('error', 'stream', `${r.code}: ${r.message}`);
  // Events the server no longer keeps were missed: the panels reload them over REST.
  if (isResumeGap(r)) void ctx.refreshAll();
});

let lastError = '';
async function tick(): Promise<void> {
  try {
    const health = await api.health();
    if (health.status !== 'ok') throw new Error(`health status ${health.status}`);
    if (!ctx.connected) {
      ctx.setConnected(true);
      lastError = '';
      ctx.log('info', 'api', `Connected to QuantFlow ${health.version ?? ''}`.trim());
      stream.start();
    }
    await ctx.refreshAll();
  } catch (e) {
    const msg = describeError(e);
    if (ctx.connected || msg !== lastError) ctx.log('warn', 'api', `Not connected: ${msg}`);
    lastError = msg;
    if (ctx.connected) stream.close();
    ctx.setConnected(false);
  }
  setTimeout(() => void tick(), ctx.connected ? POLL_MS : RETRY_MS);
}
void tick();
