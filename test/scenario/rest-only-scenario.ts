/** A REST API with what only REST APIs have (usage plans, API keys, a canary, a TOKEN authorizer): what `compare` must drop for the other types. */
export const REST_ONLY_SCENARIO = `name: cmp
seed: 1
duration: 10s
load: { rate: 20/s }
clients: { count: 10 }
api:
  type: rest
  throttle:
    usagePlans:
      paid: { rate: 100/s, burst: 200 }
      free: { rate: 2/s, burst: 4 }
  apiKeys: { plans: { paid: 0.5, free: 0.5 }, invalidRatio: 0.1 }
  canary: { percentTraffic: 10, integration: { errorRate: 0.5 } }
  authorizer: { type: lambda, payload: token, function: { duration: { constant: 5ms } } }
integration: { type: lambda, duration: { constant: 20ms } }
`;
