// The data half of `jet`, the raw API: databases, tables, columns, indexes, cursors and
// records (native/addon/jet/). Conventions beyond those of jet-types.ts:
//
// - JET_SESID and JET_TABLEID are bigint; JET_DBID and JET_COLUMNID are numbers (32-bit
//   unsigned), as are grbits, coltyps and info levels.
// - Bytes going in are any ArrayBufferView (Buffer, Uint8Array, other TypedArrays,
//   DataView); `null` means "no data" (the C NULL pointer with a size of 0). Bytes coming
//   out are Buffers. Values are raw bytes; lib/column-values.ts converts them.
// - Objects standing for JET structures use the structure's field names (szColumnName,
//   pvDefault, itagSequence, ...). Fields left out take the value 0, except where noted.
// - A call returns its out value, or the non-negative JET_ERR. Where a call has both an out
//   value and a warning that matters (JetRetrieveColumn: JET_wrnColumnNull,
//   JET_wrnBufferTruncated), it returns an object holding both.
// - Array calls (JetCreateTableColumnIndex3, JetCreateIndex2, JetSetColumns,
//   JetRetrieveColumns) that fail throw the typed error with the per-entry JET_ERRs
//   attached (see JetEntryErrors).

/** Bytes given to the engine: a Buffer, Uint8Array or any other ArrayBufferView. */
export type JetBytes = ArrayBufferView;

/** JET_COLUMNCREATE_W, one column of JetCreateTableColumnIndex3. */
export interface JetColumnCreate {
  szColumnName: string;
  /** A JET_coltyp* value. */
  coltyp: number;
  /** Maximum length in bytes (0: the type's default). */
  cbMax?: number;
  /** JET_bitColumn* flags. */
  grbit?: number;
  /** The default value's bytes, or null for none. */
  pvDefault?: JetBytes | null;
  /** Code page for text columns: 1200 (UTF-16) or 1252; 0 leaves the engine's default. */
  cp?: number;
}

/** JET_CONDITIONALCOLUMN_W. */
export interface JetConditionalColumn {
  szColumnName: string;
  /** JET_bitIndexColumnMustBeNull or JET_bitIndexColumnMustBeNonNull. */
  grbit?: number;
}

/** JET_UNICODEINDEX: used instead of `lcid` with JET_bitIndexUnicode. */
export interface JetUnicodeIndex {
  lcid: number;
  /** LCMapString flags. */
  dwMapFlags?: number;
}

/**
 * JET_UNICODEINDEX2 (JetCreateIndex4): a locale name ("en-US"; null or absent: the invariant
 * locale) instead of an LCID.
 */
export interface JetUnicodeIndex2 {
  szLocaleName?: string | null;
  /** LCMapString flags; 0 takes the engine's default. */
  dwMapFlags?: number;
}

/** JET_TUPLELIMITS: used instead of `cbVarSegMac` with JET_bitIndexTupleLimits. */
export interface JetTupleLimits {
  chLengthMin: number;
  chLengthMax: number;
  chToIndexMax: number;
  cchIncrement?: number;
  ichStart?: number;
}

/**
 * JET_INDEXCREATE_W / JET_INDEXCREATE2_W, one index of JetCreateIndex2 or
 * JetCreateTableColumnIndex3.
 *
 * `pidxunicode` and JET_bitIndexUnicode must come together (the structure holds either an
 * LCID or a pointer, chosen by the bit), as must `ptuplelimits` and
 * JET_bitIndexTupleLimits; otherwise TypeError. `cbKeyMost` is read by the engine only
 * with JET_bitIndexKeyMost in `grbit`.
 */
export interface JetIndexCreate {
  szIndexName: string;
  /**
   * The key columns: ESE's own form, each "+column" or "-column" ending in NUL with one
   * more NUL at the end ("+a\0-b\0\0"; missing final NULs are added), or an array
   * (["+a", "-b"]) that the binding joins into that form.
   */
  szKey: string | readonly string[];
  /** JET_bitIndex* flags. */
  grbit?: number;
  ulDensity?: number;
  lcid?: number;
  pidxunicode?: JetUnicodeIndex;
  cbVarSegMac?: number;
  ptuplelimits?: JetTupleLimits;
  rgconditionalcolumn?: readonly JetConditionalColumn[];
  cbKeyMost?: number;
  /**
   * Written after the call with what the engine left in the structure's err: ESE's
   * JetCreateIndex2W and JetCreateIndex4W leave it as given (0); JetCreateTableColumnIndex3
   * reports per-index errors in its result instead.
   */
  err?: number;
}

/**
 * JET_INDEXCREATE3_W, one index of JetCreateIndex4: JET_INDEXCREATE2_W without `lcid`, whose
 * `pidxunicode` is a JET_UNICODEINDEX2 (a locale name), given exactly with
 * JET_bitIndexUnicode (otherwise TypeError, as is an `lcid`).
 */
export interface JetIndexCreate3 extends Omit<JetIndexCreate, 'lcid' | 'pidxunicode'> {
  pidxunicode?: JetUnicodeIndex2;
}

/** JET_TABLECREATE3_W for JetCreateTableColumnIndex3 (no callbacks, no space hints). */
export interface JetTableCreate {
  szTableName: string;
  szTemplateTableName?: string | null;
  ulPages?: number;
  ulDensity?: number;
  rgcolumncreate?: readonly JetColumnCreate[];
  rgindexcreate?: readonly JetIndexCreate[];
  /** JET_bitTableCreate* flags. */
  grbit?: number;
}

/** What JetCreateTableColumnIndex3 returns. */
export interface JetTableCreateResult {
  /** The new table, opened exclusively: close it with JetCloseTable. */
  tableid: bigint;
  /** Objects created: the table, its columns and its indexes. */
  cCreated: number;
  /** JET_COLUMNCREATE_W.columnid of each column, in the order given. */
  columnids: number[];
  /** JET_COLUMNCREATE_W.err of each column. */
  columnErrors: number[];
  /** JET_INDEXCREATE2_W.err of each index. */
  indexErrors: number[];
  /** The non-negative JET_ERR returned. */
  err: number;
}

/**
 * Per-entry results on the EsentError thrown by an array call: `columnErrors` (the
 * JET_ERR of each column: JetCreateTableColumnIndex3, JetSetColumns, JetRetrieveColumns),
 * `indexErrors` (JetCreateTableColumnIndex3, JetCreateIndex2) and `cCreated`
 * (JetCreateTableColumnIndex3). Engines may leave an entry's err at 0 when they stop
 * at an earlier one.
 */
export interface JetEntryErrors {
  columnErrors?: number[];
  indexErrors?: number[];
  cCreated?: number;
}

/** JET_COLUMNDEF as given to JetAddColumn. */
export interface JetColumnDef {
  coltyp: number;
  cbMax?: number;
  grbit?: number;
  /** 16-bit code page: 1200 or 1252 for text columns. */
  cp?: number;
  wCountry?: number;
  langid?: number;
  wCollate?: number;
}

/** JET_COLUMNDEF as JetGetTableColumnInfo(JET_ColInfo / JET_ColInfoByColid) fills it. */
export interface JetColumnInfo {
  columnid: number;
  coltyp: number;
  wCountry: number;
  langid: number;
  cp: number;
  wCollate: number;
  cbMax: number;
  grbit: number;
}

/** JET_COLUMNBASE_W, from JetGetTableColumnInfo(JET_ColInfoBase). */
export interface JetColumnBase {
  columnid: number;
  coltyp: number;
  wCountry: number;
  langid: number;
  cp: number;
  cbMax: number;
  grbit: number;
  /** The table that defines the column (the template table for derived columns). */
  szBaseTableName: string;
  szBaseColumnName: string;
}

/** JET_OBJECTINFO from JetGetTableInfo(JET_TblInfo); the obsolete dates are left out. */
/** One column of JET_ColInfoList (a row of the JET_COLUMNLIST table, read and closed). */
export interface JetColumnListEntry {
  szColumnName: string;
  columnid: number;
  coltyp: number;
  cp: number;
  cbMax: number;
  grbit: number;
  /** The default value's bytes, or null without one. */
  pvDefault: Buffer | null;
}

/** One key column of an index in JetIndexListEntry. */
export interface JetIndexListColumn {
  szColumnName: string;
  columnid: number;
  coltyp: number;
  cp: number;
  /** JET_bitKeyDescending (1) for a descending segment, else 0. */
  grbitColumn: number;
}

/**
 * One index of JET_IdxInfo / JET_IdxInfoList. ESE's JET_INDEXLIST table has one row per key
 * column; the binding groups them by index, in key order.
 */
export interface JetIndexListEntry {
  szIndexName: string;
  grbitIndex: number;
  cKey: number;
  cEntry: number;
  cPage: number;
  LCMapFlags: number;
  columns: JetIndexListColumn[];
}

/** One object of JET_ObjInfoList / JET_ObjInfoListNoStats (a row of JET_OBJECTLIST). */
export interface JetObjectListEntry {
  szContainerName: string;
  szObjectName: string;
  objtyp: number;
  grbit: number;
  /** JET_bitObjectSystem (0x80000000) marks the engine's own tables. */
  flags: number;
  cRecord: number;
  cPage: number;
}

/** JET_RECPOS for JetGotoPosition: go to the entry `centriesLT` of `centriesTotal`. */
export interface JetRecordPositionTarget {
  centriesLT: number;
  centriesTotal: number;
  centriesInRange?: number;
}

export interface JetObjectInfo {
  objtyp: number;
  grbit: number;
  flags: number;
  cRecord: number;
  cPage: number;
}

/** JET_RECPOS from JetGetRecordPosition. */
export interface JetRecordPosition {
  centriesLT: number;
  centriesInRange: number;
  centriesTotal: number;
}

/** JET_RETINFO for JetRetrieveColumn. */
export interface JetRetInfo {
  /** Which value of a multi-valued column, from 1 (default 1). */
  itagSequence?: number;
  /** Offset into a long value (default 0); other columns ignore it. */
  ibLongValue?: number;
}

/** JET_SETINFO for JetSetColumn. */
export interface JetSetInfo {
  /** Which value of a multi-valued column to replace, from 1; 0 (default) adds one. */
  itagSequence?: number;
  /** Offset into a long value (with JET_bitSetOverwriteLV). */
  ibLongValue?: number;
}

/**
 * One retrieved value: JetRetrieveColumn's result and each JetRetrieveColumns entry.
 *
 * | case | value | err |
 * | --- | --- | --- |
 * | a value | its bytes | 0 |
 * | NULL | null | JET_wrnColumnNull (1004) |
 * | longer than the caller's cbMax / cbData | the first cbMax bytes | JET_wrnBufferTruncated (1006) |
 *
 * Without a caller limit the whole value is always returned (the binding reads again with
 * a buffer of the right size), so JET_wrnBufferTruncated only appears with a limit.
 */
export interface JetRetrievedValue {
  value: Buffer | null;
  /** The non-negative JET_ERR for this value. */
  err: number;
  /** The size the engine reported: the full value's length, even when truncated. */
  cbActual: number;
  /**
   * JET_RETINFO.columnidNextTagged / JET_RETRIEVECOLUMN.columnidNextTagged: the column the
   * engine read. JetRetrieveColumn fills it only when `pretinfo` is given (else 0).
   */
  columnidNextTagged: number;
}

/** One column of JetRetrieveColumns (JET_RETRIEVECOLUMN). */
export interface JetRetrieveColumnSpec {
  columnid: number;
  /** JET_bitRetrieve* flags. */
  grbit?: number;
  /**
   * Default 1. Chooses among a tagged column's values; fixed and variable columns have one
   * and ignore it. 0 asks the engine for the number of values (returned in `itagSequence`).
   */
  itagSequence?: number;
  ibLongValue?: number;
  /** A byte limit: longer values come back truncated with JET_wrnBufferTruncated. */
  cbData?: number;
}

/** One result of JetRetrieveColumns, in the order asked. */
export interface JetRetrievedColumn extends JetRetrievedValue {
  /** JET_RETRIEVECOLUMN.itagSequence after the call. */
  itagSequence: number;
}

/** One column of JetSetColumns (JET_SETCOLUMN). */
export interface JetSetColumnSpec {
  columnid: number;
  /** The bytes, or null to set the column to NULL. */
  pvData: JetBytes | null;
  /** JET_bitSet* flags. */
  grbit?: number;
  /** Which value of a multi-valued column to replace, from 1; 0 (default) adds one. */
  itagSequence?: number;
  ibLongValue?: number;
  /** Written by JetSetColumns after the call: this entry's JET_ERR. */
  err?: number;
}

export interface JetDataApi {
  // Databases.
  /** Creates and attaches a database; returns its JET_DBID (open for this session). */
  JetCreateDatabase2(sesid: bigint, szFilename: string, cpgDatabaseSizeMax?: number, grbit?: number): number;
  /** Returns the JET_ERR: JET_wrnDatabaseAttached (1007) if it was attached already. */
  JetAttachDatabase2(sesid: bigint, szFilename: string, cpgDatabaseSizeMax?: number, grbit?: number): number;
  /** Returns the JET_DBID. */
  JetOpenDatabase(sesid: bigint, szFilename: string, szConnect?: string | null, grbit?: number): number;
  JetCloseDatabase(sesid: bigint, dbid: number, grbit?: number): number;
  /** `szFilename` null detaches every database of the instance; it must be passed explicitly. */
  JetDetachDatabase2(sesid: bigint, szFilename: string | null, grbit?: number): number;

  // Definitions.
  JetCreateTableColumnIndex3(sesid: bigint, dbid: number, tablecreate: JetTableCreate): JetTableCreateResult;
  /** Returns the new table's JET_TABLEID, opened exclusively. */
  JetCreateTable(sesid: bigint, dbid: number, szTableName: string, lPages?: number, lDensity?: number): bigint;
  JetDeleteTable(sesid: bigint, dbid: number, szTableName: string): number;
  /** Returns the new column's JET_COLUMNID. */
  JetAddColumn(
    sesid: bigint,
    tableid: bigint,
    szColumnName: string,
    columndef: JetColumnDef,
    pvDefault?: JetBytes | null,
  ): number;
  JetDeleteColumn2(sesid: bigint, tableid: bigint, szColumnName: string, grbit?: number): number;
  /**
   * Returns the JET_ERR; each entry object gets the structure's `err` written back. One index
   * is created alone; several are created together or not at all, and may not include a
   * primary index (JET_errInvalidGrbit).
   */
  JetCreateIndex2(sesid: bigint, tableid: bigint, pindexcreate: readonly JetIndexCreate[]): number;
  JetDeleteIndex(sesid: bigint, tableid: bigint, szIndexName: string): number;

  // Information.
  /**
   * A column's definition, by name (JET_ColInfo, the default for a string; JET_ColInfoBase
   * gives a JetColumnBase) or by JET_COLUMNID (JET_ColInfoByColid, the default for a
   * number). Other levels: RangeError "info level N is not supported by the binding".
   * A name with JET_ColInfoByColid or a number with another level: TypeError.
   */
  JetGetTableColumnInfo(sesid: bigint, tableid: bigint, szColumnName: string, InfoLevel?: 0): JetColumnInfo;
  JetGetTableColumnInfo(sesid: bigint, tableid: bigint, szColumnName: string, InfoLevel: 4): JetColumnBase;
  JetGetTableColumnInfo(sesid: bigint, tableid: bigint, columnid: number, InfoLevel?: 6): JetColumnInfo;
  /**
   * JET_ColInfoList (1), or JET_ColInfoListSortColumnid (7): every column, sorted by name
   * (or by column id). The name argument is null.
   */
  JetGetTableColumnInfo(sesid: bigint, tableid: bigint, szColumnName: null, InfoLevel: number): JetColumnListEntry[];
  JetGetTableColumnInfo(
    sesid: bigint,
    tableid: bigint,
    column: string | number,
    InfoLevel?: number,
  ): JetColumnInfo | JetColumnBase;
  /**
   * The numeric levels: JET_IdxInfoSpaceAlloc, JET_IdxInfoLCID, JET_IdxInfoCount (the
   * name is ignored and may be null; the table's own order counts as one, then each secondary
   * index), JET_IdxInfoVarSegMac, JET_IdxInfoKeyMost (these name an index: null is
   * JET_errIndexNotFound). Any level the binding does not know: RangeError "info level N is
   * not supported by the binding".
   */
  JetGetTableIndexInfo(sesid: bigint, tableid: bigint, szIndexName: string | null, InfoLevel: 5 | 6 | 7 | 8 | 10): number;
  /**
   * JET_IdxInfo (0: the named index, or all with null) and JET_IdxInfoList (1: all): the
   * indexes with their key columns, sorted by index name.
   */
  JetGetTableIndexInfo(sesid: bigint, tableid: bigint, szIndexName: string | null, InfoLevel: 0 | 1): JetIndexListEntry[];
  JetGetTableIndexInfo(
    sesid: bigint,
    tableid: bigint,
    szIndexName: string | null,
    InfoLevel: number,
  ): number | JetIndexListEntry[];
  /**
   * JET_TblInfo (default): JetObjectInfo. JET_TblInfoName: the table's name.
   * JET_TblInfoDbid: the JET_DBID. JET_TblInfoSpaceAlloc: [initial pages, density].
   * Other levels: RangeError "info level N is not supported by the binding".
   */
  JetGetTableInfo(sesid: bigint, tableid: bigint, InfoLevel?: 0): JetObjectInfo;
  JetGetTableInfo(sesid: bigint, tableid: bigint, InfoLevel: 1): string;
  JetGetTableInfo(sesid: bigint, tableid: bigint, InfoLevel: 2): number;
  JetGetTableInfo(sesid: bigint, tableid: bigint, InfoLevel: 9): [number, number];
  JetGetTableInfo(sesid: bigint, tableid: bigint, InfoLevel?: number): JetObjectInfo | string | number | number[];

  // Schema change and catalog listing.
  /**
   * Like JetCreateIndex2, with JET_INDEXCREATE3_W (space hints are not passed): the Unicode
   * settings are a locale name (`pidxunicode.szLocaleName`, with JET_bitIndexUnicode). An
   * unknown locale is JET_errInvalidLanguageId, map flags outside LCMapString's sort-key
   * flags JET_errInvalidLCMapStringFlags.
   */
  JetCreateIndex4(sesid: bigint, tableid: bigint, pindexcreate: readonly JetIndexCreate3[]): number;
  JetRenameTable(sesid: bigint, dbid: number, szName: string, szNameNew: string): number;
  JetRenameColumn(sesid: bigint, tableid: bigint, szName: string, szNameNew: string, grbit?: number): number;
  JetSetColumnDefaultValue(
    sesid: bigint,
    dbid: number,
    szTableName: string,
    szColumnName: string,
    pvData: JetBytes | null,
    grbit?: number,
  ): number;
  /**
   * JET_ObjInfo / JET_ObjInfoNoStats (0 / 5): one table, named by `szObjectName`.
   * JET_ObjInfoList / JET_ObjInfoListNoStats (2 / 1): every object, read from the
   * JET_OBJECTLIST table (closed again). `szContainerName` null or "Tables".
   */
  JetGetObjectInfo(
    sesid: bigint,
    dbid: number,
    objtyp: number,
    szContainerName: string | null,
    szObjectName: string,
    InfoLevel: 0 | 5,
  ): JetObjectInfo;
  JetGetObjectInfo(
    sesid: bigint,
    dbid: number,
    objtyp: number,
    szContainerName: string | null,
    szObjectName: string | null,
    InfoLevel: 1 | 2,
  ): JetObjectListEntry[];
  JetGetObjectInfo(
    sesid: bigint,
    dbid: number,
    objtyp: number,
    szContainerName: string | null,
    szObjectName: string | null,
    InfoLevel: number,
  ): JetObjectInfo | JetObjectListEntry[];
  /** JET_DbInfoFilename (0): the file's path; other levels: a number. */
  JetGetDatabaseInfo(sesid: bigint, dbid: number, InfoLevel: 0): string;
  JetGetDatabaseInfo(sesid: bigint, dbid: number, InfoLevel: number): number | string;

  // Cursors.
  /** Returns the cursor's JET_TABLEID. */
  JetOpenTable(sesid: bigint, dbid: number, szTableName: string, grbit?: number): bigint;
  JetCloseTable(sesid: bigint, tableid: bigint): number;
  /** Returns the new cursor's JET_TABLEID. */
  JetDupCursor(sesid: bigint, tableid: bigint, grbit?: number): bigint;
  /**
   * `szIndexName` null (or '') selects the primary (clustered) index. `itagSequence`
   * defaults to 1, as JetSetCurrentIndex passes.
   */
  JetSetCurrentIndex4(
    sesid: bigint,
    tableid: bigint,
    szIndexName: string | null,
    grbit?: number,
    itagSequence?: number,
  ): number;
  /**
   * `cRow`: JET_MoveFirst, JET_MoveLast, JET_MoveNext, JET_MovePrevious or any signed
   * 32-bit count. No current record: throws EsentNoCurrentRecordError.
   */
  JetMove(sesid: bigint, tableid: bigint, cRow: number, grbit?: number): number;
  JetMakeKey(sesid: bigint, tableid: bigint, pvData: JetBytes | null, grbit?: number): number;
  /**
   * Returns the JET_ERR: 0 for an exact match, JET_wrnSeekNotEqual (1039) for an inexact
   * one. Nothing found: throws EsentRecordNotFoundError.
   */
  JetSeek(sesid: bigint, tableid: bigint, grbit: number): number;
  JetSetIndexRange(sesid: bigint, tableid: bigint, grbit: number): number;
  /** Records from the current one to the end of the index (or range); `crecMax` 0: no limit. */
  JetIndexRecordCount(sesid: bigint, tableid: bigint, crecMax?: number): number;
  /** The current record's bookmark, of any size. */
  JetGetBookmark(sesid: bigint, tableid: bigint): Buffer;
  JetGotoBookmark(sesid: bigint, tableid: bigint, pvBookmark: JetBytes): number;
  /** The current record's normalized key (JET_bitRetrieveCopy: the key being made). */
  JetRetrieveKey(sesid: bigint, tableid: bigint, grbit?: number): Buffer;
  JetGetRecordPosition(sesid: bigint, tableid: bigint): JetRecordPosition;
  /** Moves to the entry at the fraction centriesLT / centriesTotal of the index. */
  JetGotoPosition(sesid: bigint, tableid: bigint, precpos: JetRecordPositionTarget): number;
  /** JET_bitReadLock or JET_bitWriteLock on the current record, inside a transaction. */
  JetGetLock(sesid: bigint, tableid: bigint, grbit: number): number;

  // Records.
  /** `prep`: a JET_prep* value. */
  JetPrepareUpdate(sesid: bigint, tableid: bigint, prep: number): number;
  /** `pvData` null (with no grbit) sets the column to NULL. */
  JetSetColumn(
    sesid: bigint,
    tableid: bigint,
    columnid: number,
    pvData: JetBytes | null,
    grbit?: number,
    psetinfo?: JetSetInfo | null,
  ): number;
  /** Returns the JET_ERR; each entry object gets its `err` written back, as in C. */
  JetSetColumns(sesid: bigint, tableid: bigint, psetcolumn: readonly JetSetColumnSpec[]): number;
  /**
   * Completes the prepared update and returns the record's bookmark. Warnings are not
   * returned. The bookmark buffer is larger than any bookmark ESE makes, since an update
   * cannot be repeated to read one that did not fit.
   */
  JetUpdate2(sesid: bigint, tableid: bigint, grbit?: number): Buffer;
  JetDelete(sesid: bigint, tableid: bigint): number;
  /**
   * One column value of the current record (or of the copy being prepared, with
   * JET_bitRetrieveCopy). `cbMax` limits the bytes returned (0 asks only for the size:
   * `value` is empty and `cbActual` the size). See JetRetrievedValue.
   */
  JetRetrieveColumn(
    sesid: bigint,
    tableid: bigint,
    columnid: number,
    grbit?: number,
    pretinfo?: JetRetInfo | null,
    cbMax?: number | null,
  ): JetRetrievedValue;
  /**
   * Several values in one call; results in the order asked. Entries without `cbData`
   * always come back whole. A per-entry error (negative `err`) gives `value` null.
   */
  JetRetrieveColumns(
    sesid: bigint,
    tableid: bigint,
    pretrievecolumn: readonly JetRetrieveColumnSpec[],
  ): JetRetrievedColumn[];
  /**
   * Adds `delta` to an escrow column and returns the value before: a number delta is
   * 32-bit (JET_coltypLong columns) and gives a number; a bigint delta is 64-bit
   * (JET_coltypLongLong) and gives a bigint.
   */
  JetEscrowUpdate(sesid: bigint, tableid: bigint, columnid: number, delta: number, grbit?: number): number;
  JetEscrowUpdate(sesid: bigint, tableid: bigint, columnid: number, delta: bigint, grbit?: number): bigint;
}
