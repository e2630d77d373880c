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

export interface Claim {
  says: string;
  pass: boolean;
  detail: string;
}

export interface LessonView {
  title: string;
  question: string;
  explanation: string;
  examSignal: string;
}

export type ToWorker =
  /** Run the variants at `indices` of the plan (every variant when absent). */
  | { type: 'run'; id: number; text: string; file: string; seed?: number; indices?: number[] }
  /** The lesson's claims, checked on every variant's figures (the helper does it when every runner is done). */
  | { type: 'claims'; id: number; text: string; file: string; ran: Array<{ name: string; figures: Array<[string, number]> }> }
  /** The claims and every variant's name, for the lesson card of this runner's reports. */
  | { type: 'card'; id: number; names: string[]; claims: Claim[] }
  | { type: 'check'; id: number; text: string; file: string }
  | { type: 'set'; id: number; text: string; file: string; parameter: string; value: number | string }
  | { type: 'file'; id: number; variant: string; name: string }
  | { type: 'compare'; id: number; text: string; file: string; seed?: number };

export type FromWorker =
  | { type: 'planned'; id: number; variants: string[]; durationS: number; lesson: LessonView | null }
  | { type: 'progress'; id: number; variant: number; simulatedS: number; points: ChartPoint[] }
  | { type: 'variant'; id: number; index: number; view: VariantView; figures: Array<[string, number]> }
  | { type: 'done'; id: number; elapsedMs: number }
  | { type: 'claims'; id: number; claims: Claim[] }
  | { type: 'carded'; id: number }
  | { type: 'checked'; id: number; problems: ScenarioProblem[]; message: string; values: Record<string, number | string | null> | null; lesson: LessonView | null; seed: number | null; variants: string[] }
  | { type: 'set'; id: number; text: string }
  | { type: 'file'; id: number; name: string; text: string }
  | { type: 'compared'; id: number; rows: Array<{ type: string; skipped: string | null; okShare: number; p50: number; p99: number; amplification: number; totalUsd: number }> }
  | { type: 'failed'; id: number; problems: ScenarioProblem[]; message: string };
