/**
 * REST load: GET requests to `baseUrl + route` at a fixed rate (open loop: each request leaves
 * on schedule whether or not earlier ones answered, so a slow server shows as latency rather
 * than as a lower rate), over keep-alive connections (Node's fetch). Any server works: the lead
 * points it at the real app; main.ts runs it against a minimal Fastify app in a child process.
 */
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram.js';
import { round } from '../measure.js';

export interface RestLoadOptions {
  readonly baseUrl: string;
  /** e.g. `/api/v1/health`. */
  readonly route: string;
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly headers?: Record<string, string>;
}

export interface RestLoadResult {
  readonly url: string;
  readonly requests: number;
  readonly achievedRatePerSecond: number;
  /** Responses by HTTP status (`error` for network failures). */
  readonly statuses: Record<string, number>;
  readonly latencyUs: { p50: number; p99: number; p999: number; max: number };
}

export async function runRestLoad(options: RestLoadOptions): Promise<RestLoadResult> {
  const url = new URL(options.route, options.baseUrl).toString();
  const latency = new LatencyHistogram();
  const statuses: Record<string, number> = {};
  const total = Math.round(options.ratePerSecond * options.seconds);
  const inFlight: Promise<void>[] = [];
  const one = async (): Promise<void> => {
    const t0 = performance.now();
    let status = 'error';
    try {
      const res = await fetch(url, options.headers === undefined ? {} : { headers: options.headers });
      await res.arrayBuffer();
      status = String(res.status);
    } catch {
      // counted as `error`
    }
    latency.record((performance.now() - t0) * 1000);
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  let sent = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * options.ratePerSecond));
      while (sent < due) {
        sent++;
        inFlight.push(one());
      }
      if (sent >= total) resolve();
      else setTimeout(step, 1);
    };
    step();
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  return {
    url,
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
