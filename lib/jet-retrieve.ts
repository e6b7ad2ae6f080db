// JetRetrieveColumn(s) results and JetRetrieveColumns requests, made and read here for the
// addon (native/addon/jet/records.cc): an object literal or a field read costs tens of
// instructions in JavaScript and a thousand or more through N-API, and a raw point read
// makes or reads about thirty of them.

import type { JetRetrievedColumn, JetRetrievedValue } from './jet-data-types.js';

// Doubles per entry, shared with records.cc (kPacked). In: columnid, grbit, ibLongValue,
// itagSequence, cbData (-1 for a field left out). Out: offset (-1 for null), length, err,
// cbActual, columnidNextTagged, itagSequence.
const PACKED = 6;
// At least this many entries' room, so that the array's storage lies outside V8's heap and
// does not move while the addon holds a pointer into it.
const LEAST_ENTRIES = 64;

let layout = new Float64Array(LEAST_ENTRIES * PACKED);
let packing = false;

/** One result of JetRetrieveColumn, or of JetRetrieveColumns with itagSequence. */
export function retrieveResult(
  value: Buffer | null,
  err: number,
  cbActual: number,
  columnidNextTagged: number,
  itagSequence?: number,
): JetRetrievedValue | JetRetrievedColumn {
  if (itagSequence === undefined) return { value, err, cbActual, columnidNextTagged };
  return { value, err, cbActual, columnidNextTagged, itagSequence };
}

function isUInt32(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 0xffffffff && Math.floor(value) === value;
}

/**
 * The first `n` entries of `list` in the layout, or null if one is not a plain object
 * whose fields are valid numbers or left out: the addon then reads them itself, for the
 * message naming what is wrong. A getter that calls the raw API while its entry is read
 * gets null here too: the layout is in use.
 */
export function packRetrieveRequests(list: readonly unknown[], n: number): Float64Array | null {
  if (packing) return null;
  packing = true;
  try {
    if (layout.length < n * PACKED) layout = new Float64Array(Math.max(n, 2 * (layout.length / PACKED)) * PACKED);
    for (let i = 0; i < n; i++) {
      const entry = list[i] as Record<string, unknown> | null | undefined;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || ArrayBuffer.isView(entry)) return null;
      const { columnid, grbit, ibLongValue, itagSequence, cbData } = entry;
      if (!isUInt32(columnid)) return null;
      const at = i * PACKED;
      layout[at] = columnid;
      if (grbit === undefined) layout[at + 1] = -1;
      else if (isUInt32(grbit)) layout[at + 1] = grbit;
      else return null;
      if (ibLongValue === undefined) layout[at + 2] = -1;
      else if (isUInt32(ibLongValue)) layout[at + 2] = ibLongValue;
      else return null;
      if (itagSequence === undefined) layout[at + 3] = -1;
      else if (isUInt32(itagSequence)) layout[at + 3] = itagSequence;
      else return null;
      if (cbData === undefined || cbData === null) layout[at + 4] = -1;
      else if (isUInt32(cbData)) layout[at + 4] = cbData;
      else return null;
    }
    return layout;
  } finally {
    packing = false;
  }
}

/** JetRetrieveColumns' results: each value a view of `values`, where the layout says. */
export function buildRetrieveResults(values: Buffer, n: number): JetRetrievedColumn[] {
  const results: JetRetrievedColumn[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * PACKED;
    const offset = layout[at]!;
    results[i] = {
      value: offset < 0 ? null : values.subarray(offset, offset + layout[at + 1]!),
      err: layout[at + 2]!,
      cbActual: layout[at + 3]!,
      columnidNextTagged: layout[at + 4]!,
      itagSequence: layout[at + 5]!,
    };
  }
  return results;
}
