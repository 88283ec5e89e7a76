import type { AccessReview } from '../../access-reviews';
import type { Estate, EstateRule } from '../../model';
import { environmentFacts, policyOptions } from '../../options';
import { daysUntilDay, parseDay } from '../../renewals';
import { judgedToday } from './break-glass-expiry';

/** Where the records live, as findings name it when there is none. */
export const ACCESS_REVIEWS_FOLDER = 'reviews/access/';

type Subject = ReturnType<EstateRule['evaluate']>[number];

/** The day a review falls due: its date plus the plan's review period. */
export function reviewDueDay(review: AccessReview, periodDays: number): string {
  return new Date(parseDay(review.date)! + periodDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The latest recorded review, by the day it was done. */
export function latestReview(estate: Estate): AccessReview | undefined {
  const reviews = policyOptions(estate).accessReviews ?? [];
  return reviews.reduce<AccessReview | undefined>((latest, review) => (latest === undefined || review.date >= latest.date ? review : latest), undefined);
}

/**
 * The production environments of the run, each paired with a subject, or a not-applicable result for
 * those the review rules do not judge: input that is not this repository's run (no records were read),
 * and environments that are not production (no patient data, gated on critical and high only).
 */
export function reviewSubjects(estate: Estate, ruleName: string): { judged: string[]; skipped: Subject[] } {
  const judged: string[] = [];
  const skipped: Subject[] = [];
  const recordsRead = policyOptions(estate).accessReviews !== undefined;
  for (const environment of estate.environments) {
    const subject = { resource: ACCESS_REVIEWS_FOLDER, environment };
    const facts = environmentFacts(estate, environment);
    if (!recordsRead)
      skipped.push({ ...subject, status: 'not-applicable', message: `no access review records were read: ${ruleName} judges this repository's runs` });
    else if (!facts?.production) skipped.push({ ...subject, status: 'not-applicable', message: 'not a production environment' });
    else judged.push(environment);
  }
  return { judged, skipped };
}

/**
 * Least privilege holds only while someone checks it: the plan (ops-5.2) asks for an access review every
 * quarter, recorded in the repository. This rule proves the record, not the review's content: the record
 * names who reviewed and approved, and its file sits beside the permission matrices it was made from.
 */
export const accessReviewCurrent: EstateRule = {
  id: 'rbac/access-review-current',
  profile: 'platform',
  title: 'Access to production is reviewed every quarter, and the review is recorded',
  severity: 'high',
  rationale:
    'Permissions accumulate: a role granted for an incident, a leaver still in a group, a binding nobody remembers. The operations plan asks for a least-privilege ' +
    'review each quarter; without a recorded, dated and signed review, nobody can show an auditor that the permission matrix was read by a person who could object.',
  remediation:
    'Review the quarter’s permission matrices (reports/<env>-permissions.md and the differences the compliance workflow publishes), then record the review in ' +
    'reviews/access/<YYYY-Qn>.md (front matter quarter, date, reviewer, approver; body: what was checked and decided) by a reviewed change.',
  resourceTypes: [],
  controls: { mlps: ['8.1.4.2', '8.1.7.3'], hipaa: ['164.308(a)(4)(ii)(C)', '164.308(a)(1)(ii)(D)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.2' },
  planKeys: ['access.reviewEveryDays'],
  scope: 'estate',
  evaluate(estate) {
    const { judged, skipped } = reviewSubjects(estate, 'rbac/access-review-current');
    const period = policyOptions(estate).plan.access.reviewEveryDays;
    const today = judgedToday(estate);
    const latest = latestReview(estate);
    const results: Subject[] = [...skipped];
    for (const environment of judged) {
      if (latest === undefined) {
        results.push({
          status: 'fail',
          resource: ACCESS_REVIEWS_FOLDER,
          environment,
          message: `no access review is recorded in ${ACCESS_REVIEWS_FOLDER}: access.reviewEveryDays asks for one every ${period} days`,
        });
        continue;
      }
      const subject = { resource: latest.file, environment, file: latest.file };
      const age = -daysUntilDay(latest.date, today)!;
      const due = reviewDueDay(latest, period);
      const details = { quarter: latest.quarter, date: latest.date, ageDays: age, due };
      if (age < 0) {
        results.push({ ...subject, status: 'fail', message: `date ${latest.date} is after today (${today}): a review is recorded once it is done`, details });
      } else if (age > period) {
        results.push({
          ...subject,
          status: 'fail',
          message: `the latest access review (${latest.quarter}, done ${latest.date}) is ${age} days old; access.reviewEveryDays is ${period}: it was due ${due}`,
          details,
        });
      } else {
        results.push({
          ...subject,
          status: 'pass',
          message: `access reviewed ${latest.date} by ${latest.reviewer} (${age} days ago, due again ${due})`,
          details,
        });
      }
    }
    return results;
  },
};
