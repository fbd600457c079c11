import type { FeedEvent } from './feed-event.js';
import { formatReplayLine } from './replay-format.js';

/**
 * Writes events in the replay format (JSON Lines) through `write`, buffering lines so a busy
 * feed costs one write per {@link flush} rather than one per event. The caller owns the file.
 */
export class FeedRecorder {
  #buffer: string[] = [];
  #count = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly flushEvery = 1000,
  ) {}

  get count(): number {
    return this.#count;
  }

  record(event: FeedEvent): void {
    this.#buffer.push(formatReplayLine(event));
    this.#count++;
    if (this.#buffer.length >= this.flushEvery) this.flush();
  }

  flush(): void {
    if (this.#buffer.length === 0) return;
    this.write(this.#buffer.join('\n') + '\n');
    this.#buffer = [];
  }
}
