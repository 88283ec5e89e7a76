/** A synthesis worker process: receives environments and an output folder, replies with artifacts. */
import './worker-watchdog';
import './token-stack-traces';
import { faultPoint } from './output-faults';
import type { EnvironmentConfig } from '../environments/schema';
import { synthesizeInProcess, type WorkerReply } from './synthesize';

process.once('message', (message: { environments: EnvironmentConfig[]; outdir: string }) => {
  try {
    faultPoint('synthesize', message.outdir);
    const artifacts = synthesizeInProcess(message.environments, message.outdir);
    const serializable = [...artifacts].map(([environment, files]) => [environment, [...files]] as [string, [string, string][]]);
    const reply: WorkerReply = { artifacts: serializable, peakMemoryBytes: process.resourceUsage().maxRSS * 1024 };
    process.send!(reply, () => process.exit(0));
  } catch (error) {
    // The main process tells a failure to write outputs (exit 3) by the system error's code and path.
    const {
      message: text,
      code,
      path,
      syscall,
    } = error instanceof Error ? (error as NodeJS.ErrnoException) : { message: String(error), code: undefined, path: undefined, syscall: undefined };
    const reply: WorkerReply = {
      artifacts: [],
      peakMemoryBytes: 0,
      error: { message: text, ...(code ? { code } : {}), ...(path ? { path } : {}), ...(syscall ? { syscall } : {}) },
    };
    process.send!(reply, () => process.exit(1));
  }
});
