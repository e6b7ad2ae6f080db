// One side of the differential test as a process of its own (the engine library is
// process-wide): connects back to the comparer over TCP on 127.0.0.1 (Windows Node under
// Wine cannot write to pipes), runs the programs it is sent with the engine that
// ESENT_LIBRARY names, and streams each trace line as soon as the call has returned, so
// that a crash is pinned to its call.
//
// Usage: node test/differential/side.mjs --port PORT [--threads N]
// Messages, one JSON object per line:
//   comparer -> side  { op: 'run', program } | { op: 'exit' }
//   side -> comparer  { op: 'hello', engine, platform, arch, node, pid } | { op: 'line', index, line }
//                     | { op: 'done', cleanup } | { op: 'error', message }
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';

import { loadEngine } from '../../dist/index.js';
import { Executor } from './execute.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' }, threads: { type: 'string', default: '3' } } });
const socket = connect(Number(values.port), '127.0.0.1');
const send = (message) => socket.write(`${JSON.stringify(message)}\n`);

socket.on('error', () => process.exit(3));
socket.on('close', () => process.exit(0));
socket.once('connect', async () => {
  let executor;
  try {
    const engine = loadEngine();
    executor = await Executor.create({ threads: Number(values.threads) });
    // Whatever an engine writes to its default (current) folder, when a shrunk program has
    // lost the calls setting its paths, lands in the executor's folder, not in the checkout.
    process.chdir(executor.folder);
    send({ op: 'hello', engine, platform: process.platform, arch: process.arch, node: process.version, pid: process.pid });
  } catch (error) {
    send({ op: 'error', message: String(error?.stack ?? error) });
    socket.end();
    return;
  }
  // Programs run one at a time, in the order they came.
  let queue = Promise.resolve();
  let pending = '';
  socket.on('data', (chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const message = JSON.parse(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      queue = queue.then(() => handle(message));
    }
  });

  async function handle(message) {
    if (message.op === 'exit') {
      process.chdir(tmpdir());
      await executor.close();
      socket.end(() => process.exit(0));
      return;
    }
    try {
      const { cleanup } = await executor.run(message.program, { onLine: (index, line) => send({ op: 'line', index, line }) });
      send({ op: 'done', cleanup });
    } catch (error) {
      send({ op: 'error', message: String(error?.stack ?? error) });
    }
  }
});
