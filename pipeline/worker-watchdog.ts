/**
 * Imported first by a synthesis worker, before the seconds of module loading: the worker dies with the
 * main process, even one killed outright. Loading modules and synthesizing block the worker's thread
 * for seconds at a time, so neither the IPC 'disconnect' event nor a timer there would run before they
 * end (20–30 s on a large estate): a thread of its own sees the process re-parented and kills it. The
 * next run removes what the worker staged.
 */
import { Worker } from 'node:worker_threads';

/** The main process's pid, passed as the worker's first argument. */
const parent = Number(process.argv[2]);

const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   const orphaned = () => process.ppid !== workerData.parent && process.kill(process.pid, 'SIGKILL');
   orphaned();
   setInterval(orphaned, 100);`,
  { eval: true, workerData: { parent }, execArgv: [] },
);
watchdog.unref();
