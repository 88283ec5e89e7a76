import type { AccessReview } from '../../access-reviews';
import type { RuleFixtures } from '../fixtures';
import { planWith, resource } from '../fixture-builders';

const TODAY = '2026-12-05';
/** Any resource puts its environment in the run; the rule judges the run, not the resource. */
const namespace = resource('kubernetes_namespace_v1', 'his', { metadata: { name: 'his' } });
export const review = (quarter: string, date: string, overrides: Partial<AccessReview> = {}): AccessReview => ({
  file: `reviews/access/${quarter}.md`,
  quarter,
  date,
  reviewer: 'Chen Jing, information security officer',
  approver: 'Wang Min, deputy director of information',
  ...overrides,
});
const withReviews = (...accessReviews: AccessReview[]) => ({ today: TODAY, accessReviews });

export const accessReviewCurrentFixtures: RuleFixtures = {
  ruleId: 'rbac/access-review-current',
  pass: [
    {
      name: 'reviewed this quarter',
      terraform: namespace,
      options: withReviews(review('2026-Q4', '2026-11-20')),
      message: 'access reviewed 2026-11-20 by Chen Jing',
    },
    {
      name: 'the last of several records counts',
      terraform: namespace,
      options: withReviews(review('2026-Q2', '2026-05-02'), review('2026-Q3', '2026-09-10')),
      message: '86 days ago, due again 2026-12-11',
    },
    { name: 'reviewed exactly one period ago (92 days)', terraform: namespace, options: withReviews(review('2026-Q3', '2026-09-04')), message: '92 days ago' },
    {
      name: 'the DR site, production too',
      environment: 'dr',
      terraform: namespace,
      options: withReviews(review('2026-Q4', '2026-10-15')),
      message: 'access reviewed',
    },
    {
      name: 'a longer period in the plan',
      terraform: namespace,
      options: { ...withReviews(review('2026-Q2', '2026-06-30')), plan: planWith({ access: { reviewEveryDays: 183 } }) },
      message: '158 days ago',
    },
  ],
  fail: [
    {
      name: 'the last review is two quarters old',
      terraform: namespace,
      options: withReviews(review('2026-Q2', '2026-06-12')),
      resource: 'reviews/access/2026-Q2.md',
      message: 'the latest access review (2026-Q2, done 2026-06-12) is 176 days old; access.reviewEveryDays is 92: it was due 2026-09-12',
    },
    { name: 'one day past the period', terraform: namespace, options: withReviews(review('2026-Q3', '2026-09-03')), message: 'is 93 days old' },
    {
      name: 'no review recorded at all',
      terraform: namespace,
      options: withReviews(),
      resource: 'reviews/access/',
      message: 'no access review is recorded in reviews/access/: access.reviewEveryDays asks for one every 92 days',
    },
    {
      name: 'a record dated after today',
      terraform: namespace,
      options: withReviews(review('2026-Q4', '2026-12-20')),
      message: 'date 2026-12-20 is after today (2026-12-05)',
    },
    {
      name: 'a newer record of an older quarter does not hide a stale one: the latest date counts',
      terraform: namespace,
      options: withReviews(review('2026-Q1', '2026-03-01'), review('2026-Q2', '2026-04-01')),
      resource: 'reviews/access/2026-Q2.md',
      message: '248 days old',
    },
  ],
  skip: [
    { name: 'not a production environment', environment: 'staging', terraform: namespace, options: withReviews(), message: 'not a production environment' },
    { name: "another hospital's Terraform (no records read)", terraform: namespace, options: { today: TODAY }, message: 'no access review records were read' },
  ],
};
