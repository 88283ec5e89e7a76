'use strict';
/**
 * Runs this repository's TypeScript under plain Node for the main job:
 *
 *   node --require ./pipeline/typescript-loader.cjs main.ts        (npm run synth)
 *
 * Why not tsx here: tsx (still the CDKTF CLI's app command and the other scripts' runner) also hooks
 * every JavaScript file Node loads, lexing each for ESM syntax, and every module resolution. The main
 * job loads about 900 files from node_modules, so that costs about 0.4 s of a 2.7 s run; measured on
 * this app (2 cores), tsx 2.71 s, @swc-node/register 2.42 s (no cache: every file transformed every
 * run), esbuild-register 3.10 s, this loader 2.31 s, precompiled JavaScript 2.20 s.
 *
 * What this does: `.ts` files only (Node loads every other file itself), transformed to CommonJS by
 * esbuild (the transformer tsx uses, with this repository's tsconfig), cached on disk under
 * node_modules/.cache keyed by a hash of the source, its path, the tsconfig and the esbuild version,
 * so an edited file is never served stale. Type checking stays with `tsc` (`npm test`), as with tsx.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'hospital-platform-typescript');
const TSCONFIG = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
const ESBUILD_VERSION = require('esbuild/package.json').version;
// Source maps only when DEBUG asks for TypeScript lines in stack traces (see pipeline/token-stack-traces.ts).
const SOURCE_MAPS = Boolean(process.env.DEBUG);
if (SOURCE_MAPS) process.setSourceMapsEnabled(true);

/** esbuild is loaded on the first cache miss only: a warm run never needs it. */
let esbuild;

function cacheKey(filename, source) {
  return crypto.createHash('sha256').update(`${ESBUILD_VERSION}\0${SOURCE_MAPS}\0${TSCONFIG}\0${filename}\0`).update(source).digest('hex');
}

function transform(filename, source) {
  esbuild ??= require('esbuild');
  return esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcefile: filename,
    sourcemap: SOURCE_MAPS ? 'inline' : false,
    tsconfigRaw: TSCONFIG,
  }).code;
}

function compiledSource(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(CACHE_DIR, `${cacheKey(filename, source)}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const code = transform(filename, source);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename: parallel processes (synthesis workers, tests) never read half a file.
    const partial = `${cached}.${process.pid}.partial`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // A read-only node_modules only loses the cache.
  }
  return code;
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compiledSource(filename), filename);
};
