/**
 * Which mechanism produced a reply. Every status the model returns has one,
 * and each entry point's profile maps the causes it answers itself to the
 * status its clients see (./front-doors.ts, ./event-buses.ts).
 */
export type ReplyCause =
  | 'ok'
  | 'client-timeout'
  | 'throttle-account'
  | 'throttle-stage'
  | 'throttle-route'
  | 'throttle-usage-plan'
  | 'throttle-quota'
  | 'throttle-connection'
  | 'waf-blocked'
  | 'payload-too-large'
  | 'response-too-large'
  | 'auth-unauthorized'
  | 'auth-denied'
  | 'auth-failure'
  | 'api-key-invalid'
  | 'policy-denied'
  | 'request-invalid'
  | 'integration-timeout'
  | 'gateway-error'
  | 'lambda-throttle'
  | 'lambda-error'
  | 'lambda-timeout'
  | 'backend-full'
  | 'backend-error'
  | 'backend-down'
  | 'backend-dropped'
  | 'backend-cancelled'
  | 'dependency-timeout'
  | 'queue-throttle'
  | 'table-throttle'
  | 'workflow-failed';
