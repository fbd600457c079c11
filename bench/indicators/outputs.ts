/**
 * Final values of an indicator run as named numbers (`value`, or `macd`/`signal`/`histogram`,
 * `upper`/`middle`/`lower`), and how closely two runs agree on them.
 */
import { round } from '../measure.js';

/** Named final outputs of one run. */
export type Outputs = Record<string, number>;

/** A number is `{ value }`; an object keeps its numeric fields (copied: indicators update theirs in place). */
export function toOutputs(value: unknown): Outputs {
  if (typeof value === 'number') return { value };
  const out: Outputs = {};
  if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) if (typeof field === 'number') out[key] = field;
  }
  return out;
}

/** Outputs rounded for the JSON report. */
export function roundOutputs(outputs: Outputs): Outputs {
  const out: Outputs = {};
  for (const [key, v] of Object.entries(outputs)) out[key] = round(v, 10);
  return out;
}

export interface Agreement {
  /** Output names both runs have. */
  readonly compared: string[];
  /** Largest |ours − theirs| over the compared outputs. */
  readonly maxAbsDifference: number;
  /** Largest |ours − theirs| / |theirs|. */
  readonly maxRelDifference: number;
  /** True when every compared output agrees to 1e-6 (relative) and at least one was compared. */
  readonly agrees: boolean;
}

const AGREEMENT_TOLERANCE = 1e-6;

export function compareOutputs(ours: Outputs, theirs: Outputs): Agreement {
  const compared = Object.keys(ours).filter((k) => k in theirs);
  let maxAbs = 0;
  let maxRel = 0;
  for (const key of compared) {
    const abs = Math.abs(ours[key] - theirs[key]);
    const rel = abs / Math.max(Math.abs(theirs[key]), Number.MIN_VALUE);
    // NaN (an output missing on one side) must count as disagreement.
    maxAbs = Number.isNaN(abs) || abs > maxAbs ? abs : maxAbs;
    maxRel = Number.isNaN(rel) || rel > maxRel ? rel : maxRel;
  }
  return {
    compared,
    maxAbsDifference: round(maxAbs, 3),
    maxRelDifference: round(maxRel, 3),
    agrees: compared.length > 0 && maxRel <= AGREEMENT_TOLERANCE,
  };
}
