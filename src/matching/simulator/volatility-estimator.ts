/**
 * Online estimate of the mid's volatility σ (ticks per √second) from irregularly spaced samples:
 * an exponentially weighted realised variance, Σ w·Δmid² / Σ w·Δt, where the weights decay with
 * time constant `windowSeconds`. Dividing by elapsed time (not by the sample count) keeps it
 * right whatever the spacing of the samples.
 */
export class VolatilityEstimator {
  #lastTime: number | undefined;
  #lastMid = 0;
  #sumSquares = 0;
  #sumSeconds = 0;
  #observedSeconds = 0;

  /**
   * @param windowSeconds time constant of the weights
   * @param warmupSeconds seconds of samples before {@link sigma} trusts the estimate
   */
  constructor(
    private readonly windowSeconds: number,
    private readonly warmupSeconds: number,
  ) {}

  /** Adds the mid observed at `time` (µs, not decreasing). */
  update(time: number, mid: number): void {
    if (this.#lastTime !== undefined && time > this.#lastTime) {
      const dt = (time - this.#lastTime) / 1_000_000;
      const dx = mid - this.#lastMid;
      const decay = Math.exp(-dt / this.windowSeconds);
      this.#sumSquares = this.#sumSquares * decay + dx * dx;
      this.#sumSeconds = this.#sumSeconds * decay + dt;
      this.#observedSeconds += dt;
    }
    this.#lastTime = time;
    this.#lastMid = mid;
  }

  /** True once `warmupSeconds` of samples have been seen. */
  get isReady(): boolean {
    return this.#observedSeconds >= this.warmupSeconds && this.#sumSeconds > 0;
  }

  /** The estimate, or `prior` until {@link isReady}. */
  sigma(prior: number): number {
    return this.isReady ? Math.sqrt(this.#sumSquares / this.#sumSeconds) : prior;
  }
}
