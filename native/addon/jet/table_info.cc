// Information about a table, its columns and its indexes.
#include "jet_helpers.h"
#include "list_tables.h"

#include <cstring>
#include <string>

namespace esent {
namespace raw {
namespace {

[[noreturn]] void UnsupportedLevel(const Arguments &args, jet::ULong level) {
  args.ThrowRange("info level " + std::to_string(level) + " is not supported by the binding");
}

// JET_ColInfoList (with JET_ColInfoGrbitSortByColumnid in the level's high bits, or
// JET_ColInfoListSortColumnid): every column, from the JET_COLUMNLIST table.
constexpr jet::ULong kColInfoListSortColumnid = 7;
constexpr jet::ULong kColInfoGrbitSortByColumnid = 0x20000000;

Napi::Value ColumnList(Napi::Env env, const EngineTable &engine, const char *operation, jet::Sesid sesid,
                       jet::Tableid tableid, jet::ULong level) {
  jet::ColumnList list{};
  list.cbStruct = sizeof list;
  jet::Err err = ENTRY(GetTableColumnInfoW)(sesid, tableid, nullptr, &list, sizeof list, level);
  if (err < 0) ThrowJetError(env, err, operation);
  return ReadListTable(env, engine, sesid, list.tableid,
                       {{"szColumnName", list.columnidcolumnname, ListValue::kText},
                        {"columnid", list.columnidcolumnid, ListValue::kLong},
                        {"coltyp", list.columnidcoltyp, ListValue::kLong},
                        {"cp", list.columnidCp, ListValue::kShort},
                        {"cbMax", list.columnidcbMax, ListValue::kLong},
                        {"grbit", list.columnidgrbit, ListValue::kULong},
                        {"pvDefault", list.columnidDefault, ListValue::kBytes}},
                       operation);
}

Napi::Value JetGetTableColumnInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetTableColumnInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  if (info[2].IsNull() || info[2].IsUndefined()) {
    jet::ULong level = RequiredUInt32(args, 3, "InfoLevel");
    jet::ULong base = level & 0x0FFFFFFF;
    if (base != jet::info::ColInfoList && base != kColInfoListSortColumnid) {
      args.ThrowType("a null column name needs JET_ColInfoList");
    }
    (void)kColInfoGrbitSortByColumnid;
    return ColumnList(env, RequireEngine(env), operation, sesid, tableid, level);
  }
  bool byColumnid = info[2].IsNumber();
  std::u16string name;
  jet::Columnid columnid = 0;
  if (byColumnid) {
    columnid = args.UInt32(2, "szColumnName");
  } else if (info[2].IsString()) {
    args.String(2, "szColumnName", false, &name);
  } else {
    args.ThrowType(std::string("'szColumnName' must be a string or a columnid number, got ") + ValueKind(info[2]));
  }
  jet::ULong level = args.UInt32(3, "InfoLevel", byColumnid ? jet::info::ColInfoByColid : jet::info::ColInfo);
  if (level != jet::info::ColInfo && level != jet::info::ColInfoByColid && level != jet::info::ColInfoBase) {
    UnsupportedLevel(args, level);
  }
  // JET_ColInfoByColid reinterprets the name argument as a JET_COLUMNID*, so the kind of
  // the argument must match the level.
  if (byColumnid != (level == jet::info::ColInfoByColid)) {
    args.ThrowType(byColumnid ? "a columnid number needs JET_ColInfoByColid"
                              : "JET_ColInfoByColid needs a columnid number, not a name");
  }
  const jet::WChar *key = byColumnid ? reinterpret_cast<const jet::WChar *>(&columnid) : AsWide(name);
  const EngineTable &engine = RequireEngine(env);
  Napi::Object result = Napi::Object::New(env);
  if (level == jet::info::ColInfoBase) {
    jet::ColumnBaseW base{};
    base.cbStruct = sizeof base;
    jet::Err err = ENTRY(GetTableColumnInfoW)(sesid, tableid, key, &base, sizeof base, level);
    if (err < 0) ThrowJetError(env, err, operation);
    result.Set("columnid", Number(env, base.columnid));
    result.Set("coltyp", Number(env, base.coltyp));
    result.Set("wCountry", Number(env, base.wCountry));
    result.Set("langid", Number(env, base.langid));
    result.Set("cp", Number(env, base.cp));
    result.Set("cbMax", Number(env, base.cbMax));
    result.Set("grbit", Number(env, base.grbit));
    result.Set("szBaseTableName", Napi::String::New(env, WideToU16(base.szBaseTableName, 256)));
    result.Set("szBaseColumnName", Napi::String::New(env, WideToU16(base.szBaseColumnName, 256)));
    return result;
  }
  jet::ColumnDef def{};
  def.cbStruct = sizeof def;
  jet::Err err = ENTRY(GetTableColumnInfoW)(sesid, tableid, key, &def, sizeof def, level);
  if (err < 0) ThrowJetError(env, err, operation);
  result.Set("columnid", Number(env, def.columnid));
  result.Set("coltyp", Number(env, def.coltyp));
  result.Set("wCountry", Number(env, def.wCountry));
  result.Set("langid", Number(env, def.langid));
  result.Set("cp", Number(env, def.cp));
  result.Set("wCollate", Number(env, def.wCollate));
  result.Set("cbMax", Number(env, def.cbMax));
  result.Set("grbit", Number(env, def.grbit));
  return result;
}

Napi::Value JetGetTableIndexInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetTableIndexInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  bool hasName = args.String(2, "szIndexName", true, &name);
  jet::ULong level = RequiredUInt32(args, 3, "InfoLevel");
  if (level == jet::info::IdxInfo || level == jet::info::IdxInfoList) {
    // One row per key column of each index: grouped here into one entry per index.
    const EngineTable &engine = RequireEngine(env);
    jet::IndexList list{};
    list.cbStruct = sizeof list;
    jet::Err err = ENTRY(GetTableIndexInfoW)(sesid, tableid, OptionalWide(hasName, name), &list, sizeof list, level);
    if (err < 0) ThrowJetError(env, err, operation);
    Napi::Array rows = ReadListTable(env, engine, sesid, list.tableid,
                                     {{"szIndexName", list.columnidindexname, ListValue::kText},
                                      {"grbitIndex", list.columnidgrbitIndex, ListValue::kULong},
                                      {"cKey", list.columnidcKey, ListValue::kLong},
                                      {"cEntry", list.columnidcEntry, ListValue::kLong},
                                      {"cPage", list.columnidcPage, ListValue::kLong},
                                      {"cColumn", list.columnidcColumn, ListValue::kLong},
                                      {"columnid", list.columnidcolumnid, ListValue::kLong},
                                      {"coltyp", list.columnidcoltyp, ListValue::kLong},
                                      {"cp", list.columnidCp, ListValue::kShort},
                                      {"grbitColumn", list.columnidgrbitColumn, ListValue::kULong},
                                      {"szColumnName", list.columnidcolumnname, ListValue::kText},
                                      {"LCMapFlags", list.columnidLCMapFlags, ListValue::kULong}},
                                     operation);
    Napi::Array indexes = Napi::Array::New(env);
    Napi::Object current;
    std::u16string currentName;
    for (uint32_t i = 0; i < rows.Length(); ++i) {
      Napi::Object row = rows.Get(i).As<Napi::Object>();
      std::u16string indexName = row.Get("szIndexName").As<Napi::String>().Utf16Value();
      if (current.IsEmpty() || indexName != currentName) {
        current = Napi::Object::New(env);
        currentName = indexName;
        for (const char *key : {"szIndexName", "grbitIndex", "cKey", "cEntry", "cPage", "LCMapFlags"}) {
          current.Set(key, row.Get(key));
        }
        current.Set("columns", Napi::Array::New(env));
        indexes.Set(indexes.Length(), current);
      }
      Napi::Object column = Napi::Object::New(env);
      for (const char *key : {"szColumnName", "columnid", "coltyp", "cp", "grbitColumn"}) column.Set(key, row.Get(key));
      Napi::Array columns = current.Get("columns").As<Napi::Array>();
      columns.Set(columns.Length(), column);
    }
    return indexes;
  }
  // The numeric levels.
  jet::ULong size;
  switch (level) {
    case jet::info::IdxInfoSpaceAlloc:
    case jet::info::IdxInfoLCID:
    case jet::info::IdxInfoCount: size = sizeof(std::uint32_t); break;
    case jet::info::IdxInfoVarSegMac:
    case jet::info::IdxInfoKeyMost: size = sizeof(std::uint16_t); break;
    default: UnsupportedLevel(args, level);
  }
  const EngineTable &engine = RequireEngine(env);
  alignas(8) unsigned char value[8] = {};
  jet::Err err = ENTRY(GetTableIndexInfoW)(sesid, tableid, OptionalWide(hasName, name), value, size, level);
  if (err < 0) ThrowJetError(env, err, operation);
  if (size == sizeof(std::uint16_t)) {
    std::uint16_t v;
    std::memcpy(&v, value, sizeof v);
    return Number(env, v);
  }
  std::uint32_t v;
  std::memcpy(&v, value, sizeof v);
  return Number(env, v);
}

Napi::Value JetGetTableInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetTableInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::ULong level = args.UInt32(2, "InfoLevel", jet::info::TblInfo);
  if (level != jet::info::TblInfo && level != jet::info::TblInfoName && level != jet::info::TblInfoDbid &&
      level != jet::info::TblInfoSpaceAlloc) {
    UnsupportedLevel(args, level);
  }
  const EngineTable &engine = RequireEngine(env);
  if (level == jet::info::TblInfo) {
    jet::ObjectInfo object{};
    object.cbStruct = sizeof object;
    jet::Err err = ENTRY(GetTableInfoW)(sesid, tableid, &object, sizeof object, level);
    if (err < 0) ThrowJetError(env, err, operation);
    Napi::Object result = Napi::Object::New(env);
    result.Set("objtyp", Number(env, object.objtyp));
    result.Set("grbit", Number(env, object.grbit));
    result.Set("flags", Number(env, object.flags));
    result.Set("cRecord", Number(env, object.cRecord));
    result.Set("cPage", Number(env, object.cPage));
    return result;
  }
  if (level == jet::info::TblInfoName) {
    // Table names are at most 64 characters; the rest is room for a terminator and more.
    jet::WChar text[256] = {};
    jet::Err err = ENTRY(GetTableInfoW)(sesid, tableid, text, sizeof text - sizeof(jet::WChar), level);
    if (err < 0) ThrowJetError(env, err, operation);
    return Napi::String::New(env, WideToU16(text, 255));
  }
  // JET_TblInfoDbid fills two JET_DBIDs (the same one twice); JET_TblInfoSpaceAlloc two
  // ULONGs (initial pages, density).
  std::uint32_t pair[2] = {0, 0};
  jet::Err err = ENTRY(GetTableInfoW)(sesid, tableid, pair, sizeof pair, level);
  if (err < 0) ThrowJetError(env, err, operation);
  if (level == jet::info::TblInfoDbid) return Number(env, pair[0]);
  Napi::Array result = Napi::Array::New(env, 2);
  result.Set(0u, Number(env, pair[0]));
  result.Set(1u, Number(env, pair[1]));
  return result;
}

Napi::Value ObjectInfo(Napi::Env env, const jet::ObjectInfo &object) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("objtyp", Number(env, object.objtyp));
  result.Set("grbit", Number(env, object.grbit));
  result.Set("flags", Number(env, object.flags));
  result.Set("cRecord", Number(env, object.cRecord));
  result.Set("cPage", Number(env, object.cPage));
  return result;
}

Napi::Value JetGetObjectInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetObjectInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 6, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  jet::ULong objtyp = RequiredUInt32(args, 2, "objtyp");
  std::u16string container, object;
  bool hasContainer = args.String(3, "szContainerName", true, &container);
  bool hasObject = args.String(4, "szObjectName", true, &object);
  jet::ULong level = RequiredUInt32(args, 5, "InfoLevel");
  if (level != jet::info::ObjInfo && level != jet::info::ObjInfoNoStats && level != jet::info::ObjInfoList &&
      level != jet::info::ObjInfoListNoStats) {
    UnsupportedLevel(args, level);
  }
  const EngineTable &engine = RequireEngine(env);
  if (level == jet::info::ObjInfo || level == jet::info::ObjInfoNoStats) {
    jet::ObjectInfo result{};
    result.cbStruct = sizeof result;
    jet::Err err = ENTRY(GetObjectInfoW)(sesid, dbid, objtyp, OptionalWide(hasContainer, container),
                                         OptionalWide(hasObject, object), &result, sizeof result, level);
    if (err < 0) ThrowJetError(env, err, operation);
    return ObjectInfo(env, result);
  }
  jet::ObjectList list{};
  list.cbStruct = sizeof list;
  jet::Err err = ENTRY(GetObjectInfoW)(sesid, dbid, objtyp, OptionalWide(hasContainer, container),
                                       OptionalWide(hasObject, object), &list, sizeof list, level);
  if (err < 0) ThrowJetError(env, err, operation);
  return ReadListTable(env, engine, sesid, list.tableid,
                       {{"szContainerName", list.columnidcontainername, ListValue::kText},
                        {"szObjectName", list.columnidobjectname, ListValue::kText},
                        {"objtyp", list.columnidobjtyp, ListValue::kLong},
                        {"grbit", list.columnidgrbit, ListValue::kULong},
                        {"flags", list.columnidflags, ListValue::kULong},
                        {"cRecord", list.columnidcRecord, ListValue::kLong},
                        {"cPage", list.columnidcPage, ListValue::kLong}},
                       operation);
}

}  // namespace

void RegisterTableInfo(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetGetObjectInfo)
  ESENT_EXPORT_JET(jet, JetGetTableColumnInfo)
  ESENT_EXPORT_JET(jet, JetGetTableIndexInfo)
  ESENT_EXPORT_JET(jet, JetGetTableInfo)
}

}  // namespace raw
}  // namespace esent
