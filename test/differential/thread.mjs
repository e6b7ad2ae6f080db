// A Worker of the differential executor: runs the calls it is sent, one at a time, on its
// own thread, and answers each with its outcome.
import { parentPort } from 'node:worker_threads';

import { invoke } from './invoke.mjs';

parentPort.on('message', ({ fn, args }) => parentPort.postMessage(invoke(fn, args)));
parentPort.postMessage({ ready: true });
