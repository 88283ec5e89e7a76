import { TerraformStack } from 'cdktf';
import { HospitalPlatformStack } from '../../stacks/hospital-platform-stack';
import { shippedEnvironment } from '../support/synth';
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

describe('token stack traces in the synthesizing processes', () => {
  it('are empty once the entry points import stacks/token-stack-traces, and source maps are off', () => {
    const sourceMapsWereEnabled = process.sourceMapsEnabled;
    try {
      // A fresh module registry: the patched cdktf module and its tokens stay inside this block.
      /* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads modules with require */
      jest.isolateModules(() => {
        const { tokenStackTracesSkipped } = require('../../stacks/token-stack-traces') as typeof import('../../stacks/token-stack-traces');
        expect(tokenStackTracesSkipped).toBe(true);
        const { captureStackTrace } = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
        expect(captureStackTrace()).toEqual([]);
        expect(process.sourceMapsEnabled).toBe(false);
        const { Lazy: IsolatedLazy, Tokenization } = require('cdktf') as typeof import('cdktf');
        const token = Tokenization.reverseString(IsolatedLazy.stringValue({ produce: () => 'x' })).firstToken;
        expect(token?.creationStack).toEqual([]);
      });
      /* eslint-enable @typescript-eslint/no-require-imports */
    } finally {
      process.setSourceMapsEnabled(sourceMapsWereEnabled);
    }
  });
});
