/**
 * A minimal Fastify app for rest-load.ts until the real server app exists: GET /api/v1/health
 * with the contract's shape. Prints its port on stdout; runs until killed.
 */
import Fastify from 'fastify';

const app = Fastify();
const started = process.hrtime.bigint();
app.get('/api/v1/health', async () => ({
  status: 'ok',
  version: '0.1.0',
  uptimeSeconds: Number((process.hrtime.bigint() - started) / 1_000_000_000n),
}));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${(app.server.address() as { port: number }).port}\n`);
