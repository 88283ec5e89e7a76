import { effectiveBlockOn, isProduction, policyFactsOf, productionGateProblems } from '../../environments/policy-facts';
import { loadPlan } from '../../policies';
import { shippedEnvironment } from '../support/environments';

const plan = loadPlan();
const relaxed = (name: string) => ({ ...shippedEnvironment(name), gate: { blockOn: ['critical', 'high'] as ('critical' | 'high')[] } });

describe('production by the plan', () => {
  it('keeps prod production when its own file relaxes the gate, so local state stays forbidden', () => {
    expect(isProduction(relaxed('prod'), plan)).toBe(true);
    expect(policyFactsOf(relaxed('prod'), plan)).toMatchObject({ production: true, localStateAllowed: false });
    expect(effectiveBlockOn(relaxed('prod'), plan)).toEqual(['critical', 'high', 'medium']);
  });

  it('refuses the relaxed gate, naming the file and the key', () => {
    expect(productionGateProblems([relaxed('prod'), shippedEnvironment('staging')], plan)).toEqual([
      {
        file: shippedEnvironment('prod').file,
        keyPath: 'gate.blockOn',
        message:
          '[critical, high] leaves out medium: prod is production (policies/plan.yaml production.environments), and production blocks on at least [critical, high, medium] (production.minimumGate)',
      },
    ]);
  });

  it('leaves staging and dev outside production, with their own gates', () => {
    for (const name of ['staging', 'dev']) {
      expect(isProduction(shippedEnvironment(name), plan)).toBe(false);
      expect(effectiveBlockOn(shippedEnvironment(name), plan)).toEqual(shippedEnvironment(name).gate.blockOn);
    }
    expect(productionGateProblems(['dev', 'staging', 'prod', 'dr'].map(shippedEnvironment), plan)).toEqual([]);
  });

  it('lets an environment the plan does not name join production by its own stricter gate', () => {
    const hospital = {
      ...shippedEnvironment('staging'),
      name: 'hospital-007',
      gate: { blockOn: ['critical', 'high', 'medium'] as ('critical' | 'high' | 'medium')[] },
    };
    expect(isProduction(hospital, plan)).toBe(true);
  });
});
