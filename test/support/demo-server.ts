/**
 * A paper node on the simulated market with the server in front of it, in this process: what
 * the dashboard's end-to-end tests (test/e2e/dashboard.e2e.ts) drive. The same wiring as
 * `quantflow paper --serve` (src/server/serve-node.ts), on 127.0.0.1 and a free port, with an
 * admin key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveClock } from '../../src/core/clock.js';
import { simPaperNode } from '../../src/live/sim-paper-node.js';
import { parseRiskConfig } from '../../src/risk/risk-limits.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { InProcessBacktestService } from '../../src/server/backtests/backtest-service.js';
import { workerBacktestRunner } from '../../src/server/backtests/worker-backtest-runner.js';
import { OperatorStrategy } from '../../src/server/operator-strategy.js';
import { serveNode } from '../../src/server/serve-node.js';
import { SmaCross } from '../../src/strategy/builtin/sma-cross.js';
import { REPO_ROOT } from './cli.js';

export interface DemoServer {
  readonly url: string;
  readonly apiKey: string;
  readonly instrumentId: string;
  readonly backtest: Record<string, unknown>;
  close(): Promise<void>;
}

const API_KEY = 'e2e-admin-key-0001';

export async function startDemoServer(): Promise<DemoServer> {
  const clock = new LiveClock();
  const usd = currency('USD');
  const id = instrumentId('BTCUSD', 'SIM');
  // The demo's own risk limits, so the risk panel has limits in use to show.
  const risk = parseRiskConfig(
    JSON.parse(readFileSync(join(REPO_ROOT, 'data', 'demo', 'risk.json'), 'utf8')),
  );
  const node = simPaperNode({ clock, seed: 7, durationUs: 10 * 60 * 1_000_000, risk });
  node.addStrategy(new OperatorStrategy());
  node.addStrategy(new SmaCross({ fast: 2, slow: 4, qty: 10 }, 'sma-cross-001'));
  await node.start();
  const served = await serveNode({
    node,
    host: '127.0.0.1',
    port: 0,
    auth: { keys: [{ key: API_KEY, role: 'admin' }] },
    version: 'e2e',
    clock,
    webRoot: join(REPO_ROOT, 'dist', 'web'),
    backtests: new InProcessBacktestService({
      clock,
      run: workerBacktestRunner({ dataDir: join(REPO_ROOT, 'data', 'sample') }),
    }),
    startingCash: Money.fromNumber(100_000, usd),
    riskConfig: risk,
  });
  return {
    url: served.url,
    apiKey: API_KEY,
    instrumentId: id,
    backtest: { strategy: 'sma-cross', data: ['spy.csv'] },
    close: async () => {
      await served.close();
      await node.stop();
    },
  };
}
