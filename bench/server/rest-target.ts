/**
 * The REST load's target: the real server (src/server/serve-node.ts) in front of a paper node on
 * the simulated market, as `quantflow paper --serve` runs it, in its own process so the load
 * generator does not share its event loop. Prints its port on stdout; runs until killed.
 */
import { LiveClock } from '../../src/core/clock.js';
import { simPaperNode } from '../../src/live/sim-paper-node.js';
import { serveNode } from '../../src/server/serve-node.js';
import { SmaCross } from '../../src/strategy/builtin/sma-cross.js';

const clock = new LiveClock();
const node = simPaperNode({ clock, seed: 3, durationUs: 30 * 60 * 1_000_000 });
node.addStrategy(new SmaCross({ fast: 2, slow: 4, qty: 10 }, 'sma-cross-001'));
await node.start();
// Rate limiting off: the load comes from one address at 1,000 requests a second by design.
const served = await serveNode({
  node,
  host: '127.0.0.1',
  port: 0,
  auth: { keys: [] },
  version: 'bench',
  clock,
  rateLimit: false,
});
process.stdout.write(`${new URL(served.url).port}\n`);
