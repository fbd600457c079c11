/** Runs a streaming indicator over an array: one output per input, `NaN` during warm-up. */
export function runBatch(indicator, inputs) {
  const out = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const v = indicator.update(inputs[i]);
    out[i] = indicator.isReady ? v : NaN;
  }
  return out;
}
//# sourceMappingURL=indicator.js.map
