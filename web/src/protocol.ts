/** The messages between the page (main.ts) and the simulator's worker (worker.ts). */
import type { ScenarioProblem } from '../../src/scenario/scenario-error.js';

/** One interval of a run, as the charts draw it. */
export interface ChartPoint {
  /** End of the interval, seconds of simulated time. */
  t: number;
  offered: number;
  attempts: number;
  goodput: number;
  p99: number;
}

export interface CostLineView {
  service: string;
  item: string;
  usd: number;
}

export interface VariantView {
  name: string;
  file: string;
  seed: number;
  figures: { offered: number; okShare: number; p50: number; p99: number; p99All: number; amplification: number; errorRatio: number; coldStarts: number };
  cost: { totalUsd: number; basis: string; region: string; effectiveDate: string; lines: CostLineView[] };
}

export interface LessonView {
  title: string;
  question: string;
  explanation: string;
  examSignal: string;
}

export type ToWorker =
  | { type: 'run'; id: number; text: string; file: string; seed?: number }
  | { type: 'check'; id: number; text: string; file: string }
  | { type: 'set'; id: number; text: string; file: string; parameter: string; value: number | string }
  | { type: 'file'; id: number; variant: string; name: string }
  | { type: 'compare'; id: number; text: string; file: string; seed?: number };

export type FromWorker =
  | { type: 'planned'; id: number; variants: string[]; durationS: number; lesson: LessonView | null }
  | { type: 'progress'; id: number; variant: number; simulatedS: number; points: ChartPoint[] }
  | { type: 'done'; id: number; variants: VariantView[]; claims: Array<{ says: string; pass: boolean; detail: string }>; elapsedMs: number }
  | { type: 'checked'; id: number; problems: ScenarioProblem[]; message: string; values: Record<string, number | string | null> | null; lesson: LessonView | null; seed: number | null }
  | { type: 'set'; id: number; text: string }
  | { type: 'file'; id: number; name: string; text: string }
  | { type: 'compared'; id: number; rows: Array<{ type: string; skipped: string | null; okShare: number; p50: number; p99: number; amplification: number; totalUsd: number }> }
  | { type: 'failed'; id: number; problems: ScenarioProblem[]; message: string };
