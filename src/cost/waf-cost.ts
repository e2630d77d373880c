/**
 * AWS WAF in front of a REST API or an ALB: the web ACL and each rule per
 * month (prorated by the hour, so a 730-hour month is one month), and every
 * request it inspects, blocked or allowed
 * (https://aws.amazon.com/waf/pricing/; the same in every Region,
 * https://aws.amazon.com/blogs/networking-and-content-delivery/cost-effective-ways-for-securing-your-web-applications-using-aws-waf/).
 */
import { flatLine, type CostLine } from './cost-line.js';
import { HOURS_PER_MONTH, type MonthlyUsage } from './monthly-usage.js';
import type { PriceTable } from './price-table.js';

export function priceWaf(usage: MonthlyUsage, prices: PriceTable): CostLine[] {
  if (!usage.waf) return [];
  const months = usage.hours / HOURS_PER_MONTH;
  return [
    flatLine('AWS WAF', 'web ACL', months, 'web ACL-months', prices.waf.webAcl),
    ...(usage.waf.rules > 0 ? [flatLine('AWS WAF', 'rules', usage.waf.rules * months, 'rule-months', prices.waf.rule)] : []),
    flatLine('AWS WAF', 'requests inspected', usage.waf.requests, 'requests', prices.waf.requests),
  ];
}
