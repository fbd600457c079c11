/** The risk engine: state and limits; halt, resume, kill switch (admin). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatFixed } from '../../model/types/fixed-point.js';
import { Role } from '../auth.js';
import { haltBody, killSwitchBody, resumeBody } from '../schemas/control-schemas.js';
import { riskConfigView } from '../views.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

/** Who did it, for the journal's audit trail (never the key itself). */
const actor = (request: FastifyRequest): string => `api:${request.ip}`;

export function registerRiskRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const riskView = () => {
    const node = ctx.node;
    const risk = node.risk;
    const p = node.kernel.portfolio.currency.precision;
    const money = (raw: number) => (Number.isFinite(raw) ? formatFixed(raw, p) : null);
    return {
      state: risk.state,
      reason: risk.stateReason,
      limits: ctx.options.riskConfig === undefined ? null : riskConfigView(ctx.options.riskConfig),
      dayStartEquity: money(risk.dayStartEquityRaw),
      peakEquity: money(risk.peakEquityRaw),
      usage: risk.usage(node.instruments.map((i) => i.id)),
    };
  };

  defineRoute(app, {
    method: 'GET',
    url: '/risk',
    summary: 'Risk state, reason, limits and how much of each is in use, day-start and peak equity',
    tags: ['risk'],
    handler: riskView,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/risk/halt',
    summary: 'Halt trading: no order passes, working orders are canceled',
    tags: ['risk'],
    role: Role.ADMIN,
    body: haltBody,
    handler: ({ body }, request) => {
      ctx.node.halt(body.reason, actor(request));
      return riskView();
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/risk/resume',
    summary: 'Resume trading',
    tags: ['risk'],
    role: Role.ADMIN,
    body: resumeBody,
    handler: ({ body }, request) => {
      ctx.node.resume(body?.reason ?? 'resumed through the API', actor(request));
      return riskView();
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/risk/kill-switch',
    summary: 'Kill switch: halt, cancel every working order, close every position',
    tags: ['risk'],
    role: Role.ADMIN,
    body: killSwitchBody,
    handler: ({ body }, request) => {
      ctx.node.killSwitch(body.reason, actor(request));
      return riskView();
    },
  });
}
