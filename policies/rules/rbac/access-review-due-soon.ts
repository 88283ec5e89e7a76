import type { EstateRule } from '../../model';
import { policyOptions } from '../../options';
import { dayAfter, daysUntilDay, RENEWAL_NOTICE_DAYS } from '../../renewals';
import { ACCESS_REVIEWS_FOLDER, accessReviewCurrent, latestReview, reviewDueDay, reviewSubjects } from './access-review-current';
import { judgedToday } from './break-glass-expiry';

/**
 * The advance notice of `rbac/access-review-current`: that rule blocks production from the day after a
 * review falls due; this one says so `RENEWAL_NOTICE_DAYS` ahead, as a `low` finding that blocks nowhere
 * (policies/renewals.ts says why not `medium`).
 */
export const accessReviewDueSoon: EstateRule = {
  id: 'rbac/access-review-due-soon',
  profile: 'platform',
  title: `The quarterly access review is done before it falls due (notice ${RENEWAL_NOTICE_DAYS} days ahead)`,
  severity: 'low',
  rationale:
    'On the day after the access review falls due, `npm run synth` and every production deployment block until a new review is recorded; a review takes the security officer’s time, so it must be planned before that day.',
  remediation: accessReviewCurrent.remediation,
  resourceTypes: [],
  controls: accessReviewCurrent.controls,
  planKeys: ['access.reviewEveryDays'],
  scope: 'estate',
  evaluate(estate) {
    const { judged, skipped } = reviewSubjects(estate, 'rbac/access-review-due-soon');
    const period = policyOptions(estate).plan.access.reviewEveryDays;
    const today = judgedToday(estate);
    const latest = latestReview(estate);
    return [
      ...skipped,
      ...judged.map((environment) => {
        if (latest === undefined) {
          return {
            status: 'not-applicable' as const,
            resource: ACCESS_REVIEWS_FOLDER,
            environment,
            message: 'no review recorded (rbac/access-review-current judges it)',
          };
        }
        const subject = { resource: latest.file, environment, file: latest.file };
        const due = reviewDueDay(latest, period);
        const days = daysUntilDay(due, today)!;
        if (days < 0 || latest.date > today) {
          return { ...subject, status: 'not-applicable' as const, message: 'overdue or dated in the future (rbac/access-review-current judges it)' };
        }
        const details = { quarter: latest.quarter, date: latest.date, due, days };
        if (days <= RENEWAL_NOTICE_DAYS) {
          return {
            ...subject,
            status: 'fail' as const,
            message: `the next access review is due ${due}, in ${days} day${days === 1 ? '' : 's'}: review and record it in ${ACCESS_REVIEWS_FOLDER} now; from ${dayAfter(due)} production synth and deployments block`,
            details,
          };
        }
        return {
          ...subject,
          status: 'pass' as const,
          message: `the next access review is due ${due}, in ${days} days (notice from ${RENEWAL_NOTICE_DAYS} days ahead)`,
          details,
        };
      }),
    ];
  },
};
