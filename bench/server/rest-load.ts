/**
 * REST load: GET requests at a fixed rate (open loop: each request leaves on schedule whether or
 * not earlier ones answered, so a slow server shows as latency rather than as a lower rate),
 * taking the routes in turn, over keep-alive connections.
 *
 * The client is `node:http` with a keep-alive agent, not `fetch`: undici's web streams cost the
 * generator itself 2–5 ms at the 99th percentile on this 2-core machine (measured against a bare
 * Fastify app answering a constant), which would hide the server's own tail.
 */
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram.js';
import { round } from '../measure.js';

export interface RestLoadOptions {
  readonly baseUrl: string;
  /** Paths taken in turn, e.g. `['/api/v1/health', '/api/v1/portfolio']`. */
  readonly routes: readonly string[];
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly headers?: Record<string, string>;
}

export interface RestLoadResult {
  readonly routes: readonly string[];
  readonly requests: number;
  readonly achievedRatePerSecond: number;
  /** Responses by HTTP status (`error` for network failures). */
  readonly statuses: Record<string, number>;
  readonly latencyUs: { p50: number; p99: number; p999: number; max: number };
}

export async function runRestLoad(options: RestLoadOptions): Promise<RestLoadResult> {
  const base = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latency = new LatencyHistogram();
  const statuses: Record<string, number> = {};
  const total = Math.round(options.ratePerSecond * options.seconds);
  const count = (status: string, t0: number): void => {
    latency.record((performance.now() - t0) * 1000);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  let sent = 0;
  let answered = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const done = (status: string, started: number): void => {
      count(status, started);
      if (++answered === total) resolve();
    };
    const one = (path: string): void => {
      const started = performance.now();
      const req = get(
        { host: base.hostname, port: base.port, path, agent, headers: options.headers },
        (res) => {
          res.resume();
          res.once('end', () => done(String(res.statusCode), started));
        },
      );
      req.once('error', () => done('error', started));
    };
    const step = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * options.ratePerSecond));
      while (sent < due) one(options.routes[sent++ % options.routes.length]!);
      if (sent < total) setTimeout(step, 1);
    };
    step();
  });
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  return {
    routes: options.routes,
    requests: sent,
    achievedRatePerSecond: Math.round(sent / seconds),
    statuses,
    latencyUs: {
      p50: latency.quantile(0.5),
      p99: latency.quantile(0.99),
      p999: latency.quantile(0.999),
      max: round(latency.maxUs),
    },
  };
}
