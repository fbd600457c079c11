import type { Portfolio } from '../portfolio/portfolio.js';

/** The equity curve: one point per distinct bar timestamp, after all bars of that time were handled. */
export interface EquitySeries {
  readonly length: number;
  /** µs since the epoch. */
  readonly ts: Float64Array;
  /** Cash plus market value of positions, raw currency units. */
  readonly equityRaw: Float64Array;
  readonly cashRaw: Float64Array;
  /** 1 when a position was open after this point (during [ts[i], ts[i+1])). */
  readonly exposed: Uint8Array;
}

/** Records the equity curve into typed arrays sized for the whole run (no allocation per point). */
export class EquityRecorder {
  #length = 0;
  readonly #ts: Float64Array;
  readonly #equityRaw: Float64Array;
  readonly #cashRaw: Float64Array;
  readonly #exposed: Uint8Array;

  constructor(
    private readonly portfolio: Portfolio,
    capacity: number,
  ) {
    this.#ts = new Float64Array(capacity);
    this.#equityRaw = new Float64Array(capacity);
    this.#cashRaw = new Float64Array(capacity);
    this.#exposed = new Uint8Array(capacity);
  }

  /** Records the portfolio as it stands at `tsUs`. */
  record(tsUs: number): void {
    const i = this.#length++;
    const portfolio = this.portfolio;
    this.#ts[i] = tsUs;
    this.#equityRaw[i] = portfolio.equityRaw();
    this.#cashRaw[i] = portfolio.cashRaw;
    this.#exposed[i] = portfolio.isExposed ? 1 : 0;
  }

  /** The points recorded so far (views, not copies). */
  series(): EquitySeries {
    const n = this.#length;
    return {
      length: n,
      ts: this.#ts.subarray(0, n),
      equityRaw: this.#equityRaw.subarray(0, n),
      cashRaw: this.#cashRaw.subarray(0, n),
      exposed: this.#exposed.subarray(0, n),
    };
  }
}
