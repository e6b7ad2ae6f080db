// The JET C API as this project uses it: types with their Windows sizes, the constants we
// need, and one function-pointer type per entry point. Shared by the addon (which calls
// ESENT.dll or the emulator through these types) and by the emulator (which exports
// functions of exactly these signatures).
//
// Everything lives in namespace `jet` with short names, so that on Windows the SDK's
// esent.h (whose names are macros and global typedefs) can be included beside it and
// checked against it; see the static_asserts at the end.
#pragma once

#include <cstddef>
#include <cstdint>

#include "esent/jet_errors.g.h"

#if defined(_WIN32)
#define ESENT_JET_API __stdcall
#else
#define ESENT_JET_API
#endif

namespace jet {

// JET_ERR is a Windows `long`: 32 bits even on 64-bit Windows.
using Err = std::int32_t;
// JET_API_PTR and the handles are pointer-sized unsigned integers.
using ApiPtr = std::uintptr_t;
using Instance = ApiPtr;
using Sesid = ApiPtr;
using Tableid = ApiPtr;
using Dbid = std::uint32_t;
using Columnid = std::uint32_t;
using Grbit = std::uint32_t;
// Windows `unsigned long`: 32 bits on every Windows ABI (Linux's would be 64).
using ULong = std::uint32_t;
// WCHAR is UTF-16 on Windows; the emulator uses the same 16-bit units everywhere.
#if defined(_WIN32)
using WChar = wchar_t;
#else
using WChar = char16_t;
#endif
static_assert(sizeof(WChar) == 2, "JET strings are UTF-16");

constexpr Instance instanceNil = ~Instance(0);
constexpr Sesid sesidNil = ~Sesid(0);
constexpr Tableid tableidNil = ~Tableid(0);
constexpr Dbid dbidNil = 0xFFFFFFFFu;

// System parameters (JetSetSystemParameter / JetGetSystemParameter).
namespace param {
constexpr ULong SystemPath = 0;
constexpr ULong TempPath = 1;
constexpr ULong LogFilePath = 2;
constexpr ULong BaseName = 3;
constexpr ULong EventSource = 4;
constexpr ULong MaxSessions = 5;
constexpr ULong MaxOpenTables = 6;
constexpr ULong MaxCursors = 8;
constexpr ULong MaxVerPages = 9;
constexpr ULong MaxTemporaryTables = 10;
constexpr ULong LogFileSize = 11;
constexpr ULong LogBuffers = 12;
constexpr ULong CircularLog = 17;
constexpr ULong DbExtensionSize = 18;
constexpr ULong CacheSizeMax = 23;
constexpr ULong CheckpointDepthMax = 24;
constexpr ULong Recovery = 34;
constexpr ULong EnableIndexChecking = 45;
constexpr ULong NoInformationEvent = 50;
constexpr ULong DatabasePageSize = 64;
constexpr ULong CreatePathIfNotExist = 100;
constexpr ULong MaxInstances = 104;
constexpr ULong Configuration = 129;
constexpr ULong EnableAdvanced = 130;
constexpr ULong LegacyFileNames = 136;
constexpr ULong EngineFormatVersion = 194;
}  // namespace param

// JET_ENGINEFORMATVERSION values (JET_paramEngineFormatVersion): the format features a
// database may use. The special values pick the engine's newest format or the files' own, and
// one flag lets files newer than the value given be used.
namespace efv {
constexpr ULong ExtHdrRootFieldAutoIncStorageStagedToDebug = 7060;  // the oldest ESE still takes
constexpr ULong Exchange2016Cu1Rtm = 8920;
constexpr ULong ExtHdrRootFieldAutoIncStorageReleased = 8960;
constexpr ULong UppercaseTextNormalization = 9000;
constexpr ULong Escrow64 = 9040;
constexpr ULong Lid64 = 9080;  // long-value ids of 8 bytes
constexpr ULong OptionallyUniqueIndices = 9600;  // the newest ESE knows
constexpr ULong UseEngineDefault = 0x40000001;
constexpr ULong UsePersistedFormat = 0x40000002;
constexpr ULong AllowHigherPersistedFormat = 0x41000000;
}  // namespace efv

// Session parameters (JetGetSessionParameter / JetSetSessionParameter).
namespace sesparam {
constexpr ULong CommitDefault = 4097;
constexpr ULong TransactionLevel = 4099;
constexpr ULong OperationContext = 4100;
constexpr ULong CorrelationID = 4101;
}  // namespace sesparam

namespace bit {
// JetInit2/3
constexpr Grbit ReplayIgnoreMissingDB = 0x00000004;
// JetTerm2
constexpr Grbit TermComplete = 0x00000001;
constexpr Grbit TermAbrupt = 0x00000002;
constexpr Grbit TermStopBackup = 0x00000004;
constexpr Grbit TermDirty = 0x00000008;
// JetBeginTransaction2/3
constexpr Grbit TransactionReadOnly = 0x00000001;
constexpr Grbit DistributedTransaction = 0x00000002;  // accepted and ignored, as ESE does
// JetCommitTransaction/2
constexpr Grbit CommitLazyFlush = 0x00000001;
constexpr Grbit WaitLastLevel0Commit = 0x00000002;
constexpr Grbit WaitAllLevel0Commit = 0x00000008;
constexpr Grbit ForceNewLog = 0x00000010;
// JetRollback
constexpr Grbit RollbackAll = 0x00000001;
// JetStopServiceInstance2
constexpr Grbit StopServiceAll = 0x00000000;
constexpr Grbit StopServiceBackgroundUserTasks = 0x00000002;
constexpr Grbit StopServiceQuiesceCaches = 0x00000004;
constexpr Grbit StopServiceStopAndEmitLog = 0x00000008;
constexpr Grbit StopServiceResume = 0x80000000;
// JetIdle
constexpr Grbit IdleFlushBuffers = 0x00000001;
constexpr Grbit IdleCompact = 0x00000002;
constexpr Grbit IdleStatus = 0x00000004;
constexpr Grbit IdleCompactAsync = 0x00000010;
constexpr Grbit IdleAvailBuffersStatus = 0x00000020;
constexpr Grbit IdleWaitForAsyncActivity = 0x00000040;
}  // namespace bit

// JET_ERRCAT
enum ErrCat : std::int32_t {
  errcatUnknown = 0,
  errcatError,
  errcatOperation,
  errcatFatal,
  errcatIO,
  errcatResource,
  errcatMemory,
  errcatQuota,
  errcatDisk,
  errcatData,
  errcatCorruption,
  errcatInconsistent,
  errcatFragmentation,
  errcatApi,
  errcatUsage,
  errcatState,
  errcatObsolete,
  errcatMax,
};

// JetGetErrorInfoW info level.
constexpr ULong ErrorInfoSpecificErr = 1;

// JET_ERRINFOBASIC_W
struct ErrInfoBasicW {
  ULong cbStruct;
  Err errValue;
  ErrCat errcatMostSpecific;
  unsigned char rgCategoricalHierarchy[8];
  ULong lSourceLine;
  WChar rgszSourceFile[64];
};
static_assert(sizeof(ErrInfoBasicW) == 152, "JET_ERRINFOBASIC_W has the Windows layout");

// One function-pointer type per entry point, in the W variants where there is one.
using PfnCreateInstance2W = Err(ESENT_JET_API *)(Instance *pinstance, const WChar *szInstanceName,
                                                 const WChar *szDisplayName, Grbit grbit);
using PfnSetSystemParameterW = Err(ESENT_JET_API *)(Instance *pinstance, Sesid sesid, ULong paramid,
                                                    ApiPtr lParam, const WChar *szParam);
using PfnGetSystemParameterW = Err(ESENT_JET_API *)(Instance instance, Sesid sesid, ULong paramid,
                                                    ApiPtr *plParam, WChar *szParam, ULong cbMax);
using PfnCreateInstanceW = Err(ESENT_JET_API *)(Instance *pinstance, const WChar *szInstanceName);
using PfnInit = Err(ESENT_JET_API *)(Instance *pinstance);
using PfnInit2 = Err(ESENT_JET_API *)(Instance *pinstance, Grbit grbit);
using PfnTerm = Err(ESENT_JET_API *)(Instance instance);
using PfnStopServiceInstance = Err(ESENT_JET_API *)(Instance instance);
using PfnInit3W = Err(ESENT_JET_API *)(Instance *pinstance, void *prstInfo, Grbit grbit);
using PfnTerm2 = Err(ESENT_JET_API *)(Instance instance, Grbit grbit);
using PfnStopServiceInstance2 = Err(ESENT_JET_API *)(Instance instance, Grbit grbit);
using PfnBeginSessionW = Err(ESENT_JET_API *)(Instance instance, Sesid *psesid, const WChar *szUserName,
                                              const WChar *szPassword);
using PfnEndSession = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit);
using PfnDupSession = Err(ESENT_JET_API *)(Sesid sesid, Sesid *psesid);
using PfnSetSessionContext = Err(ESENT_JET_API *)(Sesid sesid, ApiPtr ulContext);
using PfnResetSessionContext = Err(ESENT_JET_API *)(Sesid sesid);
using PfnBeginTransaction = Err(ESENT_JET_API *)(Sesid sesid);
using PfnBeginTransaction2 = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit);
using PfnBeginTransaction3 = Err(ESENT_JET_API *)(Sesid sesid, std::int64_t trxid, Grbit grbit);
using PfnCommitTransaction = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit);
// JetCommitTransaction2's pCommitId is a JET_COMMIT_ID*; we always pass null.
using PfnCommitTransaction2 = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit, ULong cmsecDurableCommit,
                                                   void *pCommitId);
using PfnRollback = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit);
using PfnGetSessionParameter = Err(ESENT_JET_API *)(Sesid sesid, ULong sesparamid, void *pvParam,
                                                    ULong cbParamMax, ULong *pcbParamActual);
using PfnIdle = Err(ESENT_JET_API *)(Sesid sesid, Grbit grbit);
using PfnGetErrorInfoW = Err(ESENT_JET_API *)(void *pvResult, void *pvErrorInfo, ULong cbErrorInfo,
                                              ULong InfoLevel, Grbit grbit);

}  // namespace jet

#if defined(_WIN32) && defined(ESENT_CHECK_AGAINST_SDK)
// Built on Windows with the SDK: our sizes and values must be the SDK's.
#include <windows.h>
#include <esent.h>
static_assert(sizeof(jet::Err) == sizeof(::JET_ERR), "JET_ERR size");
static_assert(sizeof(jet::ApiPtr) == sizeof(::JET_API_PTR), "JET_API_PTR size");
static_assert(sizeof(jet::Sesid) == sizeof(::JET_SESID), "JET_SESID size");
static_assert(sizeof(jet::Instance) == sizeof(::JET_INSTANCE), "JET_INSTANCE size");
static_assert(sizeof(jet::Tableid) == sizeof(::JET_TABLEID), "JET_TABLEID size");
static_assert(sizeof(jet::Grbit) == sizeof(::JET_GRBIT), "JET_GRBIT size");
static_assert(sizeof(jet::Dbid) == sizeof(::JET_DBID), "JET_DBID size");
static_assert(sizeof(jet::ULong) == sizeof(unsigned long), "Windows unsigned long");
#ifdef JET_paramSystemPath
static_assert(jet::param::SystemPath == JET_paramSystemPath, "JET_paramSystemPath");
#endif
#ifdef JET_paramTempPath
static_assert(jet::param::TempPath == JET_paramTempPath, "JET_paramTempPath");
#endif
#ifdef JET_paramLogFilePath
static_assert(jet::param::LogFilePath == JET_paramLogFilePath, "JET_paramLogFilePath");
#endif
#ifdef JET_paramBaseName
static_assert(jet::param::BaseName == JET_paramBaseName, "JET_paramBaseName");
#endif
#ifdef JET_paramMaxSessions
static_assert(jet::param::MaxSessions == JET_paramMaxSessions, "JET_paramMaxSessions");
#endif
#ifdef JET_paramCircularLog
static_assert(jet::param::CircularLog == JET_paramCircularLog, "JET_paramCircularLog");
#endif
#ifdef JET_paramRecovery
static_assert(jet::param::Recovery == JET_paramRecovery, "JET_paramRecovery");
#endif
#ifdef JET_paramCreatePathIfNotExist
static_assert(jet::param::CreatePathIfNotExist == JET_paramCreatePathIfNotExist, "JET_paramCreatePathIfNotExist");
#endif
#ifdef JET_paramNoInformationEvent
static_assert(jet::param::NoInformationEvent == JET_paramNoInformationEvent, "JET_paramNoInformationEvent");
#endif
#ifdef JET_paramDatabasePageSize
static_assert(jet::param::DatabasePageSize == JET_paramDatabasePageSize, "JET_paramDatabasePageSize");
#endif
#ifdef JET_bitTermAbrupt
static_assert(jet::bit::TermAbrupt == JET_bitTermAbrupt, "JET_bitTermAbrupt");
#endif
#ifdef JET_bitTermComplete
static_assert(jet::bit::TermComplete == JET_bitTermComplete, "JET_bitTermComplete");
#endif
#ifdef JET_bitTransactionReadOnly
static_assert(jet::bit::TransactionReadOnly == JET_bitTransactionReadOnly, "JET_bitTransactionReadOnly");
#endif
#ifdef JET_bitCommitLazyFlush
static_assert(jet::bit::CommitLazyFlush == JET_bitCommitLazyFlush, "JET_bitCommitLazyFlush");
#endif
#ifdef JET_bitRollbackAll
static_assert(jet::bit::RollbackAll == JET_bitRollbackAll, "JET_bitRollbackAll");
#endif
#ifdef JET_sesidNil
static_assert(jet::sesidNil == JET_sesidNil, "JET_sesidNil");
#endif
#if defined(JET_sesparamTransactionLevel)
#ifdef JET_sesparamTransactionLevel
static_assert(jet::sesparam::TransactionLevel == JET_sesparamTransactionLevel, "JET_sesparamTransactionLevel");
#endif
#endif
// mingw-w64's esent.h claims JET_VERSION 0x0602 but lacks JET_ERRINFOBASIC_W.
#if defined(JET_VERSION) && (JET_VERSION >= 0x0602) && !defined(__MINGW32__)
static_assert(sizeof(jet::ErrInfoBasicW) == sizeof(::JET_ERRINFOBASIC_W), "JET_ERRINFOBASIC_W size");
#ifdef JET_bitStopServiceResume
static_assert(jet::bit::StopServiceResume == JET_bitStopServiceResume, "JET_bitStopServiceResume");
#endif
#endif
#ifdef JET_errSessionSharingViolation
static_assert(jet::err::SessionSharingViolation == JET_errSessionSharingViolation, "JET_errSessionSharingViolation");
#endif
#ifdef JET_errSessionContextAlreadySet
static_assert(jet::err::SessionContextAlreadySet == JET_errSessionContextAlreadySet, "JET_errSessionContextAlreadySet");
#endif
static_assert(jet::err::SessionContextNotSetByThisThread == JET_errSessionContextNotSetByThisThread,
              "JET_errSessionContextNotSetByThisThread");
#ifdef JET_errInvalidSesid
static_assert(jet::err::InvalidSesid == JET_errInvalidSesid, "JET_errInvalidSesid");
#endif
#endif
