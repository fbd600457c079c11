/**
 * The REST benchmark's peer: Fastify alone, answering a constant health document, with the same
 * JSON shape as ours. Prints its port on stdout; runs until killed.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/v1/health', () => ({ status: 'ok', version: 'bench', uptimeSeconds: 0, node: false }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : ''}\n`);
