/**
 * The AWS services a bill's lines belong to: the cost model's vocabulary,
 * which a threshold on `cost.<service>` may name (checked when a scenario is
 * parsed, before anything is priced).
 */
export const COST_SERVICES = ['API Gateway', 'Amazon EventBridge', 'Amazon SQS', 'Amazon SNS', 'Amazon DynamoDB', 'AWS Step Functions', 'Lambda', 'Elastic Load Balancing', 'AWS PrivateLink', 'AWS WAF', 'Amazon Route 53', 'Amazon CloudFront', 'Data transfer', 'CloudWatch Logs'] as const;
export type CostService = (typeof COST_SERVICES)[number];
