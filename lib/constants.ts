// JET constants under their ESE names, with the values of the Windows SDK's esent.h.
// Error and warning codes (JET_err*, JET_wrn*) come from ./errors; handles are bigint.

import { pointerBits } from './native.js';

const allBits = (1n << BigInt(pointerBits)) - 1n;

/** JET_instanceNil: all bits set, pointer-sized. */
export const JET_instanceNil: bigint = allBits;
/** JET_sesidNil: all bits set, pointer-sized. */
export const JET_sesidNil: bigint = allBits;
/** JET_tableidNil: all bits set, pointer-sized. */
export const JET_tableidNil: bigint = allBits;
export const JET_bitNil = 0;

// System parameters.
export const JET_paramSystemPath = 0;
export const JET_paramTempPath = 1;
export const JET_paramLogFilePath = 2;
export const JET_paramBaseName = 3;
export const JET_paramEventSource = 4;
export const JET_paramMaxSessions = 5;
export const JET_paramMaxOpenTables = 6;
export const JET_paramMaxCursors = 8;
export const JET_paramMaxVerPages = 9;
export const JET_paramMaxTemporaryTables = 10;
export const JET_paramLogFileSize = 11;
export const JET_paramLogBuffers = 12;
export const JET_paramCircularLog = 17;
export const JET_paramDbExtensionSize = 18;
export const JET_paramCacheSizeMax = 23;
export const JET_paramRecovery = 34;
export const JET_paramEnableIndexChecking = 45;
export const JET_paramNoInformationEvent = 50;
export const JET_paramDatabasePageSize = 64;
export const JET_paramCreatePathIfNotExist = 100;
export const JET_paramMaxInstances = 104;
export const JET_paramConfiguration = 129;
export const JET_paramEnableAdvanced = 130;
export const JET_paramLegacyFileNames = 136;

// Session parameters.
export const JET_sesparamCommitDefault = 4097;
export const JET_sesparamTransactionLevel = 4099;
export const JET_sesparamOperationContext = 4100;
export const JET_sesparamCorrelationID = 4101;

// JetTerm2.
export const JET_bitTermComplete = 0x00000001;
export const JET_bitTermAbrupt = 0x00000002;
export const JET_bitTermStopBackup = 0x00000004;
export const JET_bitTermDirty = 0x00000008;

// JetBeginTransaction2 / 3.
export const JET_bitTransactionReadOnly = 0x00000001;

// JetCommitTransaction / 2.
export const JET_bitCommitLazyFlush = 0x00000001;
export const JET_bitWaitLastLevel0Commit = 0x00000002;
export const JET_bitWaitAllLevel0Commit = 0x00000008;
export const JET_bitForceNewLog = 0x00000010;

// JetRollback.
export const JET_bitRollbackAll = 0x00000001;

// JetStopServiceInstance2.
export const JET_bitStopServiceAll = 0x00000000;
export const JET_bitStopServiceBackgroundUserTasks = 0x00000002;
export const JET_bitStopServiceQuiesceCaches = 0x00000004;
export const JET_bitStopServiceResume = 0x80000000;

// JET_ERRCAT and JetGetErrorInfo.
export const JET_errcatUnknown = 0;
export const JET_errcatError = 1;
export const JET_errcatOperation = 2;
export const JET_errcatFatal = 3;
export const JET_errcatIO = 4;
export const JET_errcatResource = 5;
export const JET_errcatMemory = 6;
export const JET_errcatQuota = 7;
export const JET_errcatDisk = 8;
export const JET_errcatData = 9;
export const JET_errcatCorruption = 10;
export const JET_errcatInconsistent = 11;
export const JET_errcatFragmentation = 12;
export const JET_errcatApi = 13;
export const JET_errcatUsage = 14;
export const JET_errcatState = 15;
export const JET_errcatObsolete = 16;
export const JET_ErrorInfoSpecificErr = 1;
