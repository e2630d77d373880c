/** The replications' figures together: a mean and a confidence interval each, and the latency of all their requests pooled. */
import { withCollapseEstimates } from '../metrics/collapse-across.js';
import { LatencyHistogram } from '../metrics/latency-histogram.js';
import { absentFigure, CONFIDENCE, estimateFigures, type ReplicatedSummary } from '../metrics/replicated-summary.js';
import { summarizeLatency, type LatencySummary } from '../metrics/summary.js';
import type { ReplicationResult } from './replication.js';

export function aggregateReplications(results: readonly ReplicationResult[], confidence = CONFIDENCE): ReplicatedSummary {
  const ordered = [...results].sort((a, b) => a.index - b.index);
  return {
    replications: ordered.length,
    seeds: ordered.map((r) => r.seed),
    confidence,
    method: `Student t over ${ordered.length} independent replications (${ordered.length - 1} degrees of freedom), cut at 0; Wilson score for shares`,
    // P(collapse) counts trials (Wilson's interval of k of n) and recovery times may be never: not means
    figures: withCollapseEstimates(
      estimateFigures(
        ordered.map((r) => r.figures),
        absentFigure,
        confidence,
      ),
      ordered.map((r) => r.figures),
      confidence,
    ),
    pooled: { latencyMs: { ok: pooledLatency(ordered.map((r) => r.histograms.ok)), failed: pooledLatency(ordered.map((r) => r.histograms.failed)) } },
  };
}

function pooledLatency(encoded: readonly string[]): LatencySummary {
  const merged = new LatencyHistogram();
  try {
    for (const text of encoded) merged.addEncoded(text);
    return summarizeLatency(merged);
  } finally {
    merged.dispose();
  }
}
