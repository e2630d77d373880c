/**
 * The parts a built simulation has, by role: what the bill may read of a run.
 * `scenario/build` names each component it makes by its role; `cost/` prices
 * each role, or says why it is free (cost/run-cost.ts), and a test fails when
 * a role a shipped scenario builds has neither.
 *
 * The order is the bill's: the integration's function before an authorizer's.
 */
export const ROLES = [
  'load',
  'client',
  'connections',
  'broadcast',
  'network',
  'cdn',
  'frontDoor',
  'bus',
  'sdk',
  'queue',
  'topic',
  'errorResponses',
  'authorizer',
  'vpcLink',
  'canary',
  'integrationFunction',
  'canaryFunction',
  'integrationService',
  'canaryService',
  'authorizerFunction',
  'dependency',
  'downstream',
  'table',
  'workflow',
  'failover',
  'standbyFrontDoor',
  'standbyFunction',
  'standbyService',
  'failures',
] as const;

export type Role = (typeof ROLES)[number];
