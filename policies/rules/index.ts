import type { Rule } from '../model';
import * as workload from './workload';
import * as rbac from './rbac';
import * as encryption from './encryption';
import * as namespace from './namespace';
import * as secrets from './secrets';
import * as helm from './helm';
import * as state from './state';
import * as availability from './availability';
import * as changeSafety from './change-safety';
import * as network from './network';
import * as backup from './backup';
import * as retention from './retention';
import * as monitoring from './monitoring';
import * as dr from './dr';
import * as delivery from './delivery';
import * as plan from './plan';
import * as intrusionDetection from './intrusion-detection';

/**
 * Rule categories. Each folder's index exports its `rules`; a rule's fixtures are not registered here but
 * found beside its file (`<category>/<name>.fixtures.ts` for rule `<category>/<name>`) by
 * `fixture-registry.ts`, which tests and the fixture run use, so the engine's path never loads them and
 * `test/policies/rules/fixtures.test.ts` fails when a rule file, a fixtures file and this index disagree.
 * To add a category, add one import above and one entry here.
 */
const categories: readonly { readonly rules: readonly Rule[] }[] = [
  workload,
  rbac,
  encryption,
  namespace,
  secrets,
  helm,
  state,
  availability,
  changeSafety,
  network,
  backup,
  retention,
  monitoring,
  dr,
  delivery,
  plan,
  intrusionDetection,
];

/** Every rule the engine evaluates. */
export const allRules: readonly Rule[] = categories.flatMap((category) => category.rules);
