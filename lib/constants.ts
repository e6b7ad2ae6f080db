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
export const JET_paramCheckpointDepthMax = 24;
export const JET_paramRecovery = 34;
export const JET_paramEnableIndexChecking = 45;
export const JET_paramNoInformationEvent = 50;
export const JET_paramDatabasePageSize = 64;
export const JET_paramCreatePathIfNotExist = 100;
export const JET_paramMaxInstances = 104;
export const JET_paramConfiguration = 129;
export const JET_paramEnableAdvanced = 130;
export const JET_paramLegacyFileNames = 136;
export const JET_paramEngineFormatVersion = 194;

// JET_paramEngineFormatVersion: the newest format features a database may use.
export const JET_efvExchange2016Cu1Rtm = 8920;
export const JET_efvUppercaseTextNormalization = 9000;
export const JET_efvEscrow64 = 9040;
export const JET_efvUseEngineDefault = 0x40000001;
export const JET_efvUsePersistedFormat = 0x40000002;
export const JET_efvAllowHigherPersistedFormat = 0x41000000;

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

// JetIdle.
export const JET_bitIdleFlushBuffers = 0x00000001;
export const JET_bitIdleCompact = 0x00000002;
export const JET_bitIdleStatus = 0x00000004;
export const JET_bitIdleCompactAsync = 0x00000010;
export const JET_bitIdleAvailBuffersStatus = 0x00000020;
export const JET_bitIdleWaitForAsyncActivity = 0x00000040;

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

// ---------------------------------------------------------------------------------------
// The data API: databases, tables, columns, indexes, cursors, records
// (native/include/esent/jet_data_api.h). Text column code pages have no ESE names: 1200 is
// UTF-16LE, 1252 is Windows-1252 ("ASCII" in the ESE documentation).
// ---------------------------------------------------------------------------------------

/** JET_dbidNil. */
export const JET_dbidNil = 0xffffffff;

// Column types (JET_COLTYP).
export const JET_coltypNil = 0;
export const JET_coltypBit = 1;
export const JET_coltypUnsignedByte = 2;
export const JET_coltypShort = 3;
export const JET_coltypLong = 4;
export const JET_coltypCurrency = 5;
export const JET_coltypIEEESingle = 6;
export const JET_coltypIEEEDouble = 7;
export const JET_coltypDateTime = 8;
export const JET_coltypBinary = 9;
export const JET_coltypText = 10;
export const JET_coltypLongBinary = 11;
export const JET_coltypLongText = 12;
export const JET_coltypUnsignedLong = 14;
export const JET_coltypLongLong = 15;
export const JET_coltypGUID = 16;
export const JET_coltypUnsignedShort = 17;
export const JET_coltypUnsignedLongLong = 18;

// JetMove offsets.
export const JET_MoveFirst = -2147483648;
export const JET_MovePrevious = -1;
export const JET_MoveNext = 1;
export const JET_MoveLast = 2147483647;

// JetPrepareUpdate.
export const JET_prepInsert = 0;
export const JET_prepReplace = 2;
export const JET_prepCancel = 3;
export const JET_prepReplaceNoLock = 4;
export const JET_prepInsertCopy = 5;
export const JET_prepInsertCopyDeleteOriginal = 7;
export const JET_prepReadOnlyCopy = 8;
export const JET_prepInsertCopyReplaceOriginal = 9;
export const JET_prepInsertMustSetAutoIncrement = 10;

// JetUpdate2. Other bits are ignored, as ESE ignores them.
export const JET_bitUpdateCheckESE97Compatibility = 0x00000001;
export const JET_bitUpdateNoVersion = 0x00000002;
export const JET_bitUpdateEnforceOptionallyUniqueIndices = 0x00000004;

// Info levels: JetGetTableColumnInfo, JetGetTableIndexInfo, JetGetTableInfo.
export const JET_ColInfo = 0;
export const JET_ColInfoList = 1;
export const JET_ColInfoBase = 4;
export const JET_ColInfoByColid = 6;
export const JET_IdxInfo = 0;
export const JET_IdxInfoList = 1;
export const JET_IdxInfoSpaceAlloc = 5;
export const JET_IdxInfoLCID = 6;
export const JET_IdxInfoCount = 7;
export const JET_IdxInfoVarSegMac = 8;
export const JET_IdxInfoKeyMost = 10;
export const JET_TblInfo = 0;
export const JET_TblInfoName = 1;
export const JET_TblInfoDbid = 2;
export const JET_TblInfoSpaceAlloc = 9;
export const JET_ColInfoListSortColumnid = 7;

// Info levels: JetGetObjectInfo.
export const JET_ObjInfo = 0;
export const JET_ObjInfoListNoStats = 1;
export const JET_ObjInfoList = 2;
export const JET_ObjInfoNoStats = 5;

// Info levels: JetGetDatabaseInfo.
export const JET_DbInfoFilename = 0;
export const JET_DbInfoLCID = 3;
export const JET_DbInfoOptions = 6;
export const JET_DbInfoFilesize = 10;
export const JET_DbInfoSpaceOwned = 11;
export const JET_DbInfoSpaceAvailable = 12;
export const JET_DbInfoPageSize = 17;

/** JET_OBJECTINFO.objtyp: any object (JetGetObjectInfo's filter), a table. */
export const JET_objtypNil = 0;
export const JET_objtypTable = 1;
/** JET_OBJECTINFO.flags of the engine's own tables. */
export const JET_bitObjectSystem = 0x80000000;

// JetGetLock.
export const JET_bitReadLock = 0x00000001;
export const JET_bitWriteLock = 0x00000002;

// JetCreateDatabase2 / JetAttachDatabase2 / JetOpenDatabase.
export const JET_bitDbReadOnly = 0x00000001;
export const JET_bitDbExclusive = 0x00000002;
export const JET_bitDbRecoveryOff = 0x00000008;
export const JET_bitDbOverwriteExisting = 0x00000200;

// JetOpenTable.
export const JET_bitTableDenyWrite = 0x00000001;
export const JET_bitTableDenyRead = 0x00000002;
export const JET_bitTableReadOnly = 0x00000004;
export const JET_bitTableUpdatable = 0x00000008;
export const JET_bitTablePermitDDL = 0x00000010;
export const JET_bitTableSequential = 0x00008000;

// JET_TABLECREATE.grbit.
export const JET_bitTableCreateFixedDDL = 0x00000001;
export const JET_bitTableCreateTemplateTable = 0x00000002;

// Column definitions (JET_COLUMNDEF / JET_COLUMNCREATE grbit).
export const JET_bitColumnFixed = 0x00000001;
export const JET_bitColumnTagged = 0x00000002;
export const JET_bitColumnNotNULL = 0x00000004;
export const JET_bitColumnVersion = 0x00000008;
export const JET_bitColumnAutoincrement = 0x00000010;
export const JET_bitColumnUpdatable = 0x00000020;
export const JET_bitColumnMultiValued = 0x00000400;
export const JET_bitColumnEscrowUpdate = 0x00000800;
export const JET_bitColumnUnversioned = 0x00001000;
export const JET_bitColumnMaybeNull = 0x00002000;
export const JET_bitColumnUserDefinedDefault = 0x00008000;
export const JET_bitColumnDeleteOnZero = 0x00020000;
export const JET_bitColumnCompressed = 0x00080000;
export const JET_bitColumnEncrypted = 0x00100000;

// Index definitions (JET_INDEXCREATE grbit).
export const JET_bitIndexUnique = 0x00000001;
export const JET_bitIndexPrimary = 0x00000002;
export const JET_bitIndexDisallowNull = 0x00000004;
export const JET_bitIndexIgnoreNull = 0x00000008;
export const JET_bitIndexIgnoreAnyNull = 0x00000020;
export const JET_bitIndexIgnoreFirstNull = 0x00000040;
export const JET_bitIndexLazyFlush = 0x00000080;
export const JET_bitIndexEmpty = 0x00000100;
export const JET_bitIndexUnversioned = 0x00000200;
export const JET_bitIndexSortNullsHigh = 0x00000400;
export const JET_bitIndexUnicode = 0x00000800;
export const JET_bitIndexTuples = 0x00001000;
export const JET_bitIndexTupleLimits = 0x00002000;
export const JET_bitIndexCrossProduct = 0x00004000;
export const JET_bitIndexKeyMost = 0x00008000;
export const JET_bitIndexDisallowTruncation = 0x00010000;
/** GUID key columns in .NET's Guid order instead of the order of their string form. */
export const JET_bitIndexDotNetGuid = 0x00040000;

// JET_CONDITIONALCOLUMN grbit.
export const JET_bitIndexColumnMustBeNull = 0x00000001;
export const JET_bitIndexColumnMustBeNonNull = 0x00000002;

// JetMakeKey.
export const JET_bitNewKey = 0x00000001;
export const JET_bitStrLimit = 0x00000002;
export const JET_bitSubStrLimit = 0x00000004;
export const JET_bitNormalizedKey = 0x00000008;
export const JET_bitKeyDataZeroLength = 0x00000010;
export const JET_bitFullColumnStartLimit = 0x00000100;
export const JET_bitFullColumnEndLimit = 0x00000200;
export const JET_bitPartialColumnStartLimit = 0x00000400;
export const JET_bitPartialColumnEndLimit = 0x00000800;

// JetSeek.
export const JET_bitSeekEQ = 0x00000001;
export const JET_bitSeekLT = 0x00000002;
export const JET_bitSeekLE = 0x00000004;
export const JET_bitSeekGE = 0x00000008;
export const JET_bitSeekGT = 0x00000010;
export const JET_bitSetIndexRange = 0x00000020;
export const JET_bitCheckUniqueness = 0x00000040;

// JetSetIndexRange.
export const JET_bitRangeInclusive = 0x00000001;
export const JET_bitRangeUpperLimit = 0x00000002;
export const JET_bitRangeInstantDuration = 0x00000004;
export const JET_bitRangeRemove = 0x00000008;

// JetMove.
export const JET_bitMoveKeyNE = 0x00000001;

// JetSetCurrentIndex.
export const JET_bitMoveFirst = 0x00000000;
export const JET_bitNoMove = 0x00000002;

// JetSetColumn / JetSetColumns.
export const JET_bitSetAppendLV = 0x00000001;
export const JET_bitSetOverwriteLV = 0x00000004;
export const JET_bitSetSizeLV = 0x00000008;
export const JET_bitSetZeroLength = 0x00000020;
export const JET_bitSetSeparateLV = 0x00000040;
export const JET_bitSetUniqueMultiValues = 0x00000080;
export const JET_bitSetUniqueNormalizedMultiValues = 0x00000100;
export const JET_bitSetRevertToDefaultValue = 0x00000200;
export const JET_bitSetIntrinsicLV = 0x00000400;

// JetRetrieveColumn / JetRetrieveColumns / JetRetrieveKey (JET_bitRetrieveCopy).
export const JET_bitRetrieveCopy = 0x00000001;
export const JET_bitRetrieveFromIndex = 0x00000002;
export const JET_bitRetrieveFromPrimaryBookmark = 0x00000004;
export const JET_bitRetrieveTag = 0x00000008;
export const JET_bitRetrieveNull = 0x00000010;
export const JET_bitRetrieveIgnoreDefault = 0x00000020;

// JetEscrowUpdate.
export const JET_bitEscrowNoRollback = 0x00000001;

// Limits.
export const JET_cbBookmarkMost = 256;
export const JET_cbColumnMost = 255;
export const JET_cbKeyMost = 255;
export const JET_cbKeyMostMin = 255;
export const JET_ccolKeyMost = 16;
