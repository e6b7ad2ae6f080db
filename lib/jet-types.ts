// The shape of `jet`, the raw API: one synchronous function per Jet entry point, named
// exactly as in ESE without the A/W suffix (the W variant is the one called).
//
// Handles (JET_INSTANCE, JET_SESID, JET_API_PTR) are bigint. A function returns its out
// value (a handle), or else the non-negative JET_ERR it got: 0 or a warning. A negative
// JET_ERR throws the EsentError subclass for that code, with `operation` set to the
// function's name. Arguments that are not values of the right kind at all throw TypeError
// or RangeError before reaching the engine; every other value goes to the engine as is.
//
// The data entry points (databases, tables, cursors, records) are in jet-data-types.ts.

import type { JetDataApi } from './jet-data-types.js';

/** Out values of JetGetSystemParameter. */
export interface JetSystemParameterValue {
  /** The numeric value (lParam). */
  lParam: bigint;
  /** The string value (szParam), '' for numeric parameters. */
  szParam: string;
  /** The non-negative JET_ERR returned (0 or a warning). */
  err: number;
}

/** JET_ERRINFOBASIC_W, as JetGetErrorInfo(JET_ErrorInfoSpecificErr) fills it. */
export interface JetErrorInfo {
  errValue: number;
  /** The leaf JET_ERRCAT. */
  errcatMostSpecific: number;
  /** JET_ERRCAT values from the root (JET_errcatError) down to the leaf. */
  rgCategoricalHierarchy: number[];
}

export interface JetApi extends JetDataApi {
  JetCreateInstance(szInstanceName?: string | null): bigint;
  JetCreateInstance2(szInstanceName?: string | null, szDisplayName?: string | null, grbit?: number): bigint;
  /** `instance` 0n sets a global parameter (as passing a null or zero JET_INSTANCE* does). */
  JetSetSystemParameter(
    instance: bigint,
    sesid: bigint,
    paramid: number,
    lParam: bigint | number,
    szParam?: string | null,
  ): number;
  JetGetSystemParameter(instance: bigint, sesid: bigint, paramid: number): JetSystemParameterValue;
  JetInit(instance: bigint): number;
  JetInit3(instance: bigint, grbit?: number): number;
  JetTerm(instance: bigint): number;
  JetTerm2(instance: bigint, grbit?: number): number;
  JetStopServiceInstance(instance: bigint): number;
  JetStopServiceInstance2(instance: bigint, grbit?: number): number;
  JetBeginSession(instance: bigint, szUserName?: string | null, szPassword?: string | null): bigint;
  JetEndSession(sesid: bigint, grbit?: number): number;
  JetDupSession(sesid: bigint): bigint;
  /** `ulContext` is pointer-sized; negative values stand for their bit pattern (-1n = all bits). */
  JetSetSessionContext(sesid: bigint, ulContext: bigint): number;
  JetResetSessionContext(sesid: bigint): number;
  /** Without `grbit` this is JetBeginTransaction; with it, JetBeginTransaction2. */
  JetBeginTransaction(sesid: bigint, grbit?: number): number;
  JetBeginTransaction2(sesid: bigint, grbit?: number): number;
  JetBeginTransaction3(sesid: bigint, trxid?: bigint | number, grbit?: number): number;
  JetCommitTransaction(sesid: bigint, grbit?: number): number;
  JetCommitTransaction2(sesid: bigint, grbit?: number, cmsecDurableCommit?: number): number;
  JetRollback(sesid: bigint, grbit?: number): number;
  /** Numeric (32-bit) session parameters such as JET_sesparamTransactionLevel. */
  JetGetSessionParameter(sesid: bigint, sesparamid: number): number;
  /**
   * Runs the version store's cleanup (grbit 0 or JET_bitIdleCompact; the result is then
   * JET_wrnNoIdleActivity) or reports its state (JET_bitIdleStatus). Warnings are returned.
   */
  JetIdle(sesid: bigint, grbit?: number): number;
  JetGetErrorInfo(err: number): JetErrorInfo;
}
