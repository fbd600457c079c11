/**
 * The market simulator's configuration (the `--agents` file) and the Avellaneda–Stoikov
 * strategy's parameters, as zod schemas with embedded defaults. Every field is optional: `{}` is
 * the default market (a liquid book with a tight spread). Times in the file are **seconds**
 * (decimals allowed), prices **ticks**, quantities **lots**. Documented in docs/simulator.md.
 */
import { z } from 'zod';
import { InputError } from '../../core/input-error.js';

/** Population names appear in CSV cells: no commas, quotes or spaces. */
const populationNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, _ . or - (it is a CSV cell)')
  .optional();

const seconds = (fallback: number) => z.number().positive().default(fallback);
const ticks = (fallback: number) => z.number().nonnegative().default(fallback);
const lots = (fallback: number) => z.number().int().positive().default(fallback);
const count = (fallback: number) => z.number().int().nonnegative().default(fallback);
const rate = (fallback: number) => z.number().positive().default(fallback);
const weight = (fallback: number) => z.number().nonnegative().default(fallback);

/**
 * Noise traders: each arrives as a Poisson process at `rate` per second and either places a limit
 * order around the mid, sends a market order, or cancels one of its orders (chosen by weight).
 */
const noiseSchema = z
  .strictObject({
    kind: z.literal('noise'),
    name: populationNameSchema,
    count: count(40),
    rate: rate(0.5),
    limitWeight: weight(0.6),
    marketWeight: weight(0.15),
    cancelWeight: weight(0.25),
    /** Mean distance (ticks, exponential) of a limit price from the mid, on the passive side. */
    priceOffsetMean: ticks(3),
    minQuantity: lots(1),
    maxQuantity: lots(5),
    /** Mean life (seconds, exponential) of a limit order: it is sent GTD and expires after that. */
    orderLifetime: seconds(5),
    /** Past this many live orders the oldest is canceled first (keeps stale orders bounded). */
    maxOpenOrders: lots(10),
  })
  .refine((p) => p.limitWeight + p.marketWeight + p.cancelWeight > 0, {
    message: 'limitWeight + marketWeight + cancelWeight must be greater than 0',
    path: ['limitWeight'],
  })
  .refine((p) => p.maxQuantity >= p.minQuantity, {
    message: 'maxQuantity must be ≥ minQuantity',
    path: ['maxQuantity'],
  });

/** Trend followers (`momentum`) and contrarians (`mean-reversion`): same parameters, opposite sign. */
const trendShape = {
  name: populationNameSchema,
  count: count(5),
  /** Decisions per second per agent (Poisson). */
  rate: rate(0.2),
  /** Seconds back to the trade price the last trade price is compared with. */
  lookback: seconds(10),
  /** Ticks the price must have moved (|last − then| ≥ threshold) before the agent acts. */
  threshold: ticks(3),
  quantity: lots(2),
  /** The agent never trades past this |position| (lots). */
  maxPosition: lots(20),
};
const momentumSchema = z.strictObject({ kind: z.literal('momentum'), ...trendShape });
const meanReversionSchema = z.strictObject({ kind: z.literal('mean-reversion'), ...trendShape });

/** Informed traders see the latent fundamental value and take liquidity when the touch is mispriced. */
const informedSchema = z.strictObject({
  kind: z.literal('informed'),
  name: populationNameSchema,
  count: count(5),
  rate: rate(1),
  /** Buy when fundamental − best ask > threshold, sell when best bid − fundamental > threshold (ticks). */
  threshold: ticks(2),
  quantity: lots(5),
  maxPosition: lots(200),
});

/** Market makers: quote both sides around the mid, requote on a timer and after fills. */
const marketMakerSchema = z.strictObject({
  kind: z.literal('market-maker'),
  name: populationNameSchema,
  count: count(4),
  /** Total quoted spread (ticks) of the innermost level: bid ≤ mid − spread/2 − skew, ask ≥ mid + spread/2 − skew. */
  spread: ticks(1),
  /** Lots per level. */
  size: lots(10),
  levels: lots(3),
  /** Ticks between consecutive levels. */
  levelSpacing: lots(1),
  /** Seconds between timed requotes (each wait drawn uniformly in [0.5, 1.5] × this, so makers desynchronise). */
  requoteInterval: seconds(0.5),
  /** Seconds from a fill to the requote it causes. */
  reactionTime: seconds(0.01),
  /** A side is not quoted when a full fill there would take |position| past this (lots). */
  maxPosition: lots(200),
  /** Quotes shift against the position by `skew` ticks per lot held (inventory control). */
  skew: ticks(0.02),
});

const populationSchema = z.discriminatedUnion('kind', [
  noiseSchema,
  momentumSchema,
  meanReversionSchema,
  informedSchema,
  marketMakerSchema,
]);

/** The population kinds the simulator knows. */
export const POPULATION_KINDS = ['noise', 'momentum', 'mean-reversion', 'informed', 'market-maker'] as const;

/** The default market: makers for a tight spread, noise flow, trend and contrarian traders, informed traders. */
export const DEFAULT_POPULATIONS: readonly z.input<typeof populationSchema>[] = [
  { kind: 'market-maker' },
  { kind: 'noise' },
  { kind: 'momentum' },
  { kind: 'mean-reversion' },
  { kind: 'informed' },
];

const configSchema = z
  .strictObject({
    /** Seed of every random stream (the CLI's --seed overrides it). */
    seed: z.number().int().nonnegative().default(1),
    /** Start of the simulated session, µs since the Unix epoch (default 2024-01-01T00:00:00Z). */
    startTime: z.number().int().nonnegative().default(1_704_067_200_000_000),
    /** Ticks. The first reference price, and where the fundamental value starts. */
    initialPrice: z.number().int().positive().default(10_000),
    /** What a tick and a lot are worth, to turn ticks×lots into money in the reports. */
    instrument: z
      .strictObject({
        tickSize: z.number().positive().default(0.01),
        lotSize: z.number().positive().default(1),
        currency: z.string().min(1).default('USD'),
      })
      .prefault({}),
    /** The latent fundamental value: a Gaussian random walk in ticks, stepped every `step` seconds. */
    fundamental: z
      .strictObject({
        /** Standard deviation of the walk, ticks per √second. */
        volatility: z.number().nonnegative().default(0.5),
        step: seconds(0.1),
      })
      .prefault({}),
    /** L2 snapshots: every `interval` seconds, the best `levels` levels a side. */
    snapshots: z.strictObject({ interval: seconds(1), levels: lots(5) }).prefault({}),
    /** Record every book event (L3) as well. */
    l3: z.boolean().default(false),
    populations: z.array(populationSchema).prefault(() => DEFAULT_POPULATIONS.map((p) => ({ ...p }))),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.populations.forEach((p, i) => {
      const name = p.name ?? p.kind;
      const previous = seen.get(name);
      if (previous !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['populations', i, 'name'],
          message: `duplicate population name '${name}' (also populations[${previous}]); give each a distinct name`,
        });
      }
      seen.set(name, i);
    });
  });

/** A validated simulator configuration, every default filled in. */
export type SimulationConfig = z.output<typeof configSchema>;
/** One population of a {@link SimulationConfig}. */
export type PopulationConfig = SimulationConfig['populations'][number];
export type NoiseConfig = Extract<PopulationConfig, { kind: 'noise' }>;
export type TrendConfig = Extract<PopulationConfig, { kind: 'momentum' | 'mean-reversion' }>;
export type InformedConfig = Extract<PopulationConfig, { kind: 'informed' }>;
export type MarketMakerConfig = Extract<PopulationConfig, { kind: 'market-maker' }>;

/** The name a population goes by in the outputs: its `name`, else its kind. */
export function populationName(p: PopulationConfig): string {
  return p.name ?? p.kind;
}

/** The default configuration (what `--agents default` runs). */
export function defaultSimulationConfig(): SimulationConfig {
  return parseSimulationConfig({});
}

/**
 * Validates a parsed JSON configuration and fills in the defaults.
 *
 * @param source named in error messages (a file name)
 * @throws InputError naming the field, e.g. `populations[2].rate: Too small: expected number to be >0`
 */
export function parseSimulationConfig(json: unknown, source?: string): SimulationConfig {
  const parsed = configSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new InputError(
    describeIssues(parsed.error.issues, json),
    source === undefined ? {} : { file: source },
  );
}

/** Parses the text of a configuration file; JSON syntax errors name the line. */
export function parseSimulationConfigText(text: string, source: string): SimulationConfig {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position === null ? undefined : body.slice(0, Number(position[1])).split('\n').length;
    throw new InputError(`invalid JSON: ${message}`, { file: source, line });
  }
  return parseSimulationConfig(json, source);
}

/** Converts seconds from the configuration to whole microseconds (at least 1). */
export function secondsToUs(value: number): number {
  return Math.max(1, Math.round(value * 1_000_000));
}

// ---- Avellaneda–Stoikov strategy parameters (`--param k=v`) --------------------------------

const numberParam = z.coerce.number<unknown>();

/**
 * Parameters of the built-in Avellaneda–Stoikov market maker. Given as text on the command line
 * (`--param gamma=0.05`), so numbers are coerced. Units: ticks, lots, seconds.
 */
const avellanedaStoikovSchema = z.strictObject({
  /** Risk aversion γ (per tick per lot): larger → quotes skew harder against inventory, wider spread. */
  gamma: numberParam.pipe(z.number().positive()).default(0.01),
  /** Order-arrival decay κ (per tick): fills arrive at intensity A·e^(−κ·distance); larger → tighter quotes. */
  kappa: numberParam.pipe(z.number().positive()).default(4),
  /** Volatility σ of the mid in ticks per √second; omit to estimate it online from mid changes. */
  sigma: numberParam.pipe(z.number().nonnegative()).optional(),
  /** σ used until the online estimate has `sigmaWarmup` seconds of samples. */
  sigmaPrior: numberParam.pipe(z.number().nonnegative()).default(1),
  /** Time constant (seconds) of the exponentially weighted σ estimate. */
  sigmaWindow: numberParam.pipe(z.number().positive()).default(60),
  sigmaWarmup: numberParam.pipe(z.number().nonnegative()).default(10),
  /**
   * T − t: `session` counts down to the end of the run; a number of seconds is a fixed window
   * (the infinite-horizon reading: the risk of holding inventory over the next `horizon` seconds).
   */
  horizon: z.union([z.literal('session'), numberParam.pipe(z.number().positive())]).default(30),
  /** Lots quoted per side. */
  size: numberParam.pipe(z.number().int().positive()).default(5),
  /** |inventory| never exceeds this (lots): a side whose full fill would breach it is quoted smaller or not at all. */
  maxInventory: numberParam.pipe(z.number().int().positive()).default(50),
  /** Seconds between timed requotes (also the σ sampling interval). */
  requoteInterval: numberParam.pipe(z.number().positive()).default(1),
  /** Seconds from a fill to the requote it causes. */
  reactionTime: numberParam.pipe(z.number().positive()).default(0.01),
  /** Mark-out horizons in seconds, e.g. `1,10`. */
  markouts: z
    .union([
      z.array(z.number().positive()),
      z
        .string()
        .transform((s) => s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x))))
        .pipe(z.array(z.number().positive())),
    ])
    .default([1, 10]),
});

/** Validated Avellaneda–Stoikov parameters. */
export type AvellanedaStoikovParams = z.output<typeof avellanedaStoikovSchema>;

/** Names of the Avellaneda–Stoikov parameters, for error messages and help. */
export const AVELLANEDA_STOIKOV_PARAMS = Object.keys(avellanedaStoikovSchema.shape);

/**
 * Validates strategy parameters (text from `--param`, or numbers).
 *
 * @throws InputError naming the parameter, or listing the known ones for an unknown name
 */
export function parseAvellanedaStoikovParams(
  raw: Readonly<Record<string, unknown>>,
): AvellanedaStoikovParams {
  const parsed = avellanedaStoikovSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new InputError(
      `unknown parameter ${issue.keys.map((k) => `'${k}'`).join(', ')} for strategy market-maker ` +
        `(known: ${AVELLANEDA_STOIKOV_PARAMS.join(', ')})`,
    );
  }
  const name = String(issue.path[0] ?? '(parameters)');
  const given = raw[name];
  throw new InputError(
    `parameter '${name}' of strategy market-maker${given === undefined ? '' : ` = ${String(given)}`}: ${issue.message}`,
  );
}

// ---- error messages ------------------------------------------------------------------------

/** One line naming each bad field (`populations[1] (noise).rate: ...`), the first five at most. */
function describeIssues(issues: readonly z.core.$ZodIssue[], json: unknown): string {
  const described = issues.slice(0, 5).map((issue) => {
    const where = formatPath(issue.path, json);
    return `${where ? `${where}: ` : ''}${issueMessage(issue)}`;
  });
  if (issues.length > 5) described.push(`and ${issues.length - 5} more problem(s)`);
  return described.join('; ');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'kind')
    return `unknown population kind (expected one of ${POPULATION_KINDS.join(', ')})`;
  return issue.message;
}

/** `populations[2] (momentum).threshold`: array indexes in brackets, a population's kind or name added. */
function formatPath(path: readonly PropertyKey[], json: unknown): string {
  let text = '';
  let node: unknown = json;
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const label = describeNode(node);
      if (label !== undefined) text += ` (${label})`;
    } else {
      text += text === '' ? String(key) : `.${String(key)}`;
      node =
        typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return text;
}

function describeNode(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const { name, kind } = node as { name?: unknown; kind?: unknown };
  if (typeof name === 'string') return name;
  if (typeof kind === 'string') return kind;
  return undefined;
}
