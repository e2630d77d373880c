/**
 * Every entry point a scenario's `api.type` may name: the synchronous front
 * doors (./front-doors.ts) and the asynchronous entry points: an event
 * bus, or a producer's SDK call straight to a queue or a topic
 * (./event-buses.ts). A new entry point is a profile in one of those files
 * and a row here; validation, the model, `compare`, `price` and the cost
 * model find it through this table.
 */
import { EVENTBRIDGE, SNS_ENTRY, SQS_ENTRY, type EventBusProfile, type EventBusType } from './event-buses.js';
import { FRONT_DOOR_PROFILES, type AuthorizerType, type Feature, type FrontDoorProfile, type FrontDoorType } from './front-doors.js';

export type { EventBusProfile, EventBusType } from './event-buses.js';
export type { AuthorizerType, EntryPointBase, Feature, FrontDoorProfile, FrontDoorType, IntegrationType, VpcLinkTarget } from './front-doors.js';

/** What `api.type` may be. */
export type ApiType = FrontDoorType | EventBusType;
export type EntryPointProfile = FrontDoorProfile | EventBusProfile;

export const ENTRY_POINTS = {
  ...Object.fromEntries(FRONT_DOOR_PROFILES.map((p) => [p.type, p])),
  eventbridge: EVENTBRIDGE,
  sqs: SQS_ENTRY,
  sns: SNS_ENTRY,
} as { readonly [T in FrontDoorType]: FrontDoorProfile } & { readonly [T in EventBusType]: EventBusProfile };

/** Every entry point, front doors first. */
export const API_TYPES: readonly ApiType[] = [...FRONT_DOOR_PROFILES.map((p) => p.type), EVENTBRIDGE.type, SQS_ENTRY.type, SNS_ENTRY.type];
/** The synchronous front doors, which `compare` and `price` set side by side. */
export const FRONT_DOOR_TYPES: readonly FrontDoorType[] = FRONT_DOOR_PROFILES.map((p) => p.type);

export function entryPoint(type: ApiType): EntryPointProfile {
  return ENTRY_POINTS[type];
}

export function isFrontDoor(type: ApiType): type is FrontDoorType {
  return ENTRY_POINTS[type].mode === 'sync';
}

/** The profile of a front door, or null for an asynchronous entry point. */
export function frontDoorProfile(type: ApiType): FrontDoorProfile | null {
  const profile = ENTRY_POINTS[type];
  return profile.mode === 'sync' ? profile : null;
}

/** "REST APIs", "EventBridge event buses": a type's label in the plural, for error messages. */
export function pluralLabel(type: ApiType): string {
  const label = ENTRY_POINTS[type].label;
  // "SQS queue (SDK)" -> "SQS queues (SDK)": the noun before a parenthesis takes the plural
  const at = label.indexOf(' (');
  const noun = at < 0 ? label : label.slice(0, at);
  return `${noun}${noun.endsWith('s') ? 'es' : 's'}${at < 0 ? '' : label.slice(at)}`;
}

/** "REST API" or "REST API and HTTP API": the types that offer a feature, for error messages. */
export function typesOffering(feature: Feature): string {
  return joinLabels(API_TYPES.filter((t) => ENTRY_POINTS[t].features.has(feature)));
}

export function typesWithAuthorizer(authorizer: AuthorizerType): string {
  return joinLabels(API_TYPES.filter((t) => ENTRY_POINTS[t].authorizers.includes(authorizer)));
}

function joinLabels(types: readonly ApiType[]): string {
  const labels = types.map((t) => ENTRY_POINTS[t].label);
  if (labels.length <= 1) return labels[0] ?? 'no front door';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
