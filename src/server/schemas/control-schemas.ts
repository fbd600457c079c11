/** Bodies of the control routes: strategy parameters, risk commands, backtests. */
import { z } from 'zod';
import { reasonText } from './common-schemas.js';

/** PUT /strategies/:id/params: the new parameters, validated against the strategy's own schema. */
export const strategyParamsBody = z.strictObject({
  params: z.record(z.string(), z.unknown()).describe("the strategy's parameters (see its paramsSchema)"),
});

export const haltBody = z.strictObject({ reason: reasonText });
export const resumeBody = z.strictObject({ reason: reasonText.optional() }).optional();
export const killSwitchBody = z.strictObject({ reason: reasonText });

/** POST /backtests. */
export const backtestBody = z.strictObject({
  strategy: z.string().min(1).max(100).describe('strategy name, e.g. sma-cross'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  data: z
    .array(z.string().min(1).max(300))
    .max(50)
    .default([])
    .describe("bar CSV files in the server's data folder"),
  cash: z.number().positive().optional(),
});

export const backtestParams = z.strictObject({ id: z.string().min(1).max(100) });
