// A service-shaped example: an order-intake service that keeps one ESE session per
// worker slot and holds each order's transaction open across several awaits (a fraud
// check, a stock reservation, a payment authorisation), the way a Windows Node service
// would. Each step's engine calls run on whichever libuv pool thread is free; the
// session's context is what makes that legal for ESE. Failed orders roll back; the typed
// errors tell an engine usage error from the service's own failures.
//
// Run: npm run example            (emulator off Windows, ESENT.dll on Windows)
//      ESENT_LIBRARY=/path/to/lib npm run example
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { EsentError, EsentNotInTransactionError, EsentUsageError, Instance, engineInfo } from '../dist/index.js';
import { currentThreadId, lastCallThreadId } from '../dist/debug.js';

const ORDERS = 120;
const SLOTS = 8;

class PaymentDeclined extends Error {}

/** A fixed pool of sessions; callers wait for a free one. */
class SessionPool {
  #free = [];
  #waiting = [];

  constructor(instance, size) {
    for (let i = 0; i < size; i++) this.#free.push(instance.beginSession());
  }

  async use(fn) {
    const session = this.#free.pop() ?? (await new Promise((resolve) => this.#waiting.push(resolve)));
    try {
      return await fn(session);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(session);
      else this.#free.push(session);
    }
  }
}

// Stand-ins for the remote calls a real service awaits mid-transaction.
const fraudCheck = (order) => sleep(1 + (order.id % 3));
const reserveStock = (order) => sleep(1 + (order.id % 2));
async function authorisePayment(order) {
  await sleep(2);
  if (order.id % 10 === 7) throw new PaymentDeclined(`card declined for order ${order.id}`);
}

async function placeOrder(pool, order) {
  return pool.use((session) =>
    session.transaction(async () => {
      const threads = new Set();
      const step = async (work) => {
        await work(order);
        // A cheap engine call per step, on the pool, inside the open transaction.
        if ((await session.transactionLevel()) < 1) throw new Error('transaction lost');
        threads.add(lastCallThreadId(session));
      };
      await step(fraudCheck);
      // Reservation gets a nested level of its own: undone alone if it must be retried.
      await session.transaction(async () => step(reserveStock));
      await step(authorisePayment);
      return threads;
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'esent-example-'));
const instance = await Instance.create({ path: dir, name: 'order-service', maxSessions: SLOTS + 2 });
console.log(`engine: ${engineInfo().path}${engineInfo().isEmulator ? ' (emulator)' : ''}`);

try {
  const pool = new SessionPool(instance, SLOTS);
  const started = Date.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: ORDERS }, (_, id) => placeOrder(pool, { id, amount: 10 + id })),
  );

  const committed = outcomes.filter((o) => o.status === 'fulfilled');
  const declined = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof PaymentDeclined);
  const engineFailures = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof EsentError);
  const movedAcrossThreads = committed.filter((o) => o.value.size > 1).length;
  const poolThreads = new Set(committed.flatMap((o) => [...o.value]));

  console.log(`orders: ${ORDERS} in ${Date.now() - started} ms on ${SLOTS} sessions`);
  console.log(`committed: ${committed.length}, rolled back (payment declined): ${declined.length}`);
  console.log(`engine errors: ${engineFailures.length}`);
  console.log(
    `transactions served by more than one pool thread: ${movedAcrossThreads}; ` +
      `pool threads used: ${poolThreads.size} (main thread ${currentThreadId()} never ran one)`,
  );

  // Engine errors are typed: a commit with no transaction is a usage error.
  await pool.use(async (session) => {
    try {
      await session.commit();
    } catch (error) {
      if (error instanceof EsentNotInTransactionError && error instanceof EsentUsageError) {
        console.log(`typed error as expected: ${error.code} from ${error.operation}`);
      } else {
        throw error;
      }
    }
  });
  if (engineFailures.length > 0 || committed.length + declined.length !== ORDERS) process.exitCode = 1;
} finally {
  await instance.close();
  rmSync(dir, { recursive: true, force: true });
}
