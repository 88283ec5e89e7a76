import { TerraformStack } from 'cdktf';
import { HospitalPlatformStack } from '../../stacks/hospital-platform-stack';
import { shippedEnvironment } from '../support/environments';
import { testingApp } from '../support/testing-app';

/**
 * HospitalPlatformStack leaves out CDKTF's prepare pass (a second resolution of every element that only
 * discovers references between stacks): what it synthesizes must be exactly what the pass would give.
 */
describe('the stack without CDKTF prepare pass', () => {
  it.each(['dev', 'staging', 'prod', 'dr'])('synthesizes %s exactly as with the pass', (name) => {
    const environment = shippedEnvironment(name);
    const withPass = new HospitalPlatformStack(testingApp(), environment);
    TerraformStack.prototype.prepareStack.call(withPass);
    const withoutPass = new HospitalPlatformStack(testingApp(), environment);
    withoutPass.prepareStack();
    expect(withoutPass.node.findAll().length).toBe(withPass.node.findAll().length);
    expect(JSON.stringify(withoutPass.toTerraform())).toBe(JSON.stringify(withPass.toTerraform()));
  });
});
