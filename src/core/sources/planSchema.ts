import * as z from '../base/zod';
import { breachSideSchema } from '../base/forecastSchema';
import { parseDuration } from './duration';

const duration = z
  .string()
  .refine((d) => parseDuration(d) !== undefined, 'must be a duration such as 30s, 5m, 1h, 14d or 1h30m')
  .describe(
    // Stryker disable next-line StringLiteral: every field that uses duration gives it its own description
    'A duration as Prometheus writes it: 30s, 5m, 1h, 14d, 1h30m.',
  );

/** Headers that carry credentials: those come from secret storage or the environment, never from the plan. */
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

const authSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('basic'),
      username: z.string().min(1).max(200).describe('The user name; the password is never in the plan.'),
    }),
    z.strictObject({ type: z.literal('bearer') }),
  ])
  .describe(
    'How to sign in. The password or token is kept in the editor\'s secret storage ("Bottleneck: Set Source Credential") or, for the CLI, in BOTTLENECK_SOURCE_<NAME>_PASSWORD / _TOKEN; never in this file.',
  );

export const planSourceSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_-]{0,39}$/,
      'must start with a letter and hold only letters, digits, _ and - (at most 40)',
    )
    .describe('The name metrics use to refer to this source.'),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2000)
    .describe(
      'The Prometheus-compatible base URL, without /api/v1 (Prometheus, Thanos Query, Mimir or Cortex with their prefix, VictoriaMetrics).',
    ),
  auth: authSchema.optional(),
  headers: z
    .record(
      z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'a header name holds only letters, digits and -'),
      z
        .string()
        .max(1000)
        .regex(/^[^\r\n\0]*$/, 'a header value is one line'),
    )
    .refine((h) => Object.keys(h).every((k) => !SECRET_HEADERS.includes(k.toLowerCase())), {
      message: 'credentials never go in the plan: use "auth" (the secret is kept outside the file)',
    })
    .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
    .optional()
    .describe('Extra request headers, e.g. {"X-Scope-OrgID": "team-a"} for a multi-tenant Mimir or Cortex.'),
  caFile: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('A PEM file of certificate authorities to trust for https, relative to the plan.'),
  timeout: duration.optional().describe('How long one request may take (default 30s).'),
  method: z
    .enum(['auto', 'get', 'post'])
    .optional()
    .describe('GET, POST with a form body, or auto: POST for long queries (default).'),
});
export type PlanSource = z.infer<typeof planSourceSchema>;

export const planMetricSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(100)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^{}"\u0000-\u001f]+$/, 'no braces, quotes or control characters')
    .describe('The metric\'s name; each series is named by it and its labels, e.g. disk_free{instance="db-3"}.'),
  source: z.string().optional().describe('The source to ask (may be left out when the plan has one source).'),
  query: z
    .string()
    .min(1)
    .max(20_000)
    .describe('The PromQL expression, e.g. node_filesystem_avail_bytes{fstype!="tmpfs"}.'),
  step: duration.optional().describe("The resolution (default: the plan's step)."),
  lookback: duration.optional().describe("How much history to read (default: the plan's lookback)."),
  unit: z.string().min(1).max(40).optional().describe('The unit shown with values, e.g. %, B, s.'),
  breach: breachSideSchema.optional().describe('Which side of the capacity is a breach (default from the name).'),
  capacity: z
    .union([z.number().refine(Number.isFinite), z.string().min(1).max(20_000)])
    .optional()
    .describe(
      'A number, or a PromQL expression matched on the labels the series share with it (its newest value), e.g. node_filesystem_size_bytes.',
    ),
});
export type PlanMetric = z.infer<typeof planMetricSchema>;

export const planSchema = z
  .strictObject({
    $schema: z.string().optional(),
    sources: z.array(planSourceSchema).min(1).max(20).describe('Where metrics are read from.'),
    step: duration.optional().describe('The default resolution of every metric (default 5m).'),
    lookback: duration.optional().describe('The default history to read (default 14d).'),
    metrics: z.array(planMetricSchema).min(1).max(100).describe('What to forecast.'),
    thresholds: z
      .strictObject({
        warning: duration.optional().describe('Warn when the earliest breach is within this time, e.g. 7d.'),
        critical: duration.optional().describe('Critical when the earliest breach is within this time, e.g. 24h.'),
      })
      .optional()
      .describe('Time to breach that makes the plan warning or critical (bottleneck forecast --fail-on plan).'),
  })
  .describe('A Bottleneck Forecast capacity plan: live metrics from Prometheus-compatible stores.');
export type Plan = z.infer<typeof planSchema>;

/** The JSON schema the editor validates plans with (package.json contributes the generated file). */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  // VS Code's own keywords: a plan is JSON with comments, trailing commas allowed
  return { ...schema, allowComments: true, allowTrailingCommas: true };
}
