/**
 * A data client a test pushes events through by hand (`client.sink!.onQuote(...)`, then
 * `node.pump()`): a trading node's market data without timers or sockets.
 */
import { FeedStatus, type DataClient, type DataSink } from '../../src/data/feed/data-client.js';

export class ManualDataClient implements DataClient {
  readonly venue: string;
  status: FeedStatus = FeedStatus.DISCONNECTED;
  sink: DataSink | undefined;

  constructor(venue = 'SIM') {
    this.venue = venue;
  }

  async connect(sink: DataSink): Promise<void> {
    this.sink = sink;
    this.status = FeedStatus.CONNECTED;
    sink.onStatus(FeedStatus.CONNECTED);
  }
  async disconnect(): Promise<void> {
    this.status = FeedStatus.DISCONNECTED;
  }
  async subscribe(): Promise<void> {}
  async unsubscribe(): Promise<void> {}
  requestBookSnapshot(): void {}
}
