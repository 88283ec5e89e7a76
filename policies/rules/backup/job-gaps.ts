/** The longest gap between runs of a set of backup CronJobs, or why it cannot be computed (fail closed). */
import { isUnknown } from '../../model';
import type { BackupJob } from './facts';
import { currentYearStart, longestGap, scheduleProblem, type ScheduleGap, type TimedSchedule } from './schedule-gaps';

export type JobGap =
  | { readonly ok: true; readonly gap: ScheduleGap; readonly schedules: readonly (TimedSchedule & { readonly job: string })[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Suspended jobs never run and are left out (so a store whose only incremental job is suspended has
 * the gap of its remaining jobs). An unset `timezone` is a problem: the schedule would follow the
 * controller's zone, which the configuration does not state.
 */
export function gapOfJobs(jobs: readonly BackupJob[], start: Date = currentYearStart()): JobGap {
  const schedules: (TimedSchedule & { job: string })[] = [];
  for (const job of jobs) {
    if (job.suspended) continue;
    const where = `${job.resource.address} spec[0]`;
    if (isUnknown(job.schedule)) return { ok: false, problem: `${where}.schedule is known only after apply; failing closed` };
    if (isUnknown(job.timeZone)) return { ok: false, problem: `${where}.timezone is known only after apply; failing closed` };
    if (typeof job.schedule !== 'string') return { ok: false, problem: `${where}.schedule is unset` };
    if (typeof job.timeZone !== 'string' || job.timeZone === '') {
      return {
        ok: false,
        problem: `${where}.timezone is unset (the schedule would follow the kube-controller-manager's zone); set it to the site's time zone`,
      };
    }
    const problem = scheduleProblem(job.schedule, job.timeZone);
    if (problem) return { ok: false, problem: `${where}.schedule: ${problem}` };
    schedules.push({ schedule: job.schedule, timeZone: job.timeZone, job: job.resource.address });
  }
  if (schedules.length === 0) return { ok: false, problem: 'no CronJob that runs (none, or all suspended)' };
  return { ok: true, gap: longestGap(schedules, start), schedules };
}
