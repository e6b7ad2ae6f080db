// Generates a program of raw `jet` calls from a seed (see program.mjs for the format).
//
// The generator keeps a model of what its calls should have made (instances, sessions,
// contexts and transaction owners, databases, tables, cursors, prepared updates) so that most
// calls are meaningful, and it mixes in deliberate misuse: stale and foreign handles, calls on
// the wrong thread, bad arguments. The model only steers the choice of calls; it never
// predicts outcomes, which come from the engines and are what gets compared. Where the model
// is wrong (a call it expected to succeed failed), later calls fail too, on both engines alike.
//
// Nothing here touches an engine: a program is a pure function of (seed, options).
import {
  JET_ColInfo,
  JET_DbInfoLCID,
  JET_DbInfoOptions,
  JET_DbInfoPageSize,
  JET_ColInfoBase,
  JET_ColInfoByColid,
  JET_IdxInfoCount,
  JET_IdxInfoKeyMost,
  JET_IdxInfoLCID,
  JET_IdxInfoSpaceAlloc,
  JET_IdxInfoVarSegMac,
  JET_MoveFirst,
  JET_ObjInfo,
  JET_ObjInfoList,
  JET_ObjInfoListNoStats,
  JET_ObjInfoNoStats,
  JET_MoveLast,
  JET_MoveNext,
  JET_MovePrevious,
  JET_TblInfo,
  JET_TblInfoDbid,
  JET_TblInfoName,
  JET_TblInfoSpaceAlloc,
  JET_bitColumnAutoincrement,
  JET_bitColumnEscrowUpdate,
  JET_bitColumnFixed,
  JET_bitColumnMultiValued,
  JET_bitColumnNotNULL,
  JET_bitColumnTagged,
  JET_bitCommitLazyFlush,
  JET_bitDbExclusive,
  JET_bitDbReadOnly,
  JET_bitEscrowNoRollback,
  JET_bitFullColumnEndLimit,
  JET_bitFullColumnStartLimit,
  JET_bitIndexDisallowNull,
  JET_bitIndexIgnoreAnyNull,
  JET_bitIndexIgnoreFirstNull,
  JET_bitIndexIgnoreNull,
  JET_bitIndexPrimary,
  JET_bitIndexSortNullsHigh,
  JET_bitIndexUnicode,
  JET_bitIndexUnique,
  JET_bitKeyDataZeroLength,
  JET_bitMoveKeyNE,
  JET_bitNewKey,
  JET_bitNoMove,
  JET_bitRangeInclusive,
  JET_bitRangeInstantDuration,
  JET_bitRangeRemove,
  JET_bitRangeUpperLimit,
  JET_bitReadLock,
  JET_bitRetrieveCopy,
  JET_bitRetrieveFromIndex,
  JET_bitRetrieveFromPrimaryBookmark,
  JET_bitRetrieveIgnoreDefault,
  JET_bitRetrieveNull,
  JET_bitRetrieveTag,
  JET_bitRollbackAll,
  JET_bitSeekEQ,
  JET_bitSeekGE,
  JET_bitSeekGT,
  JET_bitSeekLE,
  JET_bitSeekLT,
  JET_bitSetAppendLV,
  JET_bitSetIndexRange,
  JET_bitSetOverwriteLV,
  JET_bitSetRevertToDefaultValue,
  JET_bitSetSizeLV,
  JET_bitSetUniqueMultiValues,
  JET_bitSetZeroLength,
  JET_bitStopServiceBackgroundUserTasks,
  JET_bitStopServiceResume,
  JET_bitStrLimit,
  JET_bitSubStrLimit,
  JET_bitTableReadOnly,
  JET_bitTableUpdatable,
  JET_bitTermAbrupt,
  JET_bitTermComplete,
  JET_bitTransactionReadOnly,
  JET_bitWriteLock,
  JET_coltypBinary,
  JET_coltypBit,
  JET_coltypCurrency,
  JET_coltypDateTime,
  JET_coltypGUID,
  JET_coltypIEEEDouble,
  JET_coltypIEEESingle,
  JET_coltypLong,
  JET_coltypLongBinary,
  JET_coltypLongLong,
  JET_coltypLongText,
  JET_coltypShort,
  JET_coltypText,
  JET_coltypUnsignedByte,
  JET_coltypUnsignedLong,
  JET_coltypUnsignedLongLong,
  JET_coltypUnsignedShort,
  JET_objtypNil,
  JET_objtypTable,
  JET_efvUseEngineDefault,
  JET_paramBaseName,
  JET_paramCircularLog,
  JET_paramCreatePathIfNotExist,
  JET_paramDbExtensionSize,
  JET_paramEngineFormatVersion,
  JET_paramLogBuffers,
  JET_paramLogFilePath,
  JET_paramLogFileSize,
  JET_paramMaxCursors,
  JET_paramMaxOpenTables,
  JET_paramMaxSessions,
  JET_paramMaxVerPages,
  JET_paramNoInformationEvent,
  JET_paramSystemPath,
  JET_paramTempPath,
  JET_prepCancel,
  JET_prepInsert,
  JET_prepInsertCopy,
  JET_prepReplace,
  JET_prepReplaceNoLock,
  JET_sesparamTransactionLevel,
} from '../../dist/index.js';
import { Random } from './random.mjs';

/** Kinds of deliberate misuse; each can be turned off (options.misuse). */
export const MISUSE_KINDS = Object.freeze([
  // A session, cursor or instance used by the very next call after it was ended, closed or
  // terminated. Never later: ESE recycles the memory behind handles, so a freed handle names
  // nothing definite once anything else has run (a background task may take it, too).
  'stale',
  'foreign', // a cursor of one session used with another
  'wrongThread', // commit, rollback, nested begin or context reset from a thread that does not own it
  'badArguments', // bad contexts, grbits, column definitions, key data, names, info levels
  'madeUpHandles', // non-zero handle values no engine handed out (needs the engine to probe them safely)
]);

export const DEFAULT_OPTIONS = Object.freeze({
  /** Calls per program (the program may end a few calls later, to finish an action). */
  length: 200,
  /** Threads: the main thread and length-1 Workers. */
  threads: 3,
  misuse: MISUSE_KINDS,
  /**
   * Also the calls of schema change, catalog reading and positioning that the first
   * generator left out (JetRenameTable, JetRenameColumn, JetSetColumnDefaultValue,
   * JetGetDatabaseInfo, JetGetObjectInfo, JetGotoPosition, JetGetLock, JetCreateIndex4) and
   * more JetRetrieveColumn grbits. Off, a seed's program is what it always was, so the seed
   * lists stay valid; on, the same seed gives another program.
   */
  extended: false,
});

const FILES = ['a.edb', 'b.edb'];
const TABLE_NAMES = ['T1', 'T2', 'T3'];
const COLUMN_NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const FIXED_SIZE = new Map([
  [JET_coltypBit, 1],
  [JET_coltypUnsignedByte, 1],
  [JET_coltypShort, 2],
  [JET_coltypUnsignedShort, 2],
  [JET_coltypLong, 4],
  [JET_coltypUnsignedLong, 4],
  [JET_coltypLongLong, 8],
  [JET_coltypUnsignedLongLong, 8],
  [JET_coltypCurrency, 8],
  [JET_coltypIEEESingle, 4],
  [JET_coltypIEEEDouble, 8],
  [JET_coltypDateTime, 8],
  [JET_coltypGUID, 16],
]);
const VARIABLE = new Set([JET_coltypText, JET_coltypBinary]);
const LONG = new Set([JET_coltypLongText, JET_coltypLongBinary]);
const TEXT = new Set([JET_coltypText, JET_coltypLongText]);
const ALL_TYPES = [...FIXED_SIZE.keys(), ...VARIABLE, ...LONG];

// Text values are ASCII letters and digits only: ESE sorts text with LCMapString, which the
// emulator does not reproduce for punctuation and non-ASCII letters (docs/emulator.md).
const TEXTS = ['', 'a', 'A', 'b', 'B', 'ab', 'aB', 'Ab', 'abc', 'b1', '1', '10', '2', 'zz'];
const GUIDS = [
  '00000000000000000000000000000000',
  '0123456789abcdef0123456789abcdef',
  'ffffffffffffffffffffffffffffffff',
  '00112233445566778899aabbccddeeff',
];

const hex = (bytes) => Buffer.from(bytes).toString('hex');

function intBytes(size, value) {
  const b = Buffer.alloc(size);
  if (size === 1) b.writeUInt8(Number(BigInt.asUintN(8, BigInt(value))));
  else if (size === 2) b.writeUInt16LE(Number(BigInt.asUintN(16, BigInt(value))));
  else if (size === 4) b.writeUInt32LE(Number(BigInt.asUintN(32, BigInt(value))));
  else b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(value)));
  return hex(b);
}

function floatBytes(size, value) {
  const b = Buffer.alloc(size);
  if (size === 4) b.writeFloatLE(value);
  else b.writeDoubleLE(value);
  return hex(b);
}

function textBytes(text, cp) {
  return hex(cp === 1200 ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'latin1'));
}

/** Bytes of a value of `column`'s type, from a small domain so that keys meet often. */
function valueBytes(rng, column) {
  const { coltyp } = column;
  switch (coltyp) {
    case JET_coltypBit:
      return rng.pick(['00', 'ff', 'ff', '01']);
    case JET_coltypUnsignedByte:
      return intBytes(1, rng.pick([0, 1, 2, 3, 255]));
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
      return intBytes(2, rng.pick([-2, -1, 0, 1, 2, 3, 300]));
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
      return intBytes(4, rng.pick([-3, -1, 0, 1, 2, 3, 4, 5, 2147483647, -2147483648]));
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
    case JET_coltypCurrency:
      return intBytes(8, rng.pick([-3n, -1n, 0n, 1n, 2n, 3n, 1n << 40n, -(1n << 63n)]));
    case JET_coltypIEEESingle:
      return floatBytes(4, rng.pick([-1.5, -0, 0, 1, 2.5, 1e30]));
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
      return floatBytes(8, rng.pick([-1.5, -0, 0, 1, 2.5, 36526.25]));
    case JET_coltypGUID:
      return rng.pick(GUIDS);
    case JET_coltypText:
      return textBytes(rng.pick(TEXTS), column.cp);
    case JET_coltypBinary:
      return rng.pick(['', '00', '01', '0102', 'ff', '00ff00', '0101']);
    case JET_coltypLongText:
      return rng.chance(0.2) ? textBytes('xy'.repeat(rng.int(100, 400)), column.cp) : textBytes(rng.pick(TEXTS), column.cp);
    case JET_coltypLongBinary:
      return rng.chance(0.2) ? hex(Buffer.alloc(rng.int(200, 2000), rng.int(0, 255))) : rng.pick(['', '01', '0203']);
    default:
      return '00';
  }
}

/** A value of the wrong size for a fixed-size column, or too long for a limited one. */
function badValueBytes(rng, column) {
  const size = FIXED_SIZE.get(column.coltyp);
  if (size !== undefined) return hex(Buffer.alloc(size === 1 ? 2 : size - 1, 1));
  return longBytes(rng.pick([256, 300, 1000]), 'A', column);
}

/** `count` bytes of one letter: in a Unicode text column, UTF-16 letters (0x41 0x41 would be a
 * CJK ideograph, which Wine's LCMapString and Windows' sort differently: see TEXTS). */
function longBytes(count, letter, column) {
  if (isUnicodeText(column)) return hex(Buffer.from(letter.repeat(count / 2), 'utf16le'));
  return hex(Buffer.alloc(count, letter.charCodeAt(0)));
}

function isUnicodeText(column) {
  return TEXT.has(column.coltyp) && column.cp === 1200;
}

function unicodeTextIndexed(table) {
  return table.indexes.some((index) => index.segments.some((segment) => isUnicodeText(segment.column)));
}

/** The same number of bytes, read as UTF-16 ASCII letters (a last odd byte a letter too), for
 * key data that may meet a Unicode text segment the model did not expect there (see TEXTS). */
function unicodeSafe(hexData) {
  const bytes = Buffer.from(hexData, 'hex');
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 2 === 0 ? 0x61 + (bytes[i] % 26) : 0;
  return hex(bytes);
}

// ---- the model ---------------------------------------------------------------------------

class Generator {
  constructor(seed, options) {
    this.rng = new Random(seed);
    this.seed = seed;
    this.options = options;
    this.misuse = new Set(options.misuse);
    this.calls = [];
    this.counters = {};
    this.instances = [];
    this.sessions = [];
    this.cursors = [];
    this.bookmarks = [];
  }

  symbol(kind) {
    this.counters[kind] = (this.counters[kind] ?? 0) + 1;
    return `${kind}${this.counters[kind]}`;
  }

  emit(t, fn, args, extra = {}) {
    const call = { id: this.calls.length, t, fn, args, ...extra };
    // A call at level 0 on a thread other than the one that set the session's context may
    // begin a level-0 transaction of its own whose commit fails, leaving it open (an update,
    // a schema change, a read's own transaction): the model does not follow which, so from
    // then on the session may be in a transaction the model does not see.
    const session = args[0]?.r && this.sessions.find((x) => x.sym === args[0].r);
    if (session && session.level === 0 && session.context && session.context.thread !== t) session.maybeInTransaction = true;
    this.calls.push(call);
    return call;
  }

  thread() {
    return this.rng.int(0, this.options.threads - 1);
  }

  otherThread(not) {
    if (this.options.threads < 2) return not;
    let t = this.thread();
    while (t === not) t = this.thread();
    return t;
  }

  liveInstances() {
    return this.instances.filter((i) => i.state === 'ready');
  }

  liveSessions() {
    return this.sessions.filter((s) => s.alive);
  }

  liveCursors() {
    return this.cursors.filter((c) => c.alive);
  }

  // ---- instances ----

  newInstance() {
    if (this.instances.filter((i) => i.state !== 'gone').length >= 2) return false;
    const sym = this.symbol('i');
    const inst = { sym, state: 'created', maxSessions: 16, files: new Map(FILES.map((f) => [f, this.newFile(`${sym}/${f}`)])) };
    this.instances.push(inst);
    const t = this.thread();
    this.emit(t, 'JetCreateInstance2', [{ name: sym }, null, 0], { out: sym });
    const ref = { r: sym };
    for (const param of [JET_paramSystemPath, JET_paramLogFilePath, JET_paramTempPath]) {
      this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, param, 0, { dir: sym }]);
    }
    this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramCreatePathIfNotExist, 1, null]);
    this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramNoInformationEvent, 1, null]);
    this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramCircularLog, 1, null]);
    // The format version is set, not left to the engine: ESENT.dll starts an instance whose
    // application did not set it at an older version until Windows' downgrade window after an
    // update has passed, and ESE built from source always does (jetapi.cxx,
    // ErrUtilOsDowngradeWindowExpired), which refuses newer format features such as 64-bit
    // escrow columns. With it set, both engines give every feature they know.
    this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramEngineFormatVersion, JET_efvUseEngineDefault, null]);
    // Small log files: ESE writes its logs in full at init.
    const logFileSize = this.bad(0.05) ? this.rng.pick([32, 40000]) : this.rng.pick([64, 128]);
    this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramLogFileSize, logFileSize, null]);
    if (this.rng.chance(0.3)) this.setParameter(inst, t);
    if (this.rng.chance(0.5)) {
      inst.maxSessions = this.rng.int(2, 6);
      this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramMaxSessions, inst.maxSessions, null]);
    }
    if (this.bad(0.1)) this.emit(t, 'JetBeginSession', [ref, null, null], { out: this.symbol('s'), note: 'before init' });
    this.emit(t, 'JetInit3', [ref, 0]);
    inst.state = 'ready';
    if (this.bad(0.1)) this.emit(t, 'JetInit3', [ref, 0], { note: 'twice' });
    if (this.bad(0.1)) this.emit(t, 'JetSetSystemParameter', [ref, { n: '0' }, JET_paramMaxSessions, 3, null], { note: 'after init' });
    if (this.bad(0.05)) this.emit(t, 'JetCreateInstance2', [{ name: sym }, null, 0], { out: this.symbol('i'), note: 'name in use' });
    return true;
  }

  newFile(path) {
    return { path, exists: false, attached: false, tables: new Map() };
  }

  term() {
    const candidates = this.instances.filter((i) => i.state !== 'gone');
    if (!candidates.length) return false;
    const inst = this.rng.pick(candidates);
    const sessions = () => this.liveSessions().filter((s) => s.inst === inst);
    const termCall = () => {
      const grbit = this.rng.pick([0, JET_bitTermAbrupt, JET_bitTermComplete, null]);
      if (grbit === null) this.emit(this.thread(), 'JetTerm', [{ r: inst.sym }]);
      else this.emit(this.thread(), 'JetTerm2', [{ r: inst.sym }, grbit]);
    };
    // Term over open transactions is refused (and changes nothing).
    if (sessions().some((s) => s.level > 0) && this.bad(0.5)) termCall();
    // Then in order: transactions rolled back, and usually contexts reset and sessions ended.
    for (const s of sessions()) {
      if (this.rng.chance(0.7)) this.endSessionInOrder(s);
      else if (s.level > 0) this.rollbackInOrder(s);
    }
    termCall();
    inst.state = 'gone';
    for (const s of sessions()) this.freeSession(s);
    for (const f of inst.files.values()) f.attached = false;
    if (this.stale(0.3)) this.emit(this.thread(), 'JetBeginSession', [{ r: inst.sym }, null, null], { out: this.symbol('s'), note: 'stale instance' });
    return true;
  }

  stopService() {
    const inst = this.rng.pick(this.liveInstances().length ? this.liveInstances() : [null]);
    if (!inst) return false;
    const t = this.thread();
    if (this.rng.chance(0.2)) {
      // A full stop: the instance refuses nearly everything from now on, until term.
      this.emit(t, 'JetStopServiceInstance2', [{ r: inst.sym }, 0]);
      inst.state = 'stopped';
      return true;
    }
    this.emit(t, 'JetStopServiceInstance2', [{ r: inst.sym }, JET_bitStopServiceBackgroundUserTasks]);
    for (let k = this.rng.int(0, 2); k > 0; k--) this.act();
    if (this.rng.chance(0.8)) this.emit(this.thread(), 'JetStopServiceInstance2', [{ r: inst.sym }, JET_bitStopServiceResume]);
    return true;
  }

  /**
   * An instance not terminated, or null. A terminated one's handle is used only right after
   * its JetTerm (misuse 'stale'): ESE reuses an instance's memory, so a later call with it may
   * reach an instance made since (JET_errAlreadyInitialized instead of JET_errInvalidInstance).
   */
  pickUnterminated() {
    const candidates = this.instances.filter((i) => i.state !== 'gone');
    return this.rng.pick(candidates.length ? candidates : [null]);
  }

  /**
   * Sets one of an instance's own parameters (never a process-wide one, which would outlive
   * the program), in range or, as misuse, out of it; after init most are refused.
   */
  setParameter(inst = this.pickUnterminated(), t = this.thread()) {
    if (!inst) return false;
    const [param, good, bad] = this.rng.pick(INSTANCE_PARAMETERS);
    const misuse = this.bad(0.3);
    const value = this.rng.pick(misuse ? bad : good);
    const text = typeof value === 'string';
    this.emit(t, 'JetSetSystemParameter', [{ r: inst.sym }, { n: '0' }, param, text ? 0 : value, text ? value : null], misuse ? { note: 'out of range' } : {});
    if (param === JET_paramMaxSessions && !misuse && inst.state === 'created') inst.maxSessions = value;
    return true;
  }

  systemParameter() {
    if (this.rng.chance(0.3)) return this.setParameter();
    const inst = this.rng.pick(this.instances.length ? this.instances : [null]);
    if (!inst) return false;
    const param = this.rng.pick([
      JET_paramSystemPath,
      JET_paramBaseName,
      JET_paramMaxSessions,
      JET_paramMaxCursors,
      JET_paramMaxOpenTables,
      JET_paramCircularLog,
      JET_paramCreatePathIfNotExist,
    ]);
    // ESE's retail build does not check the instance handle here (jetapi.cxx
    // JetGetSystemParameterEx): through an ended instance's it reads freed memory, so the call
    // stays in the program, for the draws that follow, but is not made.
    const ended = inst.state === 'gone' ? { unrun: 'an ended instance\'s handle' } : {};
    this.emit(this.thread(), 'JetGetSystemParameter', [{ r: inst.sym }, { n: '0' }, param], ended);
    return true;
  }

  errorInfo() {
    this.emit(this.thread(), 'JetGetErrorInfo', [this.rng.pick([-1003, -1102, -1601, -1910, 1004, -1, 0, -99999])]);
    return true;
  }

  // ---- sessions and contexts ----

  beginSession() {
    const inst = this.rng.pick(this.liveInstances().length ? this.liveInstances() : [null]);
    if (!inst) return this.newInstance();
    const full = this.isFull(inst);
    if (full && !this.bad(0.2)) return false;
    const sym = this.symbol('s');
    this.emit(this.thread(), 'JetBeginSession', [{ r: inst.sym }, null, null], { out: sym });
    if (!full) this.addSession(sym, inst);
    return true;
  }

  dupSession() {
    const s = this.pickSession();
    if (!s || this.isFull(s.inst)) return false;
    const sym = this.symbol('s');
    this.emit(this.threadFor(s), 'JetDupSession', [{ r: s.sym }], { out: sym });
    this.addSession(sym, s.inst);
    return true;
  }

  /**
   * Whether the instance has as many sessions as ESE allows: JET_paramMaxSessions plus the 69
   * it keeps for itself (daeconst.hxx cpibSystem) less the 4 a started instance holds.
   */
  isFull(inst) {
    return this.liveSessions().filter((s) => s.inst === inst).length >= inst.maxSessions + 65;
  }

  addSession(sym, inst) {
    const n = this.sessions.length + 1;
    this.sessions.push({
      sym,
      inst,
      alive: true,
      // Sessions either move between threads under a context, or stay on threads without one.
      usesContext: this.rng.chance(0.6),
      contextValue: 0x1000 + n,
      context: null, // { value, thread } while a context is set
      level: 0,
      owner: null, // { context } or { thread }: who began level 0
      levelOpened: [], // per level: cursors opened at that level
      maybeInTransaction: false, // a level-0 call may have left a transaction open (emit)
      unseenLevelOpened: [], // cursors opened at level 0 while maybeInTransaction
      undo: [], // per level: model changes to undo on rollback
      dbs: new Map(), // file path -> dbid symbol
      home: this.thread(),
    });
  }

  pickSession(filter = () => true) {
    const live = this.liveSessions().filter((s) => s.inst.state === 'ready' && filter(s));
    return live.length ? this.rng.pick(live) : null;
  }

  /** The thread a call on `s` should run on: its context's, its transaction's, or its home. */
  threadFor(s) {
    if (s.context) return this.rng.chance(0.9) ? s.context.thread : this.thread();
    if (s.level > 0 && s.owner?.thread !== undefined) return this.rng.chance(0.95) ? s.owner.thread : this.thread();
    if (this.rng.chance(0.1)) s.home = this.thread();
    return s.home;
  }

  ownsTransaction(s, t) {
    if (s.level === 0 || !s.owner) return false;
    if (s.owner.context !== undefined) return s.context?.value === s.owner.context && s.context.thread === t;
    return s.owner.thread === t;
  }

  /** The thread that may commit or roll back `s`'s transaction now, or null if none may. */
  ownerThread(s) {
    if (s.level === 0 || !s.owner) return null;
    if (s.owner.context !== undefined) return s.context?.value === s.owner.context ? s.context.thread : null;
    return s.owner.thread;
  }

  setContext(s = this.pickSession(), t = this.thread()) {
    if (!s) return false;
    if (this.bad(0.08)) {
      this.emit(t, 'JetSetSessionContext', [{ r: s.sym }, { n: this.rng.pick(['0', '-1']) }], { note: 'bad context' });
      return true;
    }
    if (s.context && !this.bad(0.3)) return false;
    // Mostly the session's own value; sometimes another, which then owns nothing.
    const value = this.rng.chance(0.93) ? s.contextValue : s.contextValue + 0x100;
    this.emit(t, 'JetSetSessionContext', [{ r: s.sym }, { n: String(value) }], s.context ? { note: 'already set' } : {});
    if (!s.context) s.context = { value, thread: t };
    return true;
  }

  resetContext(s = this.pickSession((x) => x.context !== null), misuse = true) {
    if (!s) return false;
    if (!s.context) {
      this.emit(this.thread(), 'JetResetSessionContext', [{ r: s.sym }], { note: 'not set' });
      return true;
    }
    if (misuse && this.wrongThread(0.1)) {
      this.emit(this.otherThread(s.context.thread), 'JetResetSessionContext', [{ r: s.sym }], { note: 'wrong thread' });
      return true;
    }
    this.emit(s.context.thread, 'JetResetSessionContext', [{ r: s.sym }]);
    s.context = null;
    return true;
  }

  endSession() {
    const s = this.pickSession();
    if (!s) return false;
    if (this.rng.chance(0.7)) this.endSessionInOrder(s);
    else this.emitEndSession(s, this.threadFor(s));
    return true;
  }

  /** Resets the context and rolls back, then ends the session. */
  endSessionInOrder(s) {
    if (s.level > 0) this.rollbackInOrder(s);
    if (s.context) this.resetContext(s, false);
    this.emitEndSession(s, this.thread());
  }

  /** Rolls back every level on the thread (and with the context) that owns the transaction. */
  rollbackInOrder(s) {
    const t = s.owner?.thread ?? s.context?.thread ?? this.thread();
    if (s.owner?.context !== undefined && s.context?.value !== s.owner.context) {
      if (s.context) this.resetContext(s, false);
      this.setContextFor(s, t);
    }
    this.rollback(s, true, s.owner?.context !== undefined ? s.context.thread : t);
  }

  setContextFor(s, t) {
    this.emit(t, 'JetSetSessionContext', [{ r: s.sym }, { n: String(s.owner?.context ?? s.contextValue) }]);
    if (!s.context) s.context = { value: s.owner?.context ?? s.contextValue, thread: t };
  }

  emitEndSession(s, t) {
    this.emit(t, 'JetEndSession', [{ r: s.sym }, 0]);
    // ESE refuses while a context is set; a thread-owned transaction ends only on its thread.
    const ends = !s.context && (s.level === 0 || s.owner?.context !== undefined || s.owner?.thread === t);
    if (!ends) return;
    this.freeSession(s);
    if (this.stale(0.3)) {
      const fn = this.rng.pick(['JetBeginTransaction', 'JetEndSession', 'JetSetSessionContext']);
      const args = fn === 'JetSetSessionContext' ? [{ r: s.sym }, { n: '77' }] : fn === 'JetEndSession' ? [{ r: s.sym }, 0] : [{ r: s.sym }];
      this.emit(t, fn, args, { note: 'stale session' });
    }
  }

  freeSession(s) {
    s.alive = false;
    for (const c of this.cursors) if (c.ses === s) c.alive = false;
  }

  // ---- transactions ----

  begin(s = this.pickSession()) {
    if (!s) return false;
    const readOnly = s.level === 0 && this.rng.chance(0.1);
    let t = s.level > 0 ? (this.ownerThread(s) ?? this.threadFor(s)) : this.threadFor(s);
    let note;
    if (s.level > 0 && this.wrongThread(0.08)) {
      t = this.otherThread(t);
      note = 'wrong thread';
    }
    const grbit = this.bad(0.04) ? 0x100 : readOnly ? JET_bitTransactionReadOnly : null;
    if (grbit === null && this.rng.chance(0.1)) this.emit(t, 'JetBeginTransaction3', [{ r: s.sym }, { n: String(this.rng.int(1, 99)) }, 0], note ? { note } : {});
    else if (grbit === null) this.emit(t, 'JetBeginTransaction', [{ r: s.sym }], note ? { note } : {});
    // An unknown bit is no error: ESE keeps the bits it supports and drops the others (tm.cxx
    // ErrIsamBeginTransaction), so the transaction begins.
    else this.emit(t, 'JetBeginTransaction2', [{ r: s.sym }, grbit], grbit === 0x100 ? { note: 'unknown grbit' } : note ? { note } : {});
    if (s.level === 0) {
      s.owner = s.context ? { context: s.context.value } : { thread: t };
      s.level = 1;
      s.undo = [[]];
      s.levelOpened = [[]];
    } else if (this.ownsTransaction(s, t) && s.level < 7) {
      s.level++;
      s.undo.push([]);
      s.levelOpened.push([]);
    }
    return true;
  }

  commit() {
    const s = this.pickSession((x) => x.level > 0) ?? (this.bad(0.2) ? this.pickSession() : null);
    if (!s) return false;
    let t = this.ownerThread(s) ?? this.threadFor(s);
    let note;
    if (this.wrongThread(0.08)) {
      t = this.otherThread(t);
      note = 'wrong thread';
    }
    const grbit = this.rng.pick([0, 0, JET_bitCommitLazyFlush]);
    let refused = false;
    if (this.rng.chance(0.1)) {
      const cmsecDurableCommit = this.rng.pick([0, 10]);
      this.emit(t, 'JetCommitTransaction2', [{ r: s.sym }, grbit, cmsecDurableCommit], note ? { note } : {});
      // A time to durability for a commit that is not lazy: JET_errInvalidParameter, the
      // transaction as it was (dir.cxx ErrDIRCommitTransaction).
      refused = cmsecDurableCommit !== 0 && grbit !== JET_bitCommitLazyFlush;
    } else this.emit(t, 'JetCommitTransaction', [{ r: s.sym }, grbit], note ? { note } : {});
    if (!refused && this.ownsTransaction(s, t)) {
      const undo = s.undo.pop();
      const opened = s.levelOpened.pop();
      s.level--;
      if (s.level > 0) {
        s.undo[s.level - 1].push(...undo);
        s.levelOpened[s.level - 1].push(...opened);
      } else {
        s.owner = null;
        // The begin may have been refused, nested in a transaction the model does not see.
        if (s.maybeInTransaction) s.unseenLevelOpened.push(...opened);
      }
    }
    return true;
  }

  rollback(s = this.pickSession((x) => x.level > 0) ?? (this.bad(0.2) ? this.pickSession() : null), all = this.rng.chance(0.3), t) {
    if (!s) return false;
    let note;
    if (t === undefined) {
      t = this.ownerThread(s) ?? this.threadFor(s);
      if (this.wrongThread(0.08)) {
        t = this.otherThread(t);
        note = 'wrong thread';
      }
    }
    this.emit(t, 'JetRollback', [{ r: s.sym }, all ? JET_bitRollbackAll : 0], note ? { note } : {});
    // Whoever owns the transaction the model does not see, ESE has closed the cursors it
    // opened by the time it checks (tm.cxx ErrIsamRollback), and recycles their memory.
    for (const c of s.unseenLevelOpened) c.alive = false;
    s.unseenLevelOpened = [];
    if (!this.ownsTransaction(s, t)) {
      // Refused, yet ESE has closed the cursors opened in the innermost level by then (tm.cxx
      // ErrIsamRollback walks them before ErrDIRRollback checks the owner): using one later
      // would be a stale handle.
      if (s.level > 0) for (const c of s.levelOpened[s.level - 1]) c.alive = false;
      return true;
    }
    do {
      for (const undo of s.undo.pop().reverse()) undo();
      // ESE closes the cursors opened in a rolled-back level.
      for (const c of s.levelOpened.pop()) c.alive = false;
      s.level--;
    } while (all && s.level > 0);
    if (s.level === 0) s.owner = null;
    for (const c of this.cursors) if (c.ses === s) c.prepared = null;
    return true;
  }

  level() {
    const s = this.pickSession();
    if (!s) return false;
    const param = this.bad(0.1) ? 12345 : JET_sesparamTransactionLevel;
    this.emit(this.threadFor(s), 'JetGetSessionParameter', [{ r: s.sym }, param]);
    return true;
  }

  /** Records how to undo a schema change if the session's current level rolls back. */
  onRollback(s, undo) {
    if (s.level > 0) s.undo[s.level - 1].push(undo);
  }

  // ---- databases ----

  createDatabase() {
    // Creating, attaching and detaching are refused inside a transaction.
    const s = this.pickSession((x) => x.level === 0 || this.bad(0.1));
    if (!s) return false;
    const files = [...s.inst.files.values()];
    const fresh = files.filter((f) => !f.exists);
    if (!fresh.length && !this.bad(0.2)) return false;
    const file = this.rng.pick(fresh.length && !this.bad(0.1) ? fresh : files);
    const sym = this.symbol('d');
    this.emit(this.threadFor(s), 'JetCreateDatabase2', [{ r: s.sym }, { p: file.path }, 0, 0], { out: sym });
    if (!file.exists && s.level === 0) {
      file.exists = true;
      file.attached = true;
      s.dbs.set(file.path, sym);
    }
    return true;
  }

  attachDatabase() {
    const s = this.pickSession((x) => x.level === 0 || this.bad(0.1));
    if (!s) return false;
    const file = this.rng.pick([...s.inst.files.values()]);
    if (!file.exists && !this.bad(0.1)) return false;
    const grbit = this.rng.chance(0.05) ? JET_bitDbReadOnly : 0;
    this.emit(this.threadFor(s), 'JetAttachDatabase2', [{ r: s.sym }, { p: file.path }, 0, grbit]);
    if (file.exists && s.level === 0) file.attached = true;
    return true;
  }

  openDatabase() {
    const s = this.pickSession();
    if (!s) return false;
    const file = this.rng.pick([...s.inst.files.values()]);
    if (!file.attached && !this.bad(0.2)) return this.attachDatabase();
    const grbit = this.rng.chance(0.06) ? this.rng.pick([JET_bitDbReadOnly, JET_bitDbExclusive]) : 0;
    const sym = this.symbol('d');
    this.emit(this.threadFor(s), 'JetOpenDatabase', [{ r: s.sym }, { p: file.path }, null, grbit], { out: sym });
    if (file.attached && !s.dbs.has(file.path)) s.dbs.set(file.path, sym);
    return true;
  }

  closeDatabase() {
    const s = this.pickSession((x) => x.dbs.size > 0);
    if (!s) return false;
    const [path, sym] = this.rng.pick([...s.dbs.entries()]);
    this.emit(this.threadFor(s), 'JetCloseDatabase', [{ r: s.sym }, { r: sym }, 0]);
    // The session's last close of a database closes its cursors on it (db.cxx
    // ErrDBCloseDatabase), and ESE frees a closed cursor: using one later would be a stale
    // handle. The model does not count opens, so it takes every close for the last.
    for (const c of this.liveCursors()) if (c.ses === s && c.file.path === path) c.alive = false;
    s.dbs.delete(path);
    return true;
  }

  detachDatabase() {
    const s = this.pickSession((x) => x.level === 0 || this.bad(0.1));
    if (!s) return false;
    const files = [...s.inst.files.values()];
    const attached = files.filter((f) => f.attached);
    const file = this.rng.pick(attached.length && !this.bad(0.2) ? attached : files);
    const all = this.rng.chance(0.15);
    this.emit(this.threadFor(s), 'JetDetachDatabase2', [{ r: s.sym }, all ? null : { p: file.path }, 0]);
    const inUse = this.liveSessions().some((x) => x.inst === s.inst && [...x.dbs.keys()].some((p) => all || p === file.path));
    if (!inUse && s.level === 0) for (const f of s.inst.files.values()) if (all || f === file) f.attached = false;
    return true;
  }

  /** A session with an open database, and that database's file. */
  pickOpenDatabase() {
    const s = this.pickSession((x) => x.dbs.size > 0);
    if (!s) return null;
    const [path, dbSym] = this.rng.pick([...s.dbs.entries()]);
    const file = [...s.inst.files.values()].find((f) => f.path === path);
    return file ? { s, file, dbSym } : null;
  }

  // ---- schema ----

  columnDef(table, names) {
    const rng = this.rng;
    const name = rng.pick(COLUMN_NAMES.filter((n) => !names.has(n)));
    let coltyp = rng.pick(ALL_TYPES);
    let grbit = 0;
    let cbMax = 0;
    let cp = 0;
    let pvDefault = null;
    const fixedSize = FIXED_SIZE.get(coltyp);
    if (fixedSize !== undefined) {
      if ((coltyp === JET_coltypLong || coltyp === JET_coltypLongLong) && rng.chance(0.2)) {
        grbit = JET_bitColumnEscrowUpdate | (rng.chance(0.5) ? JET_bitColumnFixed : 0);
        pvDefault = intBytes(fixedSize, rng.pick([0, 10, 100]));
      } else if (
        [JET_coltypLong, JET_coltypLongLong, JET_coltypCurrency].includes(coltyp) &&
        !table.columns.some((c) => c.grbit & JET_bitColumnAutoincrement) &&
        rng.chance(0.15)
      ) {
        grbit = JET_bitColumnAutoincrement;
      } else if (rng.chance(0.25)) {
        grbit = JET_bitColumnTagged | (rng.chance(0.4) ? JET_bitColumnMultiValued : 0);
      } else if (rng.chance(0.2)) {
        grbit = JET_bitColumnNotNULL;
      }
    } else if (VARIABLE.has(coltyp)) {
      const r = rng.next();
      if (r < 0.2) {
        grbit = JET_bitColumnFixed;
        cbMax = rng.pick([4, 8, 20]);
      } else if (r < 0.4) {
        grbit = JET_bitColumnTagged | (rng.chance(0.4) ? JET_bitColumnMultiValued : 0);
        cbMax = rng.pick([0, 10]);
      } else {
        cbMax = rng.pick([0, 8, 20, 300]);
        if (rng.chance(0.15)) grbit = JET_bitColumnNotNULL;
      }
    } else {
      cbMax = rng.pick([0, 0, 600]);
      if (rng.chance(0.2)) grbit = JET_bitColumnMultiValued | JET_bitColumnTagged;
    }
    if (TEXT.has(coltyp)) cp = rng.pick([1200, 1200, 1252, 0]);
    if (!pvDefault && !(grbit & JET_bitColumnAutoincrement) && rng.chance(0.15)) {
      pvDefault = valueBytes(rng, { coltyp, cp: cp || 1252 });
      if (pvDefault === '') pvDefault = null;
    }
    let note;
    if (this.bad(0.06)) {
      const flaw = rng.pick(['type', 'taggedNotNull', 'mvUntagged', 'autoincText', 'escrowNoDefault', 'cp', 'name']);
      note = `bad column: ${flaw}`;
      if (flaw === 'type') coltyp = rng.pick([13, 19, 99]);
      else if (flaw === 'taggedNotNull') grbit = JET_bitColumnTagged | JET_bitColumnNotNULL;
      else if (flaw === 'mvUntagged') grbit = JET_bitColumnMultiValued | JET_bitColumnFixed;
      else if (flaw === 'autoincText') (coltyp = JET_coltypText), (grbit = JET_bitColumnAutoincrement);
      else if (flaw === 'escrowNoDefault') (coltyp = JET_coltypLong), (grbit = JET_bitColumnEscrowUpdate), (pvDefault = null);
      else if (flaw === 'cp') (coltyp = JET_coltypText), (cp = 437);
    }
    const columnName = note === 'bad column: name' ? rng.pick(['a.b', ' lead', 'x!', 'toolong'.repeat(10)]) : name;
    names.add(name);
    const column = { name: columnName, sym: this.symbol('c'), coltyp, grbit, cbMax, cp: cp || 1252, hasDefault: pvDefault !== null };
    const spec = { szColumnName: columnName, coltyp, cbMax, grbit, pvDefault: pvDefault === null ? null : { x: pvDefault }, cp };
    return { column, spec, note };
  }

  indexDef(table, allowPrimary) {
    const rng = this.rng;
    const eligible = table.columns.filter((c) => !LONG.has(c.coltyp) && !(c.grbit & JET_bitColumnMultiValued));
    const pool = eligible.length ? eligible : table.columns;
    if (!pool.length) return null;
    const segments = rng.sample(pool, rng.int(1, Math.min(3, pool.length))).map((column) => ({ column, desc: rng.chance(0.3) }));
    let grbit = 0;
    if (allowPrimary && !table.indexes.some((x) => x.grbit & JET_bitIndexPrimary) && rng.chance(0.6)) grbit = JET_bitIndexPrimary;
    else {
      if (rng.chance(0.3)) grbit |= JET_bitIndexUnique;
      grbit |= rng.pick([0, 0, 0, JET_bitIndexIgnoreNull, JET_bitIndexIgnoreAnyNull, JET_bitIndexIgnoreFirstNull, JET_bitIndexDisallowNull]);
      if (rng.chance(0.1)) grbit |= JET_bitIndexSortNullsHigh;
    }
    const name = `x${table.indexes.length + 1}${rng.pick(['', 'i'])}`;
    const szKey = segments.map((seg) => `${seg.desc ? '-' : '+'}${seg.column.name}`);
    let note;
    if (this.bad(0.06)) {
      const flaw = rng.pick(['missingColumn', 'duplicateName', 'noSegments']);
      note = `bad index: ${flaw}`;
      if (flaw === 'missingColumn') szKey.push('+nope');
      if (flaw === 'noSegments') szKey.splice(0);
    }
    const index = { name: note === 'bad index: duplicateName' && table.indexes.length ? table.indexes[0].name : name, segments, grbit };
    const spec = { szIndexName: index.name, szKey: szKey.length ? szKey : '\0', grbit };
    return { index, spec, note };
  }

  createTable() {
    const at = this.pickOpenDatabase();
    if (!at) return false;
    const { s, file, dbSym } = at;
    const name = this.rng.pick(TABLE_NAMES);
    const exists = file.tables.has(name);
    if (exists && !this.bad(0.2)) return false;
    const table = { name, columns: [], indexes: [], file };
    const names = new Set();
    const columnCount = this.rng.int(1, 6);
    const specs = [];
    const notes = [];
    for (let k = 0; k < columnCount; k++) {
      const { column, spec, note } = this.columnDef(table, names);
      table.columns.push(column);
      specs.push(spec);
      if (note) notes.push(note);
    }
    const indexSpecs = [];
    for (let k = this.rng.int(0, 3); k > 0; k--) {
      const made = this.indexDef(table, true);
      if (!made) break;
      table.indexes.push(made.index);
      indexSpecs.push(made.spec);
      if (made.note) notes.push(made.note);
    }
    const t = this.threadFor(s);
    const tableSym = this.symbol('t');
    if (this.rng.chance(0.75)) {
      this.emit(
        t,
        'JetCreateTableColumnIndex3',
        [{ r: s.sym }, { r: dbSym }, { szTableName: name, ulPages: 0, ulDensity: 0, rgcolumncreate: specs, rgindexcreate: indexSpecs, grbit: 0 }],
        { out: tableSym, outColumns: table.columns.map((c) => c.sym), ...(notes.length ? { note: notes.join('; ') } : {}) },
      );
    } else {
      // Step by step: JetCreateTable, then one JetAddColumn per column and one JetCreateIndex2.
      this.emit(t, 'JetCreateTable', [{ r: s.sym }, { r: dbSym }, name, 0, 0], { out: tableSym });
      table.columns.forEach((column, k) => {
        const { pvDefault, ...spec } = specs[k];
        const { szColumnName, ...def } = spec;
        this.emit(t, 'JetAddColumn', [{ r: s.sym }, { r: tableSym }, szColumnName, def, pvDefault], { out: column.sym });
      });
      if (indexSpecs.length) this.emit(t, 'JetCreateIndex2', [{ r: s.sym }, { r: tableSym }, indexSpecs], notes.length ? { note: notes.join('; ') } : {});
    }
    if (exists || notes.length) return true;
    file.tables.set(name, table);
    this.onRollback(s, () => file.tables.delete(name));
    this.addCursor(tableSym, s, table);
    return true;
  }

  addCursor(sym, s, table) {
    const cursor = { sym, ses: s, table, file: table.file, alive: true, index: table.indexes.find((x) => x.grbit & JET_bitIndexPrimary) ?? null, prepared: null };
    this.cursors.push(cursor);
    if (s.level > 0) s.levelOpened[s.level - 1].push(cursor);
    // Opened maybe in a transaction the model does not see: any rollback may close it.
    else if (s.maybeInTransaction) s.unseenLevelOpened.push(cursor);
    return cursor;
  }

  /** A live cursor, with its session (and a context set first, often, if it works that way). */
  pickCursor(filter = () => true) {
    const live = this.liveCursors().filter((c) => c.ses.inst.state === 'ready' && filter(c));
    if (!live.length) return null;
    const cursor = this.rng.pick(live);
    this.prelude(cursor.ses);
    return cursor;
  }

  /** Before acting on a session that works under a context, usually set one. */
  prelude(s) {
    if (s.usesContext && !s.context && this.rng.chance(0.7)) this.setContext(s, this.thread());
  }

  addColumn() {
    const c = this.pickCursor();
    if (!c) return false;
    const names = new Set(c.table.columns.map((x) => x.name));
    if (names.size >= COLUMN_NAMES.length) return false;
    const { column, spec, note } = this.columnDef(c.table, names);
    const { pvDefault, szColumnName, ...def } = spec;
    this.emit(this.threadFor(c.ses), 'JetAddColumn', [{ r: c.ses.sym }, { r: c.sym }, szColumnName, def, pvDefault], { out: column.sym, ...(note ? { note } : {}) });
    if (!note) {
      c.table.columns.push(column);
      this.onRollback(c.ses, () => c.table.columns.splice(c.table.columns.indexOf(column), 1));
    }
    return true;
  }

  deleteColumn() {
    const c = this.pickCursor((x) => x.table.columns.length > 1);
    if (!c) return false;
    const column = this.rng.pick(c.table.columns);
    const name = this.bad(0.1) ? 'nope' : column.name;
    this.emit(this.threadFor(c.ses), 'JetDeleteColumn2', [{ r: c.ses.sym }, { r: c.sym }, name, 0]);
    return true;
  }

  createIndex() {
    const c = this.pickCursor();
    if (!c) return false;
    const made = this.indexDef(c.table, this.rng.chance(0.2));
    if (!made) return false;
    if (this.options.extended && this.rng.chance(0.4)) {
      // JET_INDEXCREATE3: a locale name, with JET_bitIndexUnicode, instead of an LCID.
      const spec = { ...made.spec };
      if (this.rng.chance(0.7)) {
        spec.grbit |= JET_bitIndexUnicode;
        spec.pidxunicode = { szLocaleName: this.rng.pick(['en-US', 'en-US', '', 'fr-FR', this.bad(0.3) ? 'xx-NOPE' : 'de-DE']), dwMapFlags: this.rng.pick([0, 0x00000001, 0x00000400]) };
      }
      this.emit(this.threadFor(c.ses), 'JetCreateIndex4', [{ r: c.ses.sym }, { r: c.sym }, [spec]], made.note ? { note: made.note } : {});
    } else {
      this.emit(this.threadFor(c.ses), 'JetCreateIndex2', [{ r: c.ses.sym }, { r: c.sym }, [made.spec]], made.note ? { note: made.note } : {});
    }
    if (!made.note) {
      c.table.indexes.push(made.index);
      this.onRollback(c.ses, () => c.table.indexes.splice(c.table.indexes.indexOf(made.index), 1));
    }
    return true;
  }

  deleteIndex() {
    const c = this.pickCursor((x) => x.table.indexes.length > 0);
    if (!c) return false;
    const index = this.rng.pick(c.table.indexes);
    this.emit(this.threadFor(c.ses), 'JetDeleteIndex', [{ r: c.ses.sym }, { r: c.sym }, index.name]);
    return true;
  }

  deleteTable() {
    const at = this.pickOpenDatabase();
    if (!at || !at.file.tables.size) return false;
    const { s, file, dbSym } = at;
    const table = this.rng.pick([...file.tables.values()]);
    this.emit(this.threadFor(s), 'JetDeleteTable', [{ r: s.sym }, { r: dbSym }, table.name]);
    if (!this.liveCursors().some((c) => c.table === table)) {
      file.tables.delete(table.name);
      this.onRollback(s, () => file.tables.set(table.name, table));
    }
    return true;
  }

  // ---- cursors ----

  openTable() {
    const at = this.pickOpenDatabase();
    if (!at) return false;
    const { s, file, dbSym } = at;
    this.prelude(s);
    const tables = [...file.tables.values()];
    if (!tables.length && !this.bad(0.1)) return this.createTable();
    const table = tables.length && !this.bad(0.05) ? this.rng.pick(tables) : null;
    const grbit = this.rng.chance(0.05) ? JET_bitTableReadOnly : this.rng.pick([0, JET_bitTableUpdatable]);
    const sym = this.symbol('t');
    this.emit(this.threadFor(s), 'JetOpenTable', [{ r: s.sym }, { r: dbSym }, table ? table.name : 'nope', grbit], { out: sym });
    if (table) this.addCursor(sym, s, table).readOnly = grbit === JET_bitTableReadOnly;
    return true;
  }

  closeTable() {
    const c = this.pickCursor();
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.emit(t, 'JetCloseTable', [{ r: c.ses.sym }, { r: c.sym }]);
    c.alive = false;
    if (this.stale(0.3)) {
      const fn = this.rng.pick(['JetMove', 'JetCloseTable', 'JetRetrieveColumn']);
      const args = fn === 'JetMove' ? [{ r: c.ses.sym }, { r: c.sym }, JET_MoveFirst, 0] : fn === 'JetCloseTable' ? [{ r: c.ses.sym }, { r: c.sym }] : [{ r: c.ses.sym }, { r: c.sym }, 1, 0, null, null];
      this.emit(t, fn, args, { note: 'stale table id' });
    }
    return true;
  }

  dupCursor() {
    const c = this.pickCursor();
    if (!c) return false;
    const sym = this.symbol('t');
    this.emit(this.threadFor(c.ses), 'JetDupCursor', [{ r: c.ses.sym }, { r: c.sym }, 0], { out: sym });
    this.addCursor(sym, c.ses, c.table);
    return true;
  }

  setIndex() {
    const c = this.pickCursor();
    if (!c) return false;
    const choices = [...c.table.indexes, null];
    let index = this.rng.pick(choices);
    let name = index ? index.name : this.rng.pick([null, '']);
    if (this.bad(0.08)) (name = 'nope'), (index = undefined);
    const grbit = this.rng.chance(0.3) ? JET_bitNoMove : 0;
    this.emit(this.threadFor(c.ses), 'JetSetCurrentIndex4', [{ r: c.ses.sym }, { r: c.sym }, name, grbit, 1]);
    if (index !== undefined) c.index = index ?? c.table.indexes.find((x) => x.grbit & JET_bitIndexPrimary) ?? null;
    // JET_bitNoMove fails without a current record, which the model does not follow: the index
    // the cursor is on is then not known for sure (see makeKey).
    c.indexUnsure = grbit === JET_bitNoMove;
    return true;
  }

  move() {
    const c = this.pickCursor();
    if (!c) return false;
    const cRow = this.rng.pick([JET_MoveFirst, JET_MoveLast, JET_MoveNext, JET_MoveNext, JET_MovePrevious, 2, -2, 0]);
    const grbit = this.bad(0.03) ? 0x40 : this.rng.chance(0.1) ? JET_bitMoveKeyNE : 0;
    this.emit(this.threadFor(c.ses), 'JetMove', [{ r: c.ses.sym }, { r: c.sym }, cRow, grbit]);
    c.prepared = null;
    return true;
  }

  /** JetMakeKey calls for some or all segments of the cursor's current index. */
  makeKey(c, t) {
    const segments = c.index?.segments ?? [];
    const count = segments.length ? (this.rng.chance(0.7) ? segments.length : this.rng.int(1, segments.length)) : 1;
    for (let k = 0; k < count; k++) {
      const column = segments[k]?.column ?? { coltyp: JET_coltypLong, cp: 1252 };
      let grbit = k === 0 ? JET_bitNewKey : 0;
      let data = { x: valueBytes(this.rng, column) };
      if (this.rng.chance(0.08)) data = null;
      else if (data.x === '' && this.rng.chance(0.5)) grbit |= JET_bitKeyDataZeroLength;
      if (k === count - 1 && this.rng.chance(0.25)) {
        grbit |= this.rng.pick([JET_bitFullColumnStartLimit, JET_bitFullColumnEndLimit, JET_bitStrLimit, JET_bitSubStrLimit]);
      }
      let note;
      if (k === 0 && this.bad(0.05)) (grbit &= ~JET_bitNewKey), (note = 'no new key');
      if (this.bad(0.03)) (data = { x: longBytes(300, 'a', column) }), (note = 'long key data');
      if (data && c.indexUnsure && !isUnicodeText(column) && unicodeTextIndexed(c.table)) data = { x: unicodeSafe(data.x) };
      this.emit(t, 'JetMakeKey', [{ r: c.ses.sym }, { r: c.sym }, data, grbit], note ? { note } : {});
    }
    if (this.bad(0.04)) this.emit(t, 'JetMakeKey', [{ r: c.ses.sym }, { r: c.sym }, { x: '01' }, 0], { note: 'past the last segment' });
  }

  /** Keys need an index with segments: usually switch to one if the cursor has none. */
  keyedIndex(c, t) {
    if (c.index || !c.table.indexes.length || this.rng.chance(0.15)) return;
    c.index = this.rng.pick(c.table.indexes);
    c.indexUnsure = false;
    this.emit(t, 'JetSetCurrentIndex4', [{ r: c.ses.sym }, { r: c.sym }, c.index.name, 0, 1]);
  }

  /** Often puts the cursor on a record first, for a call that needs one. */
  position(c, t) {
    if (this.rng.chance(0.5)) this.emit(t, 'JetMove', [{ r: c.ses.sym }, { r: c.sym }, this.rng.pick([JET_MoveFirst, JET_MoveLast, JET_MoveNext]), 0]);
  }

  seek() {
    const c = this.pickCursor();
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.keyedIndex(c, t);
    if (!this.bad(0.05)) this.makeKey(c, t);
    let grbit = this.rng.pick([JET_bitSeekEQ, JET_bitSeekLT, JET_bitSeekLE, JET_bitSeekGE, JET_bitSeekGE, JET_bitSeekGT]);
    if (grbit === JET_bitSeekEQ && this.rng.chance(0.3)) grbit |= JET_bitSetIndexRange;
    if (this.bad(0.04)) grbit = 0;
    this.emit(t, 'JetSeek', [{ r: c.ses.sym }, { r: c.sym }, grbit]);
    c.prepared = null;
    return true;
  }

  indexRange() {
    const c = this.pickCursor();
    if (!c) return false;
    const t = this.threadFor(c.ses);
    if (this.rng.chance(0.2)) {
      this.emit(t, 'JetSetIndexRange', [{ r: c.ses.sym }, { r: c.sym }, JET_bitRangeRemove]);
      return true;
    }
    // Seek to one end, then limit the range at the other.
    this.keyedIndex(c, t);
    const upper = this.rng.chance(0.7);
    if (this.rng.chance(0.85)) {
      this.makeKey(c, t);
      this.emit(t, 'JetSeek', [{ r: c.ses.sym }, { r: c.sym }, upper ? JET_bitSeekGE : JET_bitSeekLE]);
    }
    this.makeKey(c, t);
    const grbit =
      (upper ? JET_bitRangeUpperLimit : 0) |
      (this.rng.chance(0.6) ? JET_bitRangeInclusive : 0) |
      (this.rng.chance(0.1) ? JET_bitRangeInstantDuration : 0);
    this.emit(t, 'JetSetIndexRange', [{ r: c.ses.sym }, { r: c.sym }, grbit]);
    return true;
  }

  recordCount() {
    const c = this.pickCursor();
    if (!c) return false;
    this.emit(this.threadFor(c.ses), 'JetIndexRecordCount', [{ r: c.ses.sym }, { r: c.sym }, this.rng.pick([0, 0, 1, 3])]);
    return true;
  }

  bookmark() {
    const c = this.pickCursor();
    if (!c) return false;
    const sym = this.symbol('b');
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetGetBookmark', [{ r: c.ses.sym }, { r: c.sym }], { out: sym });
    this.bookmarks.push({ sym, table: c.table });
    return true;
  }

  gotoBookmark() {
    const c = this.pickCursor((x) => this.bookmarks.some((b) => b.table === x.table));
    if (!c) return false;
    const b = this.rng.pick(this.bookmarks.filter((x) => x.table === c.table));
    this.emit(this.threadFor(c.ses), 'JetGotoBookmark', [{ r: c.ses.sym }, { r: c.sym }, { r: b.sym }]);
    c.prepared = null;
    return true;
  }

  recordPosition() {
    const c = this.pickCursor();
    if (!c) return false;
    this.emit(this.threadFor(c.ses), 'JetGetRecordPosition', [{ r: c.ses.sym }, { r: c.sym }]);
    return true;
  }

  retrieveKey() {
    const c = this.pickCursor();
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetRetrieveKey', [{ r: c.ses.sym }, { r: c.sym }, this.rng.chance(0.3) ? JET_bitRetrieveCopy : 0]);
    return true;
  }

  // ---- records ----

  /** Cursors that may change records (and now and then one that may not). */
  writable = (c) => !c.readOnly || this.bad(0.1);

  /** JetSetColumn / JetSetColumns calls filling some columns of the prepared record. */
  setColumns(c, t, forInsert) {
    const settable = c.table.columns.filter((x) => !(x.grbit & JET_bitColumnAutoincrement) || this.bad(0.05));
    const chosen = settable.filter((x) => this.rng.chance(forInsert && x.grbit & JET_bitColumnNotNULL ? 0.9 : forInsert ? 0.6 : 0.4));
    const entries = [];
    for (const column of chosen) {
      const multi = column.grbit & JET_bitColumnMultiValued;
      for (let v = multi ? this.rng.int(1, 3) : 1; v > 0; v--) {
        let data = { x: valueBytes(this.rng, column) };
        let grbit = 0;
        let itag;
        let note;
        let ibLongValue = 0;
        if (data.x === '' && this.rng.chance(0.5)) grbit |= JET_bitSetZeroLength;
        if (LONG.has(column.coltyp) && this.rng.chance(0.3)) {
          const lv = this.rng.pick([JET_bitSetAppendLV, JET_bitSetOverwriteLV, JET_bitSetSizeLV]);
          grbit |= lv;
          if (lv === JET_bitSetOverwriteLV) ibLongValue = this.rng.pick([0, 2, 1000]);
          if (lv === JET_bitSetSizeLV) data = { x: intBytes(4, this.rng.pick([0, 3, 300])) };
        }
        if (column.hasDefault && this.rng.chance(0.1)) (grbit |= JET_bitSetRevertToDefaultValue), (data = null);
        if (multi) {
          itag = this.rng.pick([0, 0, 1, 2]);
          if (this.rng.chance(0.15)) grbit |= JET_bitSetUniqueMultiValues;
        }
        if (this.rng.chance(0.05)) data = null;
        if (this.bad(0.04)) (data = { x: badValueBytes(this.rng, column) }), (note = 'bad size');
        entries.push({ column, data, grbit, itag, ibLongValue, note });
      }
    }
    if (entries.length > 1 && this.rng.chance(0.3)) {
      const specs = entries.map((e) => ({ columnid: { r: e.column.sym }, pvData: e.data, grbit: e.grbit, itagSequence: e.itag ?? 1, ibLongValue: e.ibLongValue }));
      this.emit(t, 'JetSetColumns', [{ r: c.ses.sym }, { r: c.sym }, specs]);
      return;
    }
    for (const e of entries) {
      const setinfo = e.itag === undefined && !e.ibLongValue ? null : { itagSequence: e.itag ?? 1, ibLongValue: e.ibLongValue };
      this.emit(t, 'JetSetColumn', [{ r: c.ses.sym }, { r: c.sym }, { r: e.column.sym }, e.data, e.grbit, setinfo], e.note ? { note: e.note } : {});
    }
  }

  update(c, t) {
    if (this.rng.chance(0.06)) {
      this.emit(t, 'JetPrepareUpdate', [{ r: c.ses.sym }, { r: c.sym }, JET_prepCancel]);
    } else if (this.rng.chance(0.95)) {
      const sym = this.symbol('b');
      this.emit(t, 'JetUpdate2', [{ r: c.ses.sym }, { r: c.sym }, 0], { out: sym });
      this.bookmarks.push({ sym, table: c.table });
    } else {
      c.prepared = 'left';
      return;
    }
    c.prepared = null;
  }

  insert() {
    const c = this.pickCursor(this.writable);
    if (!c) return false;
    const t = this.threadFor(c.ses);
    const prep = this.bad(0.02) ? 99 : JET_prepInsert;
    this.emit(t, 'JetPrepareUpdate', [{ r: c.ses.sym }, { r: c.sym }, prep]);
    this.setColumns(c, t, true);
    this.update(c, t);
    return true;
  }

  replace() {
    const c = this.pickCursor(this.writable);
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetPrepareUpdate', [{ r: c.ses.sym }, { r: c.sym }, this.rng.pick([JET_prepReplace, JET_prepReplace, JET_prepReplaceNoLock])]);
    this.setColumns(c, t, false);
    this.update(c, t);
    return true;
  }

  insertCopy() {
    const c = this.pickCursor(this.writable);
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetPrepareUpdate', [{ r: c.ses.sym }, { r: c.sym }, JET_prepInsertCopy]);
    this.setColumns(c, t, false);
    this.update(c, t);
    return true;
  }

  deleteRecord() {
    const c = this.pickCursor(this.writable);
    if (!c) return false;
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetDelete', [{ r: c.ses.sym }, { r: c.sym }]);
    c.prepared = null;
    return true;
  }

  retrieve() {
    const c = this.pickCursor((x) => x.table.columns.length > 0);
    if (!c) return false;
    const column = this.rng.pick(c.table.columns);
    const columnid = this.bad(0.04) ? this.rng.pick([0, 999, 0x7fff]) : { r: column.sym };
    let grbit = this.rng.pick([0, 0, 0, JET_bitRetrieveCopy, JET_bitRetrieveIgnoreDefault]);
    if (this.options.extended && this.rng.chance(0.4)) {
      grbit |= this.rng.pick([JET_bitRetrieveTag, JET_bitRetrieveNull, JET_bitRetrieveFromIndex, JET_bitRetrieveFromPrimaryBookmark, JET_bitRetrieveTag | JET_bitRetrieveNull]);
    }
    const retinfo = this.rng.chance(0.7) ? null : { itagSequence: this.rng.pick([1, 2, 3, this.bad(0.2) ? 0 : 1]), ibLongValue: this.rng.pick([0, 0, 5]) };
    const cbMax = this.rng.pick([null, null, null, 0, 2]);
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetRetrieveColumn', [{ r: c.ses.sym }, { r: c.sym }, columnid, grbit, retinfo, cbMax]);
    return true;
  }

  retrieveColumns() {
    const c = this.pickCursor((x) => x.table.columns.length > 0);
    if (!c) return false;
    const specs = this.rng.sample(c.table.columns, this.rng.int(1, c.table.columns.length)).map((column) => {
      const spec = { columnid: { r: column.sym }, grbit: this.rng.pick([0, 0, JET_bitRetrieveCopy]), itagSequence: this.rng.pick([1, 1, 2, 0]), ibLongValue: 0 };
      if (this.rng.chance(0.2)) spec.cbData = this.rng.pick([0, 1, 4]);
      return spec;
    });
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetRetrieveColumns', [{ r: c.ses.sym }, { r: c.sym }, specs]);
    return true;
  }

  escrow() {
    const hasEscrow = (x) => x.table.columns.some((col) => col.grbit & JET_bitColumnEscrowUpdate);
    const c = this.pickCursor((x) => hasEscrow(x) || this.bad(0.05));
    if (!c || !c.table.columns.length) return false;
    const escrowColumns = c.table.columns.filter((col) => col.grbit & JET_bitColumnEscrowUpdate);
    const column = escrowColumns.length && !this.bad(0.1) ? this.rng.pick(escrowColumns) : this.rng.pick(c.table.columns);
    const wide = column.coltyp === JET_coltypLongLong;
    const delta = this.rng.pick([1, -1, 5, -10, 0]);
    const grbit = this.rng.chance(0.1) ? JET_bitEscrowNoRollback : 0;
    if (c.ses.level === 0 && this.rng.chance(0.8)) this.begin(c.ses);
    const t = this.threadFor(c.ses);
    this.position(c, t);
    this.emit(t, 'JetEscrowUpdate', [{ r: c.ses.sym }, { r: c.sym }, { r: column.sym }, wide ? { n: String(delta) } : delta, grbit]);
    return true;
  }

  // ---- the extended generator's calls ----

  renameTable() {
    const at = this.pickOpenDatabase();
    if (!at || !at.file.tables.size) return false;
    const { s, file, dbSym } = at;
    this.prelude(s);
    const table = this.rng.pick([...file.tables.values()]);
    const from = this.bad(0.1) ? 'nope' : table.name;
    const to = this.bad(0.08) ? this.rng.pick(['a.b', ' T', '']) : this.rng.pick([...TABLE_NAMES, 'T4', 'T5']);
    this.emit(this.threadFor(s), 'JetRenameTable', [{ r: s.sym }, { r: dbSym }, from, to]);
    if (from === table.name && /^T\d$/.test(to) && !file.tables.has(to)) {
      const old = table.name;
      file.tables.delete(old);
      table.name = to;
      file.tables.set(to, table);
      this.onRollback(s, () => {
        file.tables.delete(table.name);
        table.name = old;
        file.tables.set(old, table);
      });
    }
    return true;
  }

  renameColumn() {
    const c = this.pickCursor((x) => x.table.columns.length > 0);
    if (!c) return false;
    const column = this.rng.pick(c.table.columns);
    const names = new Set(c.table.columns.map((x) => x.name));
    const free = COLUMN_NAMES.filter((n) => !names.has(n));
    const from = this.bad(0.1) ? 'nope' : column.name;
    const to = free.length && !this.bad(0.15) ? this.rng.pick(free) : this.bad(0.5) ? 'a.b' : this.rng.pick([...names]);
    const grbit = this.bad(0.05) ? 1 : 0;
    this.emit(this.threadFor(c.ses), 'JetRenameColumn', [{ r: c.ses.sym }, { r: c.sym }, from, to, grbit]);
    // Refused in a transaction (fcreate.cxx ErrIsamRenameColumn).
    if (from === column.name && free.includes(to) && c.ses.level === 0) column.name = to;
    return true;
  }

  setColumnDefault() {
    const at = this.pickOpenDatabase();
    if (!at || !at.file.tables.size) return false;
    const { s, dbSym } = at;
    this.prelude(s);
    const table = this.rng.pick([...at.file.tables.values()]);
    if (!table.columns.length) return false;
    const column = this.rng.pick(table.columns);
    let data = valueBytes(this.rng, column);
    if (this.bad(0.1)) data = this.rng.pick([null, badValueBytes(this.rng, column)]);
    const pvData = data === null ? null : { x: data };
    this.emit(this.threadFor(s), 'JetSetColumnDefaultValue', [{ r: s.sym }, { r: dbSym }, this.bad(0.05) ? 'nope' : table.name, column.name, pvData, 0]);
    if (data) {
      const had = column.hasDefault;
      column.hasDefault = true;
      this.onRollback(s, () => (column.hasDefault = had));
    }
    return true;
  }

  // Not the space levels (JET_DbInfoFilesize, JET_DbInfoSpaceOwned, JET_DbInfoSpaceAvailable):
  // they count the pages of ESE's own file layout, which the emulator does not have.
  databaseInfo() {
    const at = this.pickOpenDatabase();
    if (!at) return false;
    const { s, dbSym } = at;
    const level = this.bad(0.1)
      ? this.rng.pick([99, 1000])
      : this.rng.pick([JET_DbInfoLCID, JET_DbInfoOptions, JET_DbInfoPageSize]);
    this.emit(this.threadFor(s), 'JetGetDatabaseInfo', [{ r: s.sym }, { r: dbSym }, level]);
    return true;
  }

  objectInfo() {
    const at = this.pickOpenDatabase();
    if (!at) return false;
    const { s, file, dbSym } = at;
    this.prelude(s);
    const list = this.rng.chance(0.4);
    const objtyp = this.bad(0.05) ? 7 : this.rng.pick([JET_objtypTable, JET_objtypNil]);
    const container = this.rng.pick([null, null, 'Tables', this.bad(0.2) ? 'Nope' : null]);
    if (list) {
      this.emit(this.threadFor(s), 'JetGetObjectInfo', [{ r: s.sym }, { r: dbSym }, objtyp, container, null, this.rng.pick([JET_ObjInfoList, JET_ObjInfoListNoStats])]);
    } else {
      const tables = [...file.tables.keys()];
      const name = tables.length && !this.bad(0.15) ? this.rng.pick(tables) : this.rng.pick(['nope', 'MSysObjects']);
      this.emit(this.threadFor(s), 'JetGetObjectInfo', [{ r: s.sym }, { r: dbSym }, objtyp, container, name, this.rng.pick([JET_ObjInfo, JET_ObjInfoNoStats])]);
    }
    return true;
  }

  gotoPosition() {
    const c = this.pickCursor();
    if (!c) return false;
    const total = this.bad(0.1) ? 0 : this.rng.pick([1, 2, 3, 4, 10, 100]);
    const lt = this.bad(0.1) ? total + 1 : this.rng.int(0, total);
    this.emit(this.threadFor(c.ses), 'JetGotoPosition', [{ r: c.ses.sym }, { r: c.sym }, { centriesLT: lt, centriesTotal: total }]);
    c.prepared = null;
    return true;
  }

  getLock() {
    const c = this.pickCursor();
    if (!c) return false;
    const t = this.threadFor(c.ses);
    if (c.ses.level === 0 && this.rng.chance(0.7)) this.begin(c.ses);
    this.position(c, t);
    const grbit = this.bad(0.1) ? this.rng.pick([0, JET_bitReadLock | JET_bitWriteLock, 4]) : this.rng.pick([JET_bitReadLock, JET_bitWriteLock]);
    this.emit(t, 'JetGetLock', [{ r: c.ses.sym }, { r: c.sym }, grbit]);
    return true;
  }

  // ---- information ----

  columnInfo() {
    const c = this.pickCursor((x) => x.table.columns.length > 0);
    if (!c) return false;
    const column = this.rng.pick(c.table.columns);
    const t = this.threadFor(c.ses);
    const how = this.rng.pick(['name', 'base', 'id']);
    if (how === 'id') this.emit(t, 'JetGetTableColumnInfo', [{ r: c.ses.sym }, { r: c.sym }, { r: column.sym }, JET_ColInfoByColid]);
    else {
      const name = this.bad(0.1) ? 'nope' : column.name;
      this.emit(t, 'JetGetTableColumnInfo', [{ r: c.ses.sym }, { r: c.sym }, name, how === 'base' ? JET_ColInfoBase : JET_ColInfo]);
    }
    return true;
  }

  indexInfo() {
    const c = this.pickCursor();
    if (!c) return false;
    const level = this.rng.pick([JET_IdxInfoCount, JET_IdxInfoLCID, JET_IdxInfoKeyMost, JET_IdxInfoVarSegMac, JET_IdxInfoSpaceAlloc]);
    const name = level === JET_IdxInfoCount ? null : c.table.indexes.length && !this.bad(0.1) ? this.rng.pick(c.table.indexes).name : 'nope';
    this.emit(this.threadFor(c.ses), 'JetGetTableIndexInfo', [{ r: c.ses.sym }, { r: c.sym }, name, level]);
    return true;
  }

  tableInfo() {
    const c = this.pickCursor();
    if (!c) return false;
    const level = this.rng.pick([JET_TblInfo, JET_TblInfoName, JET_TblInfoDbid, JET_TblInfoSpaceAlloc]);
    this.emit(this.threadFor(c.ses), 'JetGetTableInfo', [{ r: c.ses.sym }, { r: c.sym }, level]);
    return true;
  }

  // ---- deliberate misuse that needs no particular moment ----

  foreignCursor() {
    if (!this.misuse.has('foreign')) return false;
    const c = this.pickCursor();
    const other = c && this.pickSession((s) => s !== c.ses && s.inst === c.ses.inst);
    if (!c || !other) return false;
    const fn = this.rng.pick(['JetMove', 'JetCloseTable', 'JetRetrieveColumn']);
    const args = fn === 'JetMove' ? [{ r: other.sym }, { r: c.sym }, JET_MoveFirst, 0] : fn === 'JetCloseTable' ? [{ r: other.sym }, { r: c.sym }] : [{ r: other.sym }, { r: c.sym }, 1, 0, null, null];
    this.emit(this.threadFor(other), fn, args, { note: 'another session\'s table id' });
    return true;
  }

  nilHandles() {
    if (!this.misuse.has('badArguments')) return false;
    const s = this.pickSession();
    const made = this.misuse.has('madeUpHandles');
    const handle = this.rng.pick(['0', '-1', ...(made ? ['4660', '305419896'] : [])]);
    const t = this.thread();
    switch (this.rng.int(0, 4)) {
      case 0:
        this.emit(t, 'JetBeginTransaction', [{ n: handle }], { note: 'nil or made-up session' });
        break;
      case 1:
        this.emit(t, 'JetSetSessionContext', [{ n: handle }, { n: '5' }], { note: 'nil or made-up session' });
        break;
      case 2:
        if (!s) return false;
        this.emit(t, 'JetMove', [{ r: s.sym }, { n: handle }, JET_MoveNext, 0], { note: 'nil or made-up table id' });
        break;
      case 3:
        if (!s) return false;
        // Only ids outside every engine's range (ESE: jetapi.cxx APICALL_SESID::FEnter,
        // fmp.hxx FInRangeIFMP): ESE reads the database slot of an id in range before it finds
        // the session has not opened it, and its slots are committed only as used, so a made-up
        // id in range can end the process.
        this.emit(t, 'JetOpenTable', [{ r: s.sym }, this.rng.pick([0, 0x7fffffff]), 'T1', 0], { out: this.symbol('t'), note: 'made-up dbid' });
        break;
      default:
        this.emit(t, 'JetBeginSession', [{ n: made ? handle : '0' }, null, null], { out: this.symbol('s'), note: 'nil or made-up instance' });
    }
    return true;
  }

  // ---- driving ----

  bad(p) {
    return this.misuse.has('badArguments') && this.rng.chance(p);
  }

  wrongThread(p) {
    return this.misuse.has('wrongThread') && this.options.threads > 1 && this.rng.chance(p);
  }

  stale(p) {
    return this.misuse.has('stale') && this.rng.chance(p);
  }

  act() {
    // Until there is data to work on, lean towards making it.
    if (!this.liveCursors().length && this.rng.chance(0.4)) {
      const step = !this.pickSession() ? 'beginSession' : !this.pickOpenDatabase() ? this.rng.pick(['createDatabase', 'openDatabase']) : this.rng.pick(['createTable', 'openTable']);
      if (this[step]()) return true;
    }
    const action = this.rng.weighted(this.options.extended ? EXTENDED_WEIGHTS : WEIGHTS);
    const done = this[action]();
    // A session that works under a context sometimes lets go of it between calls.
    const s = this.rng.pick(this.sessions.length ? this.sessions : [null]);
    if (s?.alive && s.context && s.usesContext && this.rng.chance(0.2)) this.resetContext(s);
    return done;
  }

  run() {
    this.newInstance();
    let idle = 0;
    while (this.calls.length < this.options.length && idle < 1000) idle = this.act() ? 0 : idle + 1;
    const options = { length: this.options.length, threads: this.options.threads, misuse: [...this.misuse] };
    if (this.options.extended) options.extended = true;
    return { seed: this.seed, options, calls: this.calls };
  }
}

/**
 * Every system parameter a program may set: the paths and fixed settings of newInstance, and
 * INSTANCE_PARAMETERS. The executor reads them back after each program (execute.mjs).
 */
export const PARAMETERS_SET = [
  JET_paramSystemPath,
  JET_paramTempPath,
  JET_paramLogFilePath,
  JET_paramBaseName,
  JET_paramMaxSessions,
  JET_paramMaxCursors,
  JET_paramMaxOpenTables,
  JET_paramMaxVerPages,
  JET_paramLogFileSize,
  JET_paramLogBuffers,
  JET_paramDbExtensionSize,
  JET_paramCircularLog,
  JET_paramCreatePathIfNotExist,
  JET_paramNoInformationEvent,
  JET_paramEngineFormatVersion,
];

// Parameters of an instance's own, with values in range and out of it.
const INSTANCE_PARAMETERS = [
  [JET_paramMaxSessions, [3, 4, 6], [30001]],
  [JET_paramMaxCursors, [64, 1024], [-1]],
  [JET_paramMaxOpenTables, [64, 300], [-1]],
  [JET_paramMaxVerPages, [64, 128], [0]],
  [JET_paramLogFileSize, [64, 256], [32, 40000]],
  [JET_paramLogBuffers, [126, 256], [0]],
  [JET_paramDbExtensionSize, [16, 256], [0]],
  [JET_paramCircularLog, [0, 1], [2]],
  [JET_paramCreatePathIfNotExist, [0, 1], [2]],
  [JET_paramBaseName, ['edb', 'abc'], ['ab', 'abcd']],
];

const WEIGHTS = {
  newInstance: 0.15,
  term: 0.25,
  stopService: 0.1,
  systemParameter: 0.4,
  errorInfo: 0.2,
  beginSession: 2,
  dupSession: 0.4,
  endSession: 0.8,
  setContext: 2,
  resetContext: 1,
  begin: 5,
  commit: 3.5,
  rollback: 2,
  level: 0.8,
  createDatabase: 1.2,
  attachDatabase: 0.6,
  openDatabase: 2,
  closeDatabase: 0.4,
  detachDatabase: 0.4,
  createTable: 2,
  addColumn: 0.6,
  deleteColumn: 0.2,
  createIndex: 0.6,
  deleteIndex: 0.2,
  deleteTable: 0.2,
  openTable: 3,
  closeTable: 0.8,
  dupCursor: 0.4,
  setIndex: 2.5,
  move: 5,
  seek: 5,
  indexRange: 1.5,
  recordCount: 1.2,
  bookmark: 1,
  gotoBookmark: 1.2,
  recordPosition: 0.4,
  retrieveKey: 0.4,
  insert: 7,
  replace: 3,
  insertCopy: 0.6,
  deleteRecord: 1.5,
  retrieve: 5,
  retrieveColumns: 1.5,
  escrow: 1.5,
  columnInfo: 0.8,
  indexInfo: 0.6,
  tableInfo: 0.6,
  foreignCursor: 0.3,
  nilHandles: 0.3,
};

// The extended generator's calls come on top of the others.
const EXTENDED_WEIGHTS = {
  ...WEIGHTS,
  renameTable: 0.3,
  renameColumn: 0.3,
  setColumnDefault: 0.4,
  databaseInfo: 0.4,
  objectInfo: 0.5,
  gotoPosition: 0.6,
  getLock: 0.8,
};

/** The program for `seed`: { seed, options, calls }. */
export function generateProgram(seed, options = {}) {
  const merged = { ...DEFAULT_OPTIONS, ...options };
  for (const kind of merged.misuse) if (!MISUSE_KINDS.includes(kind)) throw new RangeError(`unknown misuse kind '${kind}'`);
  if (!Number.isInteger(merged.threads) || merged.threads < 1) throw new RangeError('threads must be a positive integer');
  if (typeof merged.extended !== 'boolean') throw new RangeError('extended must be a boolean');
  return new Generator(seed, merged).run();
}
