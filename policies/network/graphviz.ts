/**
 * Graphviz (compiled to WebAssembly by @hpcc-js/wasm-graphviz) in a worker thread.
 *
 * Compiling the WebAssembly module costs about half a second of CPU, more than all layouts of a
 * hospital's environments together. In a worker it is compiled on another core: `prepareGraphviz()` at
 * the start of the main job overlaps it with synthesis, and the layouts of several environments run
 * beside the report's other sections instead of one after another on the main thread.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated by the worker, so it needs no TypeScript loader (tsx, jest's transform).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const graphviz = import(workerData.moduleUrl).then(({ Graphviz }) => Graphviz.load());
graphviz.catch(() => undefined); // reported with the first render
parentPort.on('message', ({ id, dot }) => {
  graphviz
    .then((instance) => parentPort.postMessage({ id, svg: instance.dot(dot, 'svg') }))
    .catch((error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }));
});
`;

interface Reply {
  readonly id: number;
  readonly svg?: string;
  readonly error?: string;
}

interface Pending {
  readonly resolve: (svg: string) => void;
  readonly reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function graphvizWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    // The worker runs plain JavaScript: no need for the parent's loader flags (tsx).
    execArgv: [],
    workerData: { moduleUrl: pathToFileURL(require.resolve('@hpcc-js/wasm-graphviz')).href },
  });
  started.on('message', (reply: Reply) => {
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if (reply.svg !== undefined) request.resolve(reply.svg);
    else request.reject(new Error(`Graphviz: ${reply.error ?? 'no output'}`));
    // An idle worker must not keep the process alive.
    if (pending.size === 0) started.unref();
  });
  const failAll = (error: Error): void => {
    worker = undefined;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  started.on('error', (error) => failAll(new Error(`Graphviz worker failed: ${error.message}`)));
  started.on('exit', (code) => failAll(new Error(`Graphviz worker exited with code ${code}`)));
  started.unref();
  worker = started;
  return started;
}

/** Starts the worker and the WebAssembly compilation now, so the first render does not wait for them. */
export function prepareGraphviz(): void {
  graphvizWorker();
}

/** Lays out a DOT graph and returns Graphviz's SVG output (with its XML prolog). */
export function renderDot(dot: string): Promise<string> {
  const target = graphvizWorker();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.ref();
    target.postMessage({ id, dot });
  });
}
