/**
 * `AWS::ElasticLoadBalancingV2::*`: an Application Load Balancer, its
 * listeners' rules (each a route, by its path patterns), the target group
 * they forward to (Lambda targets: the integration's function; instance or
 * IP targets: an HTTP service), `authenticate-oidc` / `authenticate-cognito`
 * actions (the authorizer, the session timeout its cache TTL), the idle
 * timeout, and the rules a request is evaluated against (LCU rule
 * evaluations). A Network or Gateway Load Balancer is named, not modelled.
 *
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout
 */
import type { TemplateIndex } from './cloudformation.js';
import { newApi, type ApiModel, type RouteModel, type TargetModel } from './front-door-model.js';
import { isObject } from './property-reader.js';
import type { Json, Segment } from './template-source.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

export function readAlb(index: TemplateIndex): ApiModel[] {
  const { reader } = index;
  const apis: ApiModel[] = [];
  for (const id of index.ids(LB)) {
    const props = index.props(id);
    const type = reader.string([...props, 'Type']);
    if (type && type.value !== 'application') {
      reader.note([...props, 'Type'], `a ${type.value} load balancer is not modelled (only Application Load Balancers)`);
      continue;
    }
    const api = newApi(id, { value: 'alb', from: type?.from ?? `${id}.Type`, line: type?.line ?? reader.line(['Resources', id]) });
    readIdleTimeout(index, api, [...props, 'LoadBalancerAttributes']);
    let mostRules = 0;
    let rulesFrom = '';
    for (const listener of index.ids(LISTENER).filter((l) => index.refTo(reader.raw([...index.props(l), 'LoadBalancerArn']), LB) === id)) {
      const rules = index.ids(RULE).filter((r) => index.refTo(reader.raw([...index.props(r), 'ListenerArn']), LISTENER) === listener);
      rules.sort((a, b) => Number(reader.raw([...index.props(a), 'Priority']) ?? 0) - Number(reader.raw([...index.props(b), 'Priority']) ?? 0));
      for (const rule of rules) {
        const p = index.props(rule);
        api.routes.push(routeOf(index, api, rule, ruleName(index, p, rule), [...p, 'Actions']));
      }
      api.routes.push(routeOf(index, api, listener, 'ANY /* (default action)', [...index.props(listener), 'DefaultActions']));
      if (rules.length + 1 > mostRules) {
        mostRules = rules.length + 1;
        rulesFrom = `${listener}: ${rules.length} ListenerRule${rules.length === 1 ? '' : 's'} and its default action`;
      }
    }
    if (mostRules > 0) api.albRules = { value: mostRules, from: rulesFrom, line: reader.line(['Resources', id]) };
    apis.push(api);
  }
  return apis;
}

function readIdleTimeout(index: TemplateIndex, api: ApiModel, at: Segment[]): void {
  const attrs = index.reader.raw(at);
  if (!Array.isArray(attrs)) return;
  attrs.forEach((a, i) => {
    if (!isObject(a)) return;
    const key = index.reader.string([...at, i, 'Key'])?.value;
    if (key === 'idle_timeout.timeout_seconds') {
      const s = index.reader.number([...at, i, 'Value'], undefined, { min: 1 });
      if (s) api.integrationTimeoutMs = { ...s, value: s.value * 1000 };
    } else if (key) index.reader.note([...at, i], `${key}: not modelled`);
  });
}

/** `ANY /hello,/hi` from a rule's path-pattern conditions, else the rule's logical ID. */
function ruleName(index: TemplateIndex, props: Segment[], id: string): string {
  const conditions = index.reader.resolved([...props, 'Conditions'])?.value;
  const paths: string[] = [];
  for (const c of Array.isArray(conditions) ? conditions : []) {
    if (!isObject(c) || c.Field !== 'path-pattern') continue;
    const values = isObject(c.PathPatternConfig) ? c.PathPatternConfig.Values : c.Values;
    if (Array.isArray(values)) paths.push(...values.map(String));
  }
  return paths.length > 0 ? `ANY ${paths.join(',')}` : `rule ${id}`;
}

function routeOf(index: TemplateIndex, api: ApiModel, id: string, name: string, actionsAt: Segment[]): RouteModel {
  const { reader } = index;
  const actions = reader.raw(actionsAt);
  const route: RouteModel = { name, target: { kind: 'other', label: 'no forward action', from: reader.label(actionsAt), line: reader.line(actionsAt) }, authorizer: null, from: id, line: reader.line(['Resources', id]) };
  (Array.isArray(actions) ? actions : []).forEach((action, i) => {
    if (!isObject(action)) return;
    const at = [...actionsAt, i];
    const type = reader.string([...at, 'Type'])?.value;
    if (type === 'forward') route.target = targetGroupTarget(index, action.TargetGroupArn ?? (isObject(action.ForwardConfig) && Array.isArray(action.ForwardConfig.TargetGroups) ? ((action.ForwardConfig.TargetGroups[0] as { TargetGroupArn?: Json } | undefined)?.TargetGroupArn ?? null) : null), at);
    else if (type === 'authenticate-oidc' || type === 'authenticate-cognito') {
      const config = type === 'authenticate-oidc' ? 'AuthenticateOidcConfig' : 'AuthenticateCognitoConfig';
      const name = `${id}-${type}`;
      if (!api.authorizers.some((a) => a.name === name)) {
        const ttl = reader.number([...at, config, 'SessionTimeout'], undefined, { min: 1 });
        api.authorizers.push({ name, type: type === 'authenticate-oidc' ? 'oidc' : 'cognito', cacheTtlS: ttl, from: `${reader.label(at)}.Type`, line: reader.line(at) });
      }
      route.authorizer = name;
    } else if (type) route.target = { kind: 'other', label: `a ${type} action`, from: reader.label(at), line: reader.line(at) };
  });
  return route;
}

function targetGroupTarget(index: TemplateIndex, arn: Json, at: Segment[]): TargetModel {
  const { reader } = index;
  const tg = index.refTo(arn, TARGET_GROUP);
  const from = reader.label(at);
  if (!tg) return { kind: 'other', label: 'a target group not in this template', from, line: reader.line(at) };
  const props = index.props(tg);
  const type = reader.string([...props, 'TargetType'])?.value ?? 'instance';
  if (type === 'lambda') {
    const fnId = index.functionOf(reader.raw([...props, 'Targets', 0, 'Id']) ?? null);
    return { kind: 'lambda', functionId: fnId, label: fnId ?? `the Lambda target of ${tg}`, from: `${tg}.Properties.Targets`, line: reader.line([...props, 'Targets']) };
  }
  return { kind: 'http', label: `${tg} (${type} targets)`, from: `${tg}.Properties.TargetType`, line: reader.line(props) };
}
