// A small seeded random source (mulberry32) and the values a fuzzer draws from it.
export class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n) {
    return Math.floor(this.next() * n);
  }

  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[this.int(list.length)];
  }

  u32() {
    return (this.int(0x10000) * 0x10000 + this.int(0x10000)) >>> 0;
  }

  u64() {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }

  // Numbers at the edges of every range an argument could be checked against.
  number() {
    return this.pick([0, 1, -1, 2, 7, 255, 256, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 2 ** 32,
      2 ** 53, -(2 ** 31), 1.5, NaN, Infinity, -Infinity, -0, this.u32(), this.int(64)]);
  }

  grbit() {
    return this.chance(0.5) ? (1 << this.int(32)) >>> 0 : this.chance(0.5) ? 0 : this.u32();
  }

  bigint() {
    return this.pick([0n, 1n, -1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 63n), this.u64(), BigInt(this.u32())]);
  }

  bytes() {
    const size = this.chance(0.02) ? 1 << 20 : this.pick([0, 1, 2, 4, 8, 16, 255, 256, 4096, this.int(70000)]);
    const buffer = Buffer.alloc(size);
    for (let i = 0; i < Math.min(size, 64); i++) buffer[i] = this.int(256);
    return this.chance(0.1) ? new Uint8Array(buffer) : buffer;
  }

  text() {
    return this.pick(['', 'a', 't', 'rows', 'primary', 'x'.repeat(64), 'x'.repeat(65), ' lead', 'trail ', 'dot.ted',
      'nul\0in', '\u00e9t\u00e9', 'y'.repeat(5000), `n${this.int(1000)}`]);
  }

  // A value of any kind at all.
  junk() {
    return this.pick([undefined, null, true, false, 0, -1, NaN, 'text', '', {}, [], [1, 2], { length: -1 },
      Buffer.alloc(3), () => 0, this.bigint(), this.number(), Symbol('s'), new Date(0), new Map()]);
  }
}
