/**
 * The client side of the stream load benchmark (stream-load.ts), in its own process so the
 * clients do not share the server's event loop: opens N `ws` connections, subscribes each to
 * the given topics, and counts what arrives — messages, durable seqs (each client must see
 * every one, once, in order), and delivery latency (receipt − the hub's `ts`, both on the
 * monotonic clock). Talks to its parent over IPC: `ready` once subscribed, the totals on `finish`.
 */
import { WebSocket } from 'ws';
import { LatencyHistogram, monotonicUs } from './latency-histogram.js';

export interface ClientsReport {
  readonly clients: number;
  readonly messages: number;
  readonly quotes: number;
  readonly durable: number;
  /** Per client: the highest seq seen, and durable events out of order, repeated or skipped. */
  readonly lastSeqs: number[];
  readonly seqErrors: number;
  readonly closes: { code: number; reason: string }[];
  readonly quoteLatency: ReturnType<LatencyHistogram['toJSON']>;
  readonly durableLatency: ReturnType<LatencyHistogram['toJSON']>;
}

interface Incoming {
  seq?: number;
  topic?: string;
  ts?: number;
  type?: string;
}

async function main(): Promise<void> {
  const [url, countText, topicsJson] = process.argv.slice(2);
  const count = Number(countText);
  // Either one topic list for every client, or one list per client.
  const lists = JSON.parse(topicsJson!) as string[] | string[][];
  const topicsOf = (i: number): string[] =>
    Array.isArray(lists[0]) ? (lists as string[][])[i % lists.length]! : (lists as string[]);
  const quoteLatency = new LatencyHistogram();
  const durableLatency = new LatencyHistogram();
  let messages = 0;
  let quotes = 0;
  let durable = 0;
  let seqErrors = 0;
  const lastSeqs = new Array<number>(count).fill(0);
  const closes: { code: number; reason: string }[] = [];
  const sockets: WebSocket[] = [];
  const subscribed: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(url!);
    sockets.push(ws);
    subscribed.push(
      new Promise<void>((resolve, reject) => {
        ws.once('error', reject);
        ws.on('open', () => ws.send(JSON.stringify({ op: 'subscribe', topics: topicsOf(i) })));
        ws.on('close', (code, reason) => closes.push({ code, reason: String(reason) }));
        const receive = (m: Incoming, now: number): void => {
          if (m.type === 'subscribed') return resolve();
          if (m.topic === undefined) return;
          messages++;
          if (m.seq !== undefined && m.seq > 0) {
            durable++;
            if (m.seq !== lastSeqs[i]! + 1) seqErrors++;
            lastSeqs[i] = m.seq;
            durableLatency.record(now - m.ts!);
          } else if (m.topic.startsWith('quotes:')) {
            quotes++;
            quoteLatency.record(now - m.ts!);
          }
        };
        ws.on('message', (data) => {
          const now = monotonicUs();
          // A batched frame is an array of messages.
          const frame = JSON.parse(String(data)) as Incoming | Incoming[];
          if (Array.isArray(frame)) for (const m of frame) receive(m, now);
          else receive(frame, now);
        });
      }),
    );
  }
  await Promise.all(subscribed);
  process.send!({ type: 'ready' });
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'status') process.send!({ type: 'status', minSeq: Math.min(...lastSeqs), messages });
    if (msg.type !== 'finish') return;
    const report: ClientsReport = {
      clients: count,
      messages,
      quotes,
      durable,
      lastSeqs,
      seqErrors,
      closes,
      quoteLatency: quoteLatency.toJSON(),
      durableLatency: durableLatency.toJSON(),
    };
    process.send!({ type: 'report', report }, () => {
      for (const ws of sockets) ws.terminate();
      process.exit(0);
    });
  });
}

void main();
