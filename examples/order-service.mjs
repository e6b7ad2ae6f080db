// A service-shaped example: an order-intake service on ESE. Each request runs in one
// transaction held open across several awaits (a fraud check, a payment authorisation),
// the way a Windows Node service would: the engine calls of each step run on whichever
// libuv pool thread is free, inside the session's context. Orders for the same product race
// for its stock row; the loser gets EsentWriteConflictError and the service retries it.
// Declined payments roll back the stock and the order together.
//
// Run: npm run example            (the emulator off Windows, ESENT.dll on Windows)
//      ESENT_LIBRARY=/path/to/lib npm run example
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { EsentWriteConflictError, Instance, engineInfo } from '../dist/index.js';
import { currentThreadId, lastCallThreadId } from '../dist/debug.js';

const ORDERS = 120;
const SLOTS = 8;
const PRODUCTS = { 'KB-01': 80, 'MS-02': 40, 'HD-03': 70 };

class PaymentDeclined extends Error {}
class OutOfStock extends Error {}

const stockSchema = {
  columns: {
    sku: { type: 'text', maxLength: 32, notNull: true },
    quantity: { type: 'long', notNull: true },
  },
  indexes: { primary: { key: ['+sku'], primary: true } },
};

const orderSchema = {
  columns: {
    id: { type: 'long', autoIncrement: true },
    sku: { type: 'text', maxLength: 32, notNull: true },
    quantity: { type: 'long', notNull: true },
    amount: { type: 'currency', notNull: true },
    placed: { type: 'dateTime', notNull: true },
  },
  indexes: {
    primary: { key: ['+id'], primary: true },
    bySku: { key: ['+sku', '-placed'] },
  },
};

/** One session per slot, each with its own handles on the tables. */
async function openSlot(instance, path) {
  const session = instance.beginSession();
  const db = await session.openDatabase(path);
  return { session, stock: await db.openTable('stock', stockSchema), orders: await db.openTable('orders', orderSchema) };
}

/** A fixed pool of slots; callers wait for a free one. */
class SlotPool {
  #free;
  #waiting = [];

  constructor(slots) {
    this.#free = [...slots];
  }

  async use(fn) {
    const slot = this.#free.pop() ?? (await new Promise((resolve) => this.#waiting.push(resolve)));
    try {
      return await fn(slot);
    } finally {
      const next = this.#waiting.shift();
      if (next) next(slot);
      else this.#free.push(slot);
    }
  }
}

// Stand-ins for the remote calls a real service awaits mid-transaction.
const fraudCheck = (order) => sleep(1 + (order.id % 3));
async function authorisePayment(order) {
  await sleep(2);
  if (order.id % 10 === 7) throw new PaymentDeclined(`card declined for order ${order.id}`);
}

async function placeOrder(pool, order, stats) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.use(({ session, stock, orders }) =>
        session.transaction(async () => {
          const threads = new Set();
          await fraudCheck(order);
          const item = await stock.get(order.sku);
          threads.add(lastCallThreadId(session));
          if (!item || item.quantity < order.quantity) throw new OutOfStock(`${order.sku} is sold out`);
          await stock.update(order.sku, { quantity: item.quantity - order.quantity });
          const saved = await orders.insert({
            sku: order.sku,
            quantity: order.quantity,
            amount: BigInt(order.quantity) * 19_990_000n / 1000n, // 1 999.00 each, in 1/10000s
            placed: new Date(),
          });
          threads.add(lastCallThreadId(session));
          await authorisePayment(order);
          return { saved, threads };
        }),
      );
    } catch (error) {
      // Another order took the same stock row first: try again on a fresh snapshot, after a
      // random pause that grows with each attempt, so that the orders that collided do not
      // collide again at once (the row stays locked until its holder commits).
      if (error instanceof EsentWriteConflictError && attempt < 50) {
        stats.conflicts++;
        await sleep(Math.random() * 2 * attempt);
        continue;
      }
      throw error;
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'esent-example-'));
const dbPath = join(dir, 'shop.edb');
const instance = await Instance.create({ path: dir, name: 'order-service', maxSessions: SLOTS + 2 });
console.log(`engine: ${engineInfo().path}${engineInfo().isEmulator ? ' (emulator)' : ''}`);

try {
  // Set up the database once.
  const setup = instance.beginSession();
  const db = await setup.createDatabase(dbPath);
  const stock = await db.createTable('stock', stockSchema);
  await db.createTable('orders', orderSchema);
  await stock.insertMany(Object.entries(PRODUCTS).map(([sku, quantity]) => ({ sku, quantity })));
  await setup.end();

  const slots = await Promise.all(Array.from({ length: SLOTS }, () => openSlot(instance, dbPath)));
  const pool = new SlotPool(slots);
  const skus = Object.keys(PRODUCTS);
  const stats = { conflicts: 0 };
  const started = Date.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: ORDERS }, (_, id) => placeOrder(pool, { id, sku: skus[id % skus.length], quantity: 1 + (id % 2) }, stats)),
  );

  const placed = outcomes.filter((o) => o.status === 'fulfilled');
  const declined = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof PaymentDeclined).length;
  const soldOut = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof OutOfStock).length;
  const failed = outcomes.filter(
    (o) => o.status === 'rejected' && !(o.reason instanceof PaymentDeclined) && !(o.reason instanceof OutOfStock),
  );
  const moved = placed.filter((o) => o.value.threads.size > 1).length;

  console.log(`orders: ${ORDERS} in ${Date.now() - started} ms on ${SLOTS} sessions`);
  console.log(`placed: ${placed.length}, declined (rolled back): ${declined}, sold out: ${soldOut}`);
  console.log(`write conflicts retried: ${stats.conflicts}`);
  console.log(`transactions whose calls ran on more than one pool thread: ${moved} (main thread ${currentThreadId()})`);
  for (const reason of failed.map((o) => o.reason)) console.error('unexpected failure:', reason);

  // Check the books: what is left plus what was sold is what there was.
  await pool.use(async ({ stock, orders }) => {
    for (const [sku, initial] of Object.entries(PRODUCTS)) {
      let sold = 0;
      for await (const order of orders.find({ index: 'bySku', from: sku, to: sku })) sold += order.quantity;
      const left = (await stock.get(sku)).quantity;
      const balanced = left + sold === initial;
      console.log(`${sku}: ${initial} in stock at start, ${sold} sold, ${left} left${balanced ? '' : '  <- MISMATCH'}`);
      if (!balanced) process.exitCode = 1;
    }
    console.log(`orders table: ${await orders.count()} rows`);
  });
  if (failed.length > 0) process.exitCode = 1;
} finally {
  await instance.close();
  rmSync(dir, { recursive: true, force: true });
}
