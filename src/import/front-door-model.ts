/**
 * What an import reads out of a template before it writes a scenario: the
 * front doors (APIs, load balancers, function URLs), their routes and the
 * functions behind them, each setting with the place in the template it came
 * from. OpenAPI, SAM and CloudFormation each fill it in (./openapi.ts,
 * ./sam.ts, ./cloudformation.ts); ./to-scenario.ts maps it to scenario keys.
 */
import type { ApiType, AuthorizerType, VpcLinkTarget } from '../catalog/entry-points.js';
import type { EndpointType } from '../scenario/schema.js';

/** A value read from the template, with where: `MyFunction.Properties.MemorySize` and its line. */
export interface Valued<T> {
  value: T;
  from: string;
  line?: number;
}

/** A line for the scenario's comments: something read and not mapped, or not resolved. */
export interface Note {
  text: string;
  line?: number;
}

export type TargetModel =
  | { kind: 'lambda'; functionId?: string; label: string; from: string; line?: number }
  | { kind: 'http'; vpcLink?: Valued<VpcLinkTarget>; label: string; from: string; line?: number }
  | { kind: 'other'; label: string; from: string; line?: number };

export interface RouteModel {
  /** `GET /items`, `ANY /{proxy+}`, `$connect`, or an ALB rule's path pattern. */
  name: string;
  target: TargetModel;
  /** The authorizer's name; null: none (`NONE`); undefined: the API's default. */
  authorizer?: string | null;
  timeoutMs?: Valued<number>;
  from: string;
  line?: number;
}

export interface AuthorizerModel {
  name: string;
  type: AuthorizerType;
  /** The Lambda authorizer's function, by logical ID, when the template holds it. */
  functionId?: string;
  cacheTtlS?: Valued<number>;
  from: string;
  line?: number;
}

export interface BucketModel {
  rate?: Valued<number>;
  burst?: Valued<number>;
}

export interface ApiModel {
  /** The logical ID (`--api` picks it), or the file's name for an OpenAPI file. */
  id: string;
  type: Valued<ApiType>;
  routes: RouteModel[];
  endpoint?: Valued<EndpointType>;
  stageThrottle?: BucketModel;
  routeThrottles: Array<{ route: string } & BucketModel>;
  cache?: { sizeGb: Valued<number>; ttlS?: Valued<number> };
  authorizers: AuthorizerModel[];
  defaultAuthorizer?: Valued<string>;
  usagePlan?: BucketModel & { quota?: Valued<string> };
  integrationTimeoutMs?: Valued<number>;
  /** ALB: listener rules evaluated per request (its default action included). */
  albRules?: Valued<number>;
  accessLogs?: Valued<boolean>;
  notes: Note[];
}

export interface FunctionModel {
  id: string;
  from: string;
  line?: number;
  memoryMb?: Valued<number>;
  timeoutS?: Valued<number>;
  architecture?: Valued<'x86_64' | 'arm64'>;
  reserved?: Valued<number>;
  provisioned?: Valued<number>;
  notes: Note[];
}

/** Everything read from one template. */
export interface TemplateModel {
  /** `OpenAPI 3.0.1 definition`, `SAM template`, `CloudFormation template`. */
  format: string;
  apis: ApiModel[];
  functions: Map<string, FunctionModel>;
  /** Resources with no place in a scenario, unresolved values, and other template-wide notes. */
  notes: Note[];
}

export function newApi(id: string, type: Valued<ApiType>): ApiModel {
  return { id, type, routes: [], routeThrottles: [], authorizers: [], notes: [] };
}
