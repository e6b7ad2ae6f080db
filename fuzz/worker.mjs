// One fuzzing thread: `calls` calls, a share of them on the facade, the rest raw, from its
// own seed. Posts progress (calls made) and, at the end, its tally and failures.
import { parentPort, workerData } from 'node:worker_threads';

import { FacadeFuzzer } from './facade.mjs';
import { Random } from './random.mjs';
import { RawFuzzer } from './raw.mjs';

const { seed, calls, facadeShare, dir, label } = workerData;
const random = new Random(seed);
const raw = new RawFuzzer(random, dir, label);
const facade = new FacadeFuzzer(random, dir, label);
const tally = {};
const failures = [];
for (let i = 0; i < calls; i++) {
  const [name, outcome, detail] = random.chance(facadeShare) ? await facade.step() : raw.step();
  tally[outcome] = (tally[outcome] ?? 0) + 1;
  if (outcome === 'failure' && failures.length < 20) failures.push(detail ?? name);
  if (i % 200 === 199) parentPort.postMessage({ progress: 200 });
}
raw.tearDown();
await facade.tearDown();
parentPort.postMessage({ done: { tally, failures } });
