import * as fs from 'node:fs';

/** Wall time per phase, for `PLATFORM_METRICS_FILE` (the benchmarks read it). */
export class PhaseTimer {
  readonly durations: Record<string, number> = {};
  private last = performance.now();
  end(phase: string): void {
    const now = performance.now();
    this.durations[phase] = Math.round(now - this.last);
    this.last = now;
  }
}

export interface RunMetrics {
  readonly environments: number;
  readonly phases: Record<string, number>;
  readonly mainPeakMemoryBytes: number;
  readonly mainPeakDuringSynthesisBytes: number;
  readonly workerPeakMemoryBytes: readonly number[];
}

/** Written only when `PLATFORM_METRICS_FILE` names a file: the benchmarks set it, users never need it. */
export function writeMetrics(metrics: RunMetrics): void {
  const file = process.env.PLATFORM_METRICS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(metrics));
}
