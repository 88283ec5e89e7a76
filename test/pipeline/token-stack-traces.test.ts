/**
 * The main job and its synthesis workers import pipeline/token-stack-traces.ts before CDKTF loads, so
 * that CDKTF records no stack trace per token and no source maps are applied unless DEBUG is set.
 */
describe('token stack traces in the synthesizing processes', () => {
  it('are empty once the entry points import pipeline/token-stack-traces, and source maps are off', () => {
    const sourceMapsWereEnabled = process.sourceMapsEnabled;
    try {
      // A fresh module registry: the patched cdktf module and its tokens stay inside this block.
      /* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads modules with require */
      jest.isolateModules(() => {
        const { tokenStackTracesSkipped } = require('../../pipeline/token-stack-traces') as typeof import('../../pipeline/token-stack-traces');
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
