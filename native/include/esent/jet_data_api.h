// The data half of the JET API as this project uses it: databases, tables, columns,
// indexes, cursors and records. Structures have the layouts of the Windows SDK's esent.h
// (Windows `unsigned long` is jet::ULong, 32 bits; pointers and handles pointer-sized).
// Shared by the addon and the emulator; see jet_api.h for the conventions.
#pragma once

#include "esent/jet_api.h"

namespace jet {

using Coltyp = ULong;

namespace coltyp {
constexpr Coltyp Nil = 0;
constexpr Coltyp Bit = 1;
constexpr Coltyp UnsignedByte = 2;
constexpr Coltyp Short = 3;
constexpr Coltyp Long = 4;
constexpr Coltyp Currency = 5;
constexpr Coltyp IEEESingle = 6;
constexpr Coltyp IEEEDouble = 7;
constexpr Coltyp DateTime = 8;
constexpr Coltyp Binary = 9;
constexpr Coltyp Text = 10;
constexpr Coltyp LongBinary = 11;
constexpr Coltyp LongText = 12;
constexpr Coltyp UnsignedLong = 14;
constexpr Coltyp LongLong = 15;
constexpr Coltyp GUID = 16;
constexpr Coltyp UnsignedShort = 17;
constexpr Coltyp UnsignedLongLong = 18;
}  // namespace coltyp

// Code pages for text columns.
namespace cp {
constexpr ULong None = 0;
constexpr ULong Unicode = 1200;
constexpr ULong ASCII = 1252;
}  // namespace cp

// JetMove offsets.
constexpr std::int32_t MoveFirst = static_cast<std::int32_t>(0x80000000u);
constexpr std::int32_t MovePrevious = -1;
constexpr std::int32_t MoveNext = 1;
constexpr std::int32_t MoveLast = 0x7fffffff;

// JetPrepareUpdate.
namespace prep {
constexpr ULong Insert = 0;
constexpr ULong Replace = 2;
constexpr ULong Cancel = 3;
constexpr ULong ReplaceNoLock = 4;
constexpr ULong InsertCopy = 5;
constexpr ULong InsertCopyDeleteOriginal = 7;
constexpr ULong ReadOnlyCopy = 8;
constexpr ULong InsertCopyReplaceOriginal = 9;
constexpr ULong InsertMustSetAutoIncrement = 10;
}  // namespace prep

// Info levels.
namespace info {
constexpr ULong ColInfo = 0;
constexpr ULong ColInfoList = 1;
constexpr ULong ColInfoBase = 4;
constexpr ULong ColInfoByColid = 6;
constexpr ULong IdxInfo = 0;
constexpr ULong IdxInfoList = 1;
constexpr ULong IdxInfoSpaceAlloc = 5;
constexpr ULong IdxInfoLCID = 6;
constexpr ULong IdxInfoCount = 7;
constexpr ULong IdxInfoVarSegMac = 8;
constexpr ULong IdxInfoKeyMost = 10;
constexpr ULong TblInfo = 0;
constexpr ULong TblInfoName = 1;
constexpr ULong TblInfoDbid = 2;
constexpr ULong TblInfoSpaceAlloc = 9;
constexpr ULong ObjInfo = 0;
constexpr ULong ObjInfoListNoStats = 1;
constexpr ULong ObjInfoList = 2;
constexpr ULong ObjInfoSysTabCursor = 3;
constexpr ULong ObjInfoListACM = 4;
constexpr ULong ObjInfoNoStats = 5;
constexpr ULong ObjInfoSysTabReadOnly = 6;
constexpr ULong ObjInfoRulesLoaded = 7;
constexpr ULong DbInfoFilename = 0;
constexpr ULong DbInfoLCID = 3;
constexpr ULong DbInfoOptions = 6;
constexpr ULong DbInfoTransactions = 7;
constexpr ULong DbInfoVersion = 8;
constexpr ULong DbInfoFilesize = 10;
constexpr ULong DbInfoSpaceOwned = 11;
constexpr ULong DbInfoSpaceAvailable = 12;
constexpr ULong DbInfoPageSize = 17;
}  // namespace info

constexpr ULong objtypNil = 0;
constexpr ULong objtypTable = 1;

namespace bit {
// JetCreateDatabase2 / JetAttachDatabase2 / JetOpenDatabase.
constexpr Grbit DbReadOnly = 0x00000001;
constexpr Grbit DbExclusive = 0x00000002;
constexpr Grbit DbRecoveryOff = 0x00000008;
constexpr Grbit DbOverwriteExisting = 0x00000200;
// JetOpenTable.
constexpr Grbit TableDenyWrite = 0x00000001;
constexpr Grbit TableDenyRead = 0x00000002;
constexpr Grbit TableReadOnly = 0x00000004;
constexpr Grbit TableUpdatable = 0x00000008;
constexpr Grbit TablePermitDDL = 0x00000010;
constexpr Grbit TableSequential = 0x00008000;
// JET_TABLECREATE.grbit.
constexpr Grbit TableCreateFixedDDL = 0x00000001;
constexpr Grbit TableCreateTemplateTable = 0x00000002;
// Column definitions.
constexpr Grbit ColumnFixed = 0x00000001;
constexpr Grbit ColumnTagged = 0x00000002;
constexpr Grbit ColumnNotNULL = 0x00000004;
constexpr Grbit ColumnVersion = 0x00000008;
constexpr Grbit ColumnAutoincrement = 0x00000010;
constexpr Grbit ColumnUpdatable = 0x00000020;
constexpr Grbit ColumnMultiValued = 0x00000400;
constexpr Grbit ColumnEscrowUpdate = 0x00000800;
constexpr Grbit ColumnUnversioned = 0x00001000;
constexpr Grbit ColumnMaybeNull = 0x00002000;
constexpr Grbit ColumnFinalize = 0x00004000;
constexpr Grbit ColumnUserDefinedDefault = 0x00008000;
constexpr Grbit ColumnDeleteOnZero = 0x00020000;
constexpr Grbit ColumnCompressed = 0x00080000;
constexpr Grbit ColumnEncrypted = 0x00100000;
// Index definitions.
constexpr Grbit IndexUnique = 0x00000001;
constexpr Grbit IndexPrimary = 0x00000002;
constexpr Grbit IndexDisallowNull = 0x00000004;
constexpr Grbit IndexIgnoreNull = 0x00000008;
constexpr Grbit IndexIgnoreAnyNull = 0x00000020;
constexpr Grbit IndexIgnoreFirstNull = 0x00000040;
constexpr Grbit IndexLazyFlush = 0x00000080;
constexpr Grbit IndexEmpty = 0x00000100;
constexpr Grbit IndexUnversioned = 0x00000200;
constexpr Grbit IndexSortNullsHigh = 0x00000400;
constexpr Grbit IndexUnicode = 0x00000800;
constexpr Grbit IndexTuples = 0x00001000;
constexpr Grbit IndexTupleLimits = 0x00002000;
constexpr Grbit IndexCrossProduct = 0x00004000;
constexpr Grbit IndexKeyMost = 0x00008000;
constexpr Grbit IndexDisallowTruncation = 0x00010000;
constexpr Grbit IndexDotNetGuid = 0x00040000;
// JetMakeKey.
constexpr Grbit NewKey = 0x00000001;
constexpr Grbit StrLimit = 0x00000002;
constexpr Grbit SubStrLimit = 0x00000004;
constexpr Grbit NormalizedKey = 0x00000008;
constexpr Grbit KeyDataZeroLength = 0x00000010;
constexpr Grbit FullColumnStartLimit = 0x00000100;
constexpr Grbit FullColumnEndLimit = 0x00000200;
constexpr Grbit PartialColumnStartLimit = 0x00000400;
constexpr Grbit PartialColumnEndLimit = 0x00000800;
// JetSeek.
constexpr Grbit SeekEQ = 0x00000001;
constexpr Grbit SeekLT = 0x00000002;
constexpr Grbit SeekLE = 0x00000004;
constexpr Grbit SeekGE = 0x00000008;
constexpr Grbit SeekGT = 0x00000010;
constexpr Grbit SetIndexRange = 0x00000020;
constexpr Grbit CheckUniqueness = 0x00000040;
// JetSetIndexRange.
constexpr Grbit RangeInclusive = 0x00000001;
constexpr Grbit RangeUpperLimit = 0x00000002;
constexpr Grbit RangeInstantDuration = 0x00000004;
constexpr Grbit RangeRemove = 0x00000008;
// JetMove.
constexpr Grbit MoveKeyNE = 0x00000001;
// JetSetCurrentIndex.
constexpr Grbit MoveFirstOnIndex = 0x00000000;  // JET_bitMoveFirst
constexpr Grbit NoMove = 0x00000002;
// JetSetColumn.
constexpr Grbit SetAppendLV = 0x00000001;
constexpr Grbit SetOverwriteLV = 0x00000004;
constexpr Grbit SetSizeLV = 0x00000008;
constexpr Grbit SetZeroLength = 0x00000020;
constexpr Grbit SetSeparateLV = 0x00000040;
constexpr Grbit SetContiguousLV = 0x00040000;
// Bits of JetSetColumn's grbit that only the engine itself may pass.
constexpr Grbit SetInternalMask = 0xF0000000;
constexpr Grbit SetUniqueMultiValues = 0x00000080;
constexpr Grbit SetUniqueNormalizedMultiValues = 0x00000100;
constexpr Grbit SetRevertToDefaultValue = 0x00000200;
constexpr Grbit SetIntrinsicLV = 0x00000400;
// JetUpdate2.
constexpr Grbit UpdateCheckESE97Compatibility = 0x00000001;
constexpr Grbit UpdateNoVersion = 0x00000002;
// JetRetrieveColumn.
constexpr Grbit RetrieveCopy = 0x00000001;
constexpr Grbit RetrieveFromIndex = 0x00000002;
constexpr Grbit RetrieveFromPrimaryBookmark = 0x00000004;
constexpr Grbit RetrieveTag = 0x00000008;
constexpr Grbit RetrieveNull = 0x00000010;
constexpr Grbit RetrieveIgnoreDefault = 0x00000020;
constexpr Grbit RetrieveLongId = 0x00000040;
constexpr Grbit RetrieveTuple = 0x00000800;
// Bits of JetRetrieveColumn's grbit that only the engine itself may pass.
constexpr Grbit RetrieveInternalMask = 0xF0000000;
constexpr Grbit RetrieveLongValueRefCount = 0x00000080;
constexpr Grbit RetrievePhysicalSize = 0x00010000;
// JetRetrieveKey.
constexpr Grbit RetrieveCopyKey = 0x00000001;  // JET_bitRetrieveCopy for keys
// JetEscrowUpdate.
constexpr Grbit EscrowNoRollback = 0x00000001;
constexpr Grbit ReadLock = 0x00000001;   // JetGetLock
constexpr Grbit WriteLock = 0x00000002;
// JET_OBJECTINFO.flags of the engine's own tables (MSysObjects and the like).
constexpr ULong ObjectSystem = 0x80000000;
}  // namespace bit

// Limits.
constexpr ULong cbBookmarkMost = 256;
constexpr ULong cbColumnMost = 255;
// JET_cbLVColumnMost: the largest cbMax of any column.
constexpr ULong cbLVColumnMost = 0x7FFFFFFF;
constexpr ULong cbKeyMost = 255;
constexpr ULong cbKeyMostMin = 255;
// JET_cbKeyMost_OLD: the largest key of the formats before large keys.
constexpr ULong cbKeyMostOld = 255;
// JET_cbKeyMost32KBytePage: the largest key of any page size, which sizes ESE's key buffers.
constexpr ULong cbKeyMost32KBytePage = 2000;
constexpr ULong ccolKeyMost = 16;

struct ColumnDef {  // JET_COLUMNDEF
  ULong cbStruct;
  Columnid columnid;
  Coltyp coltyp;
  std::uint16_t wCountry;
  std::uint16_t langid;
  std::uint16_t cp;
  std::uint16_t wCollate;
  ULong cbMax;
  Grbit grbit;
};

struct ColumnBaseW {  // JET_COLUMNBASE_W
  ULong cbStruct;
  Columnid columnid;
  Coltyp coltyp;
  std::uint16_t wCountry;
  std::uint16_t langid;
  std::uint16_t cp;
  std::uint16_t wFiller;
  ULong cbMax;
  Grbit grbit;
  WChar szBaseTableName[256];
  WChar szBaseColumnName[256];
};

struct ColumnCreateW {  // JET_COLUMNCREATE_W
  ULong cbStruct;
  WChar *szColumnName;
  Coltyp coltyp;
  ULong cbMax;
  Grbit grbit;
  void *pvDefault;
  ULong cbDefault;
  ULong cp;
  Columnid columnid;
  Err err;
};

// JET_USERDEFINEDDEFAULT: a column's default computed by a callback; the engine takes it as the
// column's default value, of exactly this size.
struct UserDefinedDefault {
  char *szCallback;
  unsigned char *pbUserData;
  ULong cbUserData;
  char *szDependantColumns;
};

struct ConditionalColumnW {  // JET_CONDITIONALCOLUMN_W
  ULong cbStruct;
  WChar *szColumnName;
  Grbit grbit;
};

struct UnicodeIndex {  // JET_UNICODEINDEX
  ULong lcid;
  ULong dwMapFlags;
};

// JET_UNICODEINDEX2 (JET_INDEXCREATE3_W): a locale name instead of an LCID; a null name is
// the invariant locale.
struct UnicodeIndex2 {
  WChar *szLocaleName;
  ULong dwMapFlags;
};

struct TupleLimits {  // JET_TUPLELIMITS
  ULong chLengthMin;
  ULong chLengthMax;
  ULong chToIndexMax;
  ULong cchIncrement;
  ULong ichStart;
};

struct SpaceHints {  // JET_SPACEHINTS
  ULong cbStruct;
  ULong ulInitialDensity;
  ULong cbInitial;
  Grbit grbit;
  ULong ulMaintDensity;
  ULong ulGrowth;
  ULong cbMinExtent;
  ULong cbMaxExtent;
};

// JET_INDEXCREATE_W. szKey is a list of NUL-terminated "+column" / "-column" strings
// ending with an empty string; cbKey counts its bytes including the final NUL.
struct IndexCreateW {
  ULong cbStruct;
  WChar *szIndexName;
  WChar *szKey;
  ULong cbKey;
  Grbit grbit;
  ULong ulDensity;
  union {
    ULong lcid;
    UnicodeIndex *pidxunicode;
  };
  union {
    ULong cbVarSegMac;
    TupleLimits *ptuplelimits;
  };
  ConditionalColumnW *rgconditionalcolumn;
  ULong cConditionalColumn;
  Err err;
  ULong cbKeyMost;
};

// JET_INDEXCREATE2_W: JET_INDEXCREATE_W plus space hints.
struct IndexCreate2W {
  ULong cbStruct;
  WChar *szIndexName;
  WChar *szKey;
  ULong cbKey;
  Grbit grbit;
  ULong ulDensity;
  union {
    ULong lcid;
    UnicodeIndex *pidxunicode;
  };
  union {
    ULong cbVarSegMac;
    TupleLimits *ptuplelimits;
  };
  ConditionalColumnW *rgconditionalcolumn;
  ULong cConditionalColumn;
  Err err;
  ULong cbKeyMost;
  SpaceHints *pSpacehints;
};

// JET_INDEXCREATE3_W (JetCreateIndex4W): JET_INDEXCREATE2_W with the lcid union replaced by a
// plain pointer to a JET_UNICODEINDEX2, set exactly when JET_bitIndexUnicode is.
struct IndexCreate3W {
  ULong cbStruct;
  WChar *szIndexName;
  WChar *szKey;
  ULong cbKey;
  Grbit grbit;
  ULong ulDensity;
  UnicodeIndex2 *pidxunicode;
  union {
    ULong cbVarSegMac;
    TupleLimits *ptuplelimits;
  };
  ConditionalColumnW *rgconditionalcolumn;
  ULong cConditionalColumn;
  Err err;
  ULong cbKeyMost;
  SpaceHints *pSpacehints;
};

// JET_TABLECREATE3_W (JetCreateTableColumnIndex3W).
struct TableCreate3W {
  ULong cbStruct;
  WChar *szTableName;
  WChar *szTemplateTableName;
  ULong ulPages;
  ULong ulDensity;
  ColumnCreateW *rgcolumncreate;
  ULong cColumns;
  IndexCreate2W *rgindexcreate;
  ULong cIndexes;
  WChar *szCallback;
  ULong cbtyp;
  Grbit grbit;
  SpaceHints *pSeqSpacehints;
  SpaceHints *pLVSpacehints;
  ULong cbSeparateLV;
  Tableid tableid;
  ULong cCreated;
};

struct SetColumn {  // JET_SETCOLUMN
  Columnid columnid;
  const void *pvData;
  ULong cbData;
  Grbit grbit;
  ULong ibLongValue;
  ULong itagSequence;
  Err err;
};

struct SetInfo {  // JET_SETINFO
  ULong cbStruct;
  ULong ibLongValue;
  ULong itagSequence;
};

struct RetrieveColumn {  // JET_RETRIEVECOLUMN
  Columnid columnid;
  void *pvData;
  ULong cbData;
  ULong cbActual;
  Grbit grbit;
  ULong ibLongValue;
  ULong itagSequence;
  Columnid columnidNextTagged;
  Err err;
};

struct RetInfo {  // JET_RETINFO
  ULong cbStruct;
  ULong ibLongValue;
  ULong itagSequence;
  Columnid columnidNextTagged;
};

// JET_OBJECTINFO. esent.h packs it to 4 bytes, so the doubles follow objtyp directly.
#pragma pack(push, 4)
struct ObjectInfo {
  ULong cbStruct;
  ULong objtyp;
  double dtCreate;  // JET_DATESERIAL, obsolete
  double dtUpdate;  // JET_DATESERIAL, obsolete
  Grbit grbit;
  ULong flags;
  ULong cRecord;
  ULong cPage;
};
#pragma pack(pop)
static_assert(sizeof(ObjectInfo) == 40, "JET_OBJECTINFO has the Windows layout");

struct RecPos {  // JET_RECPOS
  ULong cbStruct;
  ULong centriesLT;
  ULong centriesInRange;
  ULong centriesTotal;
};

// The list info levels answer with a temporary table (`tableid`, which the caller closes) of
// `cRecord` rows, and the column ids of its columns.
struct ObjectList {  // JET_OBJECTLIST
  ULong cbStruct;
  Tableid tableid;
  ULong cRecord;
  Columnid columnidcontainername;
  Columnid columnidobjectname;
  Columnid columnidobjtyp;
  Columnid columniddtCreate;
  Columnid columniddtUpdate;
  Columnid columnidgrbit;
  Columnid columnidflags;
  Columnid columnidcRecord;
  Columnid columnidcPage;
};

struct ColumnList {  // JET_COLUMNLIST
  ULong cbStruct;
  Tableid tableid;
  ULong cRecord;
  Columnid columnidPresentationOrder;
  Columnid columnidcolumnname;
  Columnid columnidcolumnid;
  Columnid columnidcoltyp;
  Columnid columnidCountry;
  Columnid columnidLangid;
  Columnid columnidCp;
  Columnid columnidCollate;
  Columnid columnidcbMax;
  Columnid columnidgrbit;
  Columnid columnidDefault;
  Columnid columnidBaseTableName;
  Columnid columnidBaseColumnName;
  Columnid columnidDefinitionName;
};

struct IndexList {  // JET_INDEXLIST
  ULong cbStruct;
  Tableid tableid;
  ULong cRecord;
  Columnid columnidindexname;
  Columnid columnidgrbitIndex;
  Columnid columnidcKey;
  Columnid columnidcEntry;
  Columnid columnidcPage;
  Columnid columnidcColumn;
  Columnid columnidiColumn;
  Columnid columnidcolumnid;
  Columnid columnidcoltyp;
  Columnid columnidCountry;
  Columnid columnidLangid;
  Columnid columnidCp;
  Columnid columnidCollate;
  Columnid columnidgrbitColumn;
  Columnid columnidcolumnname;
  Columnid columnidLCMapFlags;
};

static_assert(sizeof(ColumnDef) == 28, "JET_COLUMNDEF has the Windows layout");
static_assert(sizeof(RetInfo) == 16, "JET_RETINFO has the Windows layout");
static_assert(sizeof(SetInfo) == 12, "JET_SETINFO has the Windows layout");
static_assert(sizeof(ColumnCreateW) == (sizeof(void *) == 8 ? 56 : 40), "JET_COLUMNCREATE_W layout");
static_assert(sizeof(SetColumn) == (sizeof(void *) == 8 ? 40 : 28), "JET_SETCOLUMN layout");
static_assert(sizeof(IndexCreate3W) == sizeof(IndexCreate2W), "JET_INDEXCREATE3_W is JET_INDEXCREATE2_W's size");
static_assert(offsetof(IndexCreate3W, pidxunicode) == offsetof(IndexCreate2W, pidxunicode), "JET_INDEXCREATE3_W layout");

// Entry points.
using PfnCreateDatabase2W = Err(ESENT_JET_API *)(Sesid sesid, const WChar *szFilename, ULong cpgDatabaseSizeMax,
                                                 Dbid *pdbid, Grbit grbit);
using PfnAttachDatabase2W = Err(ESENT_JET_API *)(Sesid sesid, const WChar *szFilename, ULong cpgDatabaseSizeMax,
                                                 Grbit grbit);
using PfnOpenDatabaseW = Err(ESENT_JET_API *)(Sesid sesid, const WChar *szFilename, const WChar *szConnect,
                                              Dbid *pdbid, Grbit grbit);
using PfnCloseDatabase = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, Grbit grbit);
using PfnDetachDatabase2W = Err(ESENT_JET_API *)(Sesid sesid, const WChar *szFilename, Grbit grbit);
using PfnCreateTableColumnIndex3W = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, TableCreate3W *ptablecreate);
using PfnCreateTableW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, const WChar *szTableName, ULong lPages,
                                             ULong lDensity, Tableid *ptableid);
using PfnDeleteTableW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, const WChar *szTableName);
using PfnAddColumnW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szColumnName,
                                           const ColumnDef *pcolumndef, const void *pvDefault, ULong cbDefault,
                                           Columnid *pcolumnid);
using PfnDeleteColumn2W = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szColumnName, Grbit grbit);
using PfnCreateIndex2W = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, IndexCreateW *pindexcreate,
                                              ULong cIndexCreate);
using PfnDeleteIndexW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szIndexName);
using PfnGetTableColumnInfoW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szColumnName,
                                                    void *pvResult, ULong cbMax, ULong InfoLevel);
using PfnGetTableIndexInfoW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szIndexName,
                                                   void *pvResult, ULong cbResult, ULong InfoLevel);
using PfnGetTableInfoW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, void *pvResult, ULong cbMax,
                                              ULong InfoLevel);
using PfnOpenTableW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, const WChar *szTableName,
                                           const void *pvParameters, ULong cbParameters, Grbit grbit,
                                           Tableid *ptableid);
using PfnCloseTable = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid);
using PfnDupCursor = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Tableid *ptableid, Grbit grbit);
// pindexid is a JET_INDEXID*; the binding always passes null.
using PfnSetCurrentIndex4W = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szIndexName,
                                                  void *pindexid, Grbit grbit, ULong itagSequence);
using PfnMove = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, std::int32_t cRow, Grbit grbit);
using PfnMakeKey = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const void *pvData, ULong cbData, Grbit grbit);
using PfnSeek = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Grbit grbit);
using PfnSetIndexRange = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Grbit grbit);
using PfnIndexRecordCount = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, ULong *pcrec, ULong crecMax);
using PfnGetBookmark = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, void *pvBookmark, ULong cbMax,
                                            ULong *pcbActual);
using PfnGotoBookmark = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, void *pvBookmark, ULong cbBookmark);
using PfnRetrieveKey = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, void *pvKey, ULong cbMax,
                                            ULong *pcbActual, Grbit grbit);
using PfnPrepareUpdate = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, ULong prep);
using PfnSetColumn = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Columnid columnid, const void *pvData,
                                          ULong cbData, Grbit grbit, SetInfo *psetinfo);
using PfnSetColumns = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, SetColumn *psetcolumn, ULong csetcolumn);
using PfnUpdate2 = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, void *pvBookmark, ULong cbBookmark,
                                        ULong *pcbActual, Grbit grbit);
using PfnDelete = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid);
using PfnRetrieveColumn = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Columnid columnid, void *pvData,
                                               ULong cbData, ULong *pcbActual, Grbit grbit, RetInfo *pretinfo);
using PfnRetrieveColumns = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, RetrieveColumn *pretrievecolumn,
                                                ULong cretrievecolumn);
using PfnEscrowUpdate = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Columnid columnid, void *pv, ULong cbMax,
                                             void *pvOld, ULong cbOldMax, ULong *pcbOldActual, Grbit grbit);
using PfnGetRecordPosition = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, RecPos *precpos, ULong cbRecpos);
using PfnGotoPosition = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, RecPos *precpos);
using PfnGetLock = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, Grbit grbit);
using PfnRenameTableW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, const WChar *szName, const WChar *szNameNew);
using PfnRenameColumnW = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, const WChar *szName,
                                              const WChar *szNameNew, Grbit grbit);
using PfnCreateIndex4W = Err(ESENT_JET_API *)(Sesid sesid, Tableid tableid, IndexCreate3W *pindexcreate,
                                              ULong cIndexCreate);
using PfnSetColumnDefaultValueW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, const WChar *szTableName,
                                                       const WChar *szColumnName, const void *pvData, ULong cbData,
                                                       Grbit grbit);
using PfnGetDatabaseInfoW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, void *pvResult, ULong cbMax,
                                                 ULong InfoLevel);
using PfnGetObjectInfoW = Err(ESENT_JET_API *)(Sesid sesid, Dbid dbid, ULong objtyp, const WChar *szContainerName,
                                               const WChar *szObjectName, void *pvResult, ULong cbMax,
                                               ULong InfoLevel);

}  // namespace jet

#if defined(_WIN32) && defined(ESENT_CHECK_AGAINST_SDK)
static_assert(sizeof(jet::ColumnDef) == sizeof(::JET_COLUMNDEF), "JET_COLUMNDEF");
static_assert(sizeof(jet::ColumnCreateW) == sizeof(::JET_COLUMNCREATE_W), "JET_COLUMNCREATE_W");
static_assert(sizeof(jet::IndexCreateW) == sizeof(::JET_INDEXCREATE_W), "JET_INDEXCREATE_W");
static_assert(sizeof(jet::SetColumn) == sizeof(::JET_SETCOLUMN), "JET_SETCOLUMN");
static_assert(sizeof(jet::RetrieveColumn) == sizeof(::JET_RETRIEVECOLUMN), "JET_RETRIEVECOLUMN");
static_assert(sizeof(jet::RetInfo) == sizeof(::JET_RETINFO), "JET_RETINFO");
static_assert(sizeof(jet::SetInfo) == sizeof(::JET_SETINFO), "JET_SETINFO");
static_assert(sizeof(jet::ObjectInfo) == sizeof(::JET_OBJECTINFO), "JET_OBJECTINFO");
static_assert(sizeof(jet::RecPos) == sizeof(::JET_RECPOS), "JET_RECPOS");
static_assert(sizeof(jet::ObjectList) == sizeof(::JET_OBJECTLIST), "JET_OBJECTLIST");
static_assert(sizeof(jet::ColumnList) == sizeof(::JET_COLUMNLIST), "JET_COLUMNLIST");
static_assert(sizeof(jet::IndexList) == sizeof(::JET_INDEXLIST), "JET_INDEXLIST");
#ifdef JET_coltypLongText
static_assert(jet::coltyp::LongText == JET_coltypLongText, "JET_coltypLongText");
#endif
#ifdef JET_coltypUnsignedLongLong
static_assert(jet::coltyp::UnsignedLongLong == JET_coltypUnsignedLongLong, "JET_coltypUnsignedLongLong");
#endif
#ifdef JET_bitColumnMultiValued
static_assert(jet::bit::ColumnMultiValued == JET_bitColumnMultiValued, "JET_bitColumnMultiValued");
#endif
#ifdef JET_bitIndexPrimary
static_assert(jet::bit::IndexPrimary == JET_bitIndexPrimary, "JET_bitIndexPrimary");
#endif
#ifdef JET_bitSeekGE
static_assert(jet::bit::SeekGE == JET_bitSeekGE, "JET_bitSeekGE");
#endif
#ifdef JET_bitRetrieveCopy
static_assert(jet::bit::RetrieveCopy == JET_bitRetrieveCopy, "JET_bitRetrieveCopy");
#endif
#ifdef JET_bitUpdateNoVersion
static_assert(jet::bit::UpdateNoVersion == JET_bitUpdateNoVersion, "JET_bitUpdateNoVersion");
#endif
#ifdef JET_prepInsertCopy
static_assert(jet::prep::InsertCopy == JET_prepInsertCopy, "JET_prepInsertCopy");
#endif
#endif
