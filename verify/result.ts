/** What one post-deploy check says about one subject (an HPA, a namespace, a CronJob, …). */
export type CheckStatus = 'pass' | 'fail';

export interface CheckResult {
  /** Stable check id, e.g. `default-deny`; the JSON output and the table use it. */
  readonly check: string;
  /** The object checked, `namespace/name` where it is namespaced. */
  readonly subject: string;
  readonly status: CheckStatus;
  /** Names the field or the API error behind the status, for the on-call reader. */
  readonly detail: string;
}

export const pass = (check: string, subject: string, detail: string): CheckResult => ({ check, subject, status: 'pass', detail });
export const fail = (check: string, subject: string, detail: string): CheckResult => ({ check, subject, status: 'fail', detail });

/**
 * Runs one check and turns any error it throws (API 403/404/500, connection refused) into a failed result
 * for the same subject, so one broken call never hides the other checks' results.
 */
export async function guarded(check: string, subject: string, run: () => Promise<readonly CheckResult[]>): Promise<readonly CheckResult[]> {
  try {
    return await run();
  } catch (error) {
    return [fail(check, subject, error instanceof Error ? error.message : String(error))];
  }
}
