import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * Structured logs and business metrics for every function (Powertools for AWS Lambda). One logger and one
 * metrics buffer per container, created at import, so the cold start is measured once and every module that
 * logs shares the same keys.
 *
 * Configuration comes from Powertools' own variables: `POWERTOOLS_LOG_LEVEL` (default INFO),
 * `POWERTOOLS_METRICS_DISABLED` (nothing written to stdout as EMF), `POWERTOOLS_DEV` (pretty JSON, metrics
 * off). They are read when this module is first imported.
 */

export const SERVICE_NAME = 'chidao';
export const METRICS_NAMESPACE = 'Chidao';

export const logger = new Logger({ serviceName: SERVICE_NAME });
// Powertools' own warnings (an invalid dimension…) go through the logger, so they are JSON lines too.
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, logger });

/** What one invocation is about, appended to every log line it writes. */
export type CorrelationKeys = {
  directiveId?: string;
  recipientId?: string;
  /** The Step Functions execution a task belongs to (task payloads may carry it). */
  executionName?: string;
  /** API Gateway's request id: the key that joins a log line to the access log. */
  correlation_id?: string;
};

// Path parameters come from anyone on the internet: a key never carries more than this into a log line.
const MAX_KEY_LENGTH = 128;

const text = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, MAX_KEY_LENGTH) : undefined;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * Step Functions task inputs carry `{directiveId, recipientId, executionName?}`; HTTP events (payload 2.0)
 * carry the directive as `pathParameters.id` and the agency as `pathParameters.recipientId`.
 */
export const correlationKeysOf = (event: unknown): CorrelationKeys => {
  const e = record(event);
  const path = record(e.pathParameters);
  return defined({
    directiveId: text(e.directiveId) ?? text(path.id),
    recipientId: text(e.recipientId) ?? text(path.recipientId),
    executionName: text(e.executionName),
    correlation_id: text(record(e.requestContext).requestId),
  });
};

const defined = (keys: Record<keyof CorrelationKeys, string | undefined>): CorrelationKeys =>
  Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));

/**
 * Adds keys for the rest of this invocation, for what the event does not name until the handler has read it
 * (a recipient's link names its assignment only once verified).
 */
export const annotate = (keys: CorrelationKeys) => {
  const found = defined({
    directiveId: text(keys.directiveId),
    recipientId: text(keys.recipientId),
    executionName: text(keys.executionName),
    correlation_id: text(keys.correlation_id),
  });
  if (Object.keys(found).length > 0) logger.appendKeys(found);
};

/** Publishes what was counted; an invocation that counted nothing writes nothing (no empty-metrics warning). */
const flushMetrics = () => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  else {
    metrics.clearDimensions();
    metrics.clearMetadata();
  }
};

/**
 * The middy middleware every handler uses first (outermost), so that its keys are still on the lines the
 * other middlewares write:
 * - Powertools' `injectLambdaContext` (function name, request id, cold start on every line), keys reset at
 *   the end of each invocation;
 * - the invocation's directive, recipient and execution on every line;
 * - Powertools' `logMetrics` with the cold-start metric: counted metrics are published when the handler
 *   returns or throws;
 * - an error nothing answered is logged once, with those keys.
 */
export const observe = <TEvent = unknown, TResult = unknown>(): MiddlewareObj<TEvent, TResult, Error, Context> => {
  const lambdaContext = injectLambdaContext(logger, { resetKeys: true });
  type Req = Request<TEvent, TResult, Error, Context>;
  return {
    name: 'observe',
    before: (request: Req) => {
      // An earlier invocation that answered early (a middleware's short-circuit) never reached `after`.
      logger.resetKeys();
      lambdaContext.before?.(request as never);
      annotate(correlationKeysOf(request.event));
      metrics.captureColdStartMetric(request.context.functionName);
    },
    after: (request: Req) => {
      flushMetrics();
      lambdaContext.after?.(request as never);
    },
    onError: (request: Req) => {
      if (request.response === undefined) logger.error('Invocation failed', request.error ?? 'unknown error');
      flushMetrics();
      lambdaContext.onError?.(request as never);
    },
  };
};

export type EmailKind =
  | 'invitation'
  | 'reminder'
  | 'escalation'
  | 'digest'
  | 'decision'
  | 'resend'
  | 'reassign'
  | 'inbox'
  | 'inboxWeekly';

/**
 * The business metrics (namespace `Chidao`, dimension `service=chidao`). `EmailsSent` is split by a
 * dimension (kind), the notices by channel; the others keep the one dimension set the alarms look for (`RecoveredErrors` is alarmed).
 */
type MetricDimensions = {
  EmailsSent: { kind: EmailKind };
  Escalations: undefined;
  DeliveryFailures: undefined;
  StaleTokens: undefined;
  LostRaces: undefined;
  RecoveredErrors: undefined;
  /** Short notices (SMS, Zalo) the provider accepted, by channel. */
  NoticesSent: { channel: 'sms' | 'zalo' };
  /** Short notices refused for good or failing after the adapter's own retries: recorded FAILED, never blocking. */
  NoticeFailures: { channel: 'sms' | 'zalo' };
};
export type BusinessMetric = keyof MetricDimensions;
export const BUSINESS_METRICS = [
  'EmailsSent',
  'Escalations',
  'DeliveryFailures',
  'StaleTokens',
  'LostRaces',
  'RecoveredErrors',
  'NoticesSent',
  'NoticeFailures',
] as const satisfies readonly BusinessMetric[];

type CountArgs<M extends BusinessMetric> = MetricDimensions[M] extends undefined
  ? [value?: number]
  : [value: number | undefined, dimensions: MetricDimensions[M]];

/**
 * Counts a business metric: `count('Escalations')`, `count('EmailsSent', 1, { kind: 'reminder' })`.
 * A metric with dimensions is written at once on its own EMF line: dimensions added to the shared buffer
 * would apply to every metric of the invocation and move `RecoveredErrors` out of its alarm's dimension set.
 */
export const count = <M extends BusinessMetric>(metric: M, ...[value = 1, dimensions]: CountArgs<M>) => {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${metric}: a count is a finite number ≥ 0`);
  if (!dimensions) {
    metrics.addMetric(metric, MetricUnit.Count, value);
    return;
  }
  const single = metrics.singleMetric();
  for (const [name, dimension] of Object.entries(dimensions)) single.addDimension(name, String(dimension));
  single.addMetric(metric, MetricUnit.Count, value);
};
