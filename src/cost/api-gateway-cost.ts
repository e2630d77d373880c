/**
 * API Gateway's part of the bill: requests (REST), metered requests (HTTP,
 * 512 KB steps), messages and connection minutes (WebSocket), and the REST
 * cache by the hour. An ALB has no API Gateway line.
 *
 * Throttled requests and requests refused by an authorizer are not billed
 * (AWS re:Post answer by AWS staff, linked in docs/costs.md); the run counts
 * only the requests that pass both.
 */
import { flatLine, tieredLines, type CostLine } from './cost-line.js';
import { freeShare, type FreeTierOption } from './free-tier.js';
import type { MonthlyUsage } from './monthly-usage.js';
import { restCacheSizeKey, type PriceTable } from './price-table.js';

export function priceApiGateway(usage: MonthlyUsage, prices: PriceTable, options: FreeTierOption): CostLine[] {
  const p = prices.apiGateway;
  const free = prices.freeTier;
  const lines: CostLine[] = [];
  switch (usage.apiType) {
    case 'rest': {
      const { billable, freeLines } = freeShare('API Gateway', 'REST requests', usage.meteredUnits, 'requests', free.restRequests.value, options);
      lines.push(...freeLines, ...tieredLines('API Gateway', 'REST requests', billable, p.restRequests));
      if (usage.cacheBytes > 0) {
        const key = restCacheSizeKey(usage.cacheBytes);
        if (key === undefined) throw new RangeError(`${usage.cacheBytes} bytes is not an API Gateway cache size`);
        lines.push(flatLine('API Gateway', `REST cache ${key} GB`, usage.hours, 'hours', { usd: p.restCache.usdBySizeGb[key], per: p.restCache.per }));
      }
      break;
    }
    case 'http': {
      const { billable, freeLines } = freeShare('API Gateway', 'HTTP API requests', usage.meteredUnits, 'requests', free.httpRequests.value, options);
      lines.push(...freeLines, ...tieredLines('API Gateway', `HTTP API requests (${p.httpMeteringIncrement.value} KB units)`, billable, p.httpRequests));
      break;
    }
    case 'websocket': {
      const messages = freeShare('API Gateway', 'WebSocket messages', usage.meteredUnits, 'messages', free.websocketMessages.value, options);
      lines.push(...messages.freeLines, ...tieredLines('API Gateway', `WebSocket messages (${p.websocketMeteringIncrement.value} KB units)`, messages.billable, p.websocketMessages));
      const minutes = freeShare('API Gateway', 'WebSocket connection minutes', usage.connectionMinutes, 'connection minutes', free.websocketConnectionMinutes.value, options);
      lines.push(...minutes.freeLines, flatLine('API Gateway', 'WebSocket connection minutes', minutes.billable, 'connection minutes', p.websocketConnectionMinutes));
      break;
    }
    default:
      break; // no API Gateway line: an ALB bills LCUs, an event bus events
  }
  return lines;
}
