import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';
import { review } from './access-review-current.fixtures';

const TODAY = '2026-12-05';
const namespace = resource('kubernetes_namespace_v1', 'his', { metadata: { name: 'his' } });
const doneOn = (quarter: string, date: string) => ({ today: TODAY, accessReviews: [review(quarter, date)] });

export const accessReviewDueSoonFixtures: RuleFixtures = {
  ruleId: 'rbac/access-review-due-soon',
  pass: [
    { name: 'due beyond the notice period', terraform: namespace, options: doneOn('2026-Q4', '2026-11-20'), message: 'due 2027-02-20, in 77 days' },
    { name: 'due 31 days ahead, one past the notice period', terraform: namespace, options: doneOn('2026-Q4', '2026-10-05'), message: 'in 31 days' },
  ],
  fail: [
    {
      name: 'due within the notice period',
      terraform: namespace,
      options: doneOn('2026-Q3', '2026-09-20'),
      resource: 'reviews/access/2026-Q3.md',
      message:
        'the next access review is due 2026-12-21, in 16 days: review and record it in reviews/access/ now; from 2026-12-22 production synth and deployments block',
    },
    { name: 'due exactly 30 days ahead', terraform: namespace, options: doneOn('2026-Q4', '2026-10-04'), message: 'in 30 days' },
    { name: 'due today', terraform: namespace, options: doneOn('2026-Q3', '2026-09-04'), message: 'in 0 days' },
  ],
  skip: [
    {
      name: 'overdue (rbac/access-review-current blocks it)',
      terraform: namespace,
      options: doneOn('2026-Q3', '2026-09-03'),
      message: 'rbac/access-review-current judges it',
    },
    { name: 'no review recorded', terraform: namespace, options: { today: TODAY, accessReviews: [] }, message: 'no review recorded' },
    {
      name: 'not a production environment',
      environment: 'dev',
      terraform: namespace,
      options: doneOn('2026-Q3', '2026-09-20'),
      message: 'not a production environment',
    },
  ],
};
