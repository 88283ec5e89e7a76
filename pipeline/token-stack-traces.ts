/**
 * Imported first by the processes that synthesize (main.ts and the synthesis worker), before CDKTF loads.
 *
 * CDKTF records a complete stack trace for every token it creates — every Lazy value and every
 * attribute reference, thousands per stack — lifting Error.stackTraceLimit to Number.MAX_SAFE_INTEGER
 * to do so (cdktf/lib/tokens/private/stack-trace.js). The traces are only read to explain a token that
 * fails to resolve, and the app already runs with `stackTraces: false`; yet formatting them was about a
 * tenth of the main job's CPU time, and with the source maps tsx turns on (each trace mapped back to
 * TypeScript, each CDKTF module's inline map parsed on load) another fifth. So, unless DEBUG is set:
 * no source maps, and CDKTF's token stack traces are empty. cdktf is pinned (0.21.0, the archived last
 * release); `tokenStackTracesSkipped` lets a test notice if the function ever moves.
 */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

const debugging = Boolean(process.env.DEBUG);
if (!debugging) process.setSourceMapsEnabled(false);

// require, not import: the module's own exports object is what cdktf's callers read the function from
// at each call; an ES import would hand out a read-only copy of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;

export const tokenStackTracesSkipped = !debugging && typeof stackTrace.captureStackTrace === 'function';
if (tokenStackTracesSkipped) stackTrace.captureStackTrace = () => [];
