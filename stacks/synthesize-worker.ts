/** A synthesis worker process: receives environments and an output folder, replies with artifacts. */
import './token-stack-traces';
import type { EnvironmentConfig } from '../environments/schema';
import { synthesizeInProcess } from './synthesize';

process.once('message', (message: { environments: EnvironmentConfig[]; outdir: string }) => {
  try {
    const artifacts = synthesizeInProcess(message.environments, message.outdir);
    const serializable = [...artifacts].map(([environment, files]) => [environment, [...files]]);
    process.send!({ artifacts: serializable, peakMemoryBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
  } catch (error) {
    process.send!({ artifacts: [], peakMemoryBytes: 0, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
});
