// The data half of `jet`: databases, tables, columns, indexes, cursors and records, one
// synchronous function per Jet entry point, named without the W suffix. Same rules as
// raw_api.cc: values of the wrong kind are TypeError/RangeError here, everything else goes
// to the engine unchanged, negative JET_ERRs throw their typed error, and nothing is done
// with session contexts.
#include "raw_data_api.h"

#include <cstring>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "arguments.h"
#include "column_buffers.h"
#include "engine_access.h"

namespace esent {
namespace {

Napi::Value Checked(Napi::Env env, jet::Err err, const char *operation) {
  if (err < 0) ThrowJetError(env, err, operation);
  return Napi::Number::New(env, err);
}

// The typed error for `err`, with the per-entry results of an array call attached so that
// a caller can tell which column or index was refused.
[[noreturn]] void ThrowWithEntries(Napi::Env env, jet::Err err, const char *operation,
                                   std::initializer_list<std::pair<const char *, Napi::Value>> extras) {
  Napi::Value error = MakeJetError(env, err, operation);
  if (error.IsObject()) {
    Napi::Object object = error.As<Napi::Object>();
    for (const auto &extra : extras) object.Set(extra.first, extra.second);
  }
  throw Napi::Error(env, error);
}

Napi::Value Number(Napi::Env env, double value) { return Napi::Number::New(env, value); }

std::u16string WideToU16(const jet::WChar *text, size_t capacity) {
  size_t length = 0;
  while (length < capacity && text[length] != 0) ++length;
  return std::u16string(reinterpret_cast<const char16_t *>(text), length);
}

// An optional string argument: absent or null gives a null pointer to the engine.
const jet::WChar *OptionalWide(bool present, const std::u16string &text) { return present ? AsWide(text) : nullptr; }

#define ENTRY(name) RequireEntryPoint(env, engine.name, operation, "Jet" #name)

// ---- databases ---------------------------------------------------------------------------

Napi::Value JetCreateDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateDatabase2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  args.String(1, "szFilename", false, &file);
  jet::ULong cpgMax = args.UInt32(2, "cpgDatabaseSizeMax", 0);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Dbid dbid = jet::dbidNil;
  jet::Err err = ENTRY(CreateDatabase2W)(sesid, AsWide(file), cpgMax, &dbid, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, dbid);
}

Napi::Value JetAttachDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetAttachDatabase2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  args.String(1, "szFilename", false, &file);
  jet::ULong cpgMax = args.UInt32(2, "cpgDatabaseSizeMax", 0);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(AttachDatabase2W)(sesid, AsWide(file), cpgMax, grbit), operation);
}

Napi::Value JetOpenDatabase(const Napi::CallbackInfo &info) {
  const char *operation = "JetOpenDatabase";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file, connect;
  args.String(1, "szFilename", false, &file);
  bool hasConnect = args.String(2, "szConnect", true, &connect);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Dbid dbid = jet::dbidNil;
  jet::Err err = ENTRY(OpenDatabaseW)(sesid, AsWide(file), OptionalWide(hasConnect, connect), &dbid, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, dbid);
}

Napi::Value JetCloseDatabase(const Napi::CallbackInfo &info) {
  const char *operation = "JetCloseDatabase";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CloseDatabase)(sesid, dbid, grbit), operation);
}

Napi::Value JetDetachDatabase2(const Napi::CallbackInfo &info) {
  const char *operation = "JetDetachDatabase2";
  Napi::Env env = info.Env();
  // The file name is required as an argument but may be null: null detaches every
  // database of the session's instance, which should never happen by omission.
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  std::u16string file;
  bool hasFile = args.String(1, "szFilename", true, &file);
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(DetachDatabase2W)(sesid, OptionalWide(hasFile, file), grbit), operation);
}

// ---- table, column and index definitions -------------------------------------------------

// Everything the JET structures built from one call point into; deques keep addresses
// stable while entries are added.
struct DefinitionStorage {
  std::deque<std::u16string> strings;
  std::deque<jet::UnicodeIndex> unicode;
  std::deque<jet::TupleLimits> tuples;
  std::deque<std::vector<jet::ConditionalColumnW>> conditionals;

  jet::WChar *Keep(std::u16string text) {
    strings.push_back(std::move(text));
    return const_cast<jet::WChar *>(AsWide(strings.back()));
  }
};

// szKey: either ESE's own form (strings each ending in NUL, then one more NUL) or an array
// of "+column" / "-column" strings that is joined into that form here.
std::u16string IndexKey(const Arguments &args, const Fields &fields) {
  Napi::Value key = fields.Get("szKey");
  std::u16string out;
  if (key.IsString()) {
    out = key.As<Napi::String>().Utf16Value();
    // Both terminators are ensured so that "+a" and "+a\0" mean what "+a\0\0" means.
    if (out.empty() || out.back() != u'\0') out.push_back(u'\0');
    if (out.size() < 2 || out[out.size() - 2] != u'\0') out.push_back(u'\0');
    return out;
  }
  if (!key.IsArray()) {
    args.ThrowType("'" + fields.PathOf("szKey") + "' must be a string or an array of strings, got " + ValueKind(key));
  }
  Napi::Array parts = key.As<Napi::Array>();
  for (uint32_t i = 0; i < parts.Length(); ++i) {
    Napi::Value part = parts.Get(i);
    std::string path = fields.PathOf("szKey") + "[" + std::to_string(i) + "]";
    if (!part.IsString()) args.ThrowType("'" + path + "' must be a string, got " + ValueKind(part));
    std::u16string text = part.As<Napi::String>().Utf16Value();
    if (text.empty()) args.ThrowType("'" + path + "' must not be empty");
    if (text.find(u'\0') != std::u16string::npos) args.ThrowType("'" + path + "' must not contain NUL characters");
    out += text;
    out.push_back(u'\0');
  }
  out.push_back(u'\0');
  if (out.size() < 2) out.push_back(u'\0');
  return out;
}

// Fills a JET_INDEXCREATE_W or JET_INDEXCREATE2_W (same leading fields) from an object.
template <typename IndexCreate>
void ReadIndexCreate(const Arguments &args, const Napi::Value &value, const std::string &path,
                     DefinitionStorage &storage, IndexCreate *out) {
  Fields fields(args, value, path);
  *out = IndexCreate{};
  out->cbStruct = sizeof(IndexCreate);
  std::u16string name;
  fields.String("szIndexName", false, &name);
  out->szIndexName = storage.Keep(std::move(name));
  std::u16string key = IndexKey(args, fields);
  out->cbKey = static_cast<jet::ULong>(key.size() * sizeof(jet::WChar));
  out->szKey = storage.Keep(std::move(key));
  out->grbit = fields.UInt32("grbit", 0);
  out->ulDensity = fields.UInt32("ulDensity", 0);

  // The unions hold a pointer when the matching grbit is set; a number in their place
  // would be dereferenced by the engine, so bit and structure must come together.
  bool unicodeBit = (out->grbit & jet::bit::IndexUnicode) != 0;
  if (fields.Has("pidxunicode")) {
    if (!unicodeBit) args.ThrowType("'" + fields.PathOf("pidxunicode") + "' needs JET_bitIndexUnicode in grbit");
    if (fields.Has("lcid")) args.ThrowType("'" + path + "' has both lcid and pidxunicode");
    Fields unicode(args, fields.Get("pidxunicode"), fields.PathOf("pidxunicode"));
    storage.unicode.push_back(jet::UnicodeIndex{unicode.RequiredUInt32("lcid"), unicode.UInt32("dwMapFlags", 0)});
    out->pidxunicode = &storage.unicode.back();
  } else if (unicodeBit) {
    args.ThrowType("'" + path + "' sets JET_bitIndexUnicode without pidxunicode");
  } else {
    out->lcid = fields.UInt32("lcid", 0);
  }

  bool tupleBit = (out->grbit & jet::bit::IndexTupleLimits) != 0;
  if (fields.Has("ptuplelimits")) {
    if (!tupleBit) args.ThrowType("'" + fields.PathOf("ptuplelimits") + "' needs JET_bitIndexTupleLimits in grbit");
    if (fields.Has("cbVarSegMac")) args.ThrowType("'" + path + "' has both cbVarSegMac and ptuplelimits");
    Fields tuple(args, fields.Get("ptuplelimits"), fields.PathOf("ptuplelimits"));
    storage.tuples.push_back(jet::TupleLimits{tuple.RequiredUInt32("chLengthMin"), tuple.RequiredUInt32("chLengthMax"),
                                              tuple.RequiredUInt32("chToIndexMax"), tuple.UInt32("cchIncrement", 0),
                                              tuple.UInt32("ichStart", 0)});
    out->ptuplelimits = &storage.tuples.back();
  } else if (tupleBit) {
    args.ThrowType("'" + path + "' sets JET_bitIndexTupleLimits without ptuplelimits");
  } else {
    out->cbVarSegMac = fields.UInt32("cbVarSegMac", 0);
  }

  if (fields.Has("rgconditionalcolumn")) {
    std::string listPath = fields.PathOf("rgconditionalcolumn");
    Napi::Array list = RequireArray(args, fields.Get("rgconditionalcolumn"), listPath);
    storage.conditionals.emplace_back();
    std::vector<jet::ConditionalColumnW> &conditionals = storage.conditionals.back();
    for (uint32_t i = 0; i < list.Length(); ++i) {
      Fields entry(args, list.Get(i), listPath + "[" + std::to_string(i) + "]");
      std::u16string column;
      entry.String("szColumnName", false, &column);
      jet::ConditionalColumnW conditional{};
      conditional.cbStruct = sizeof conditional;
      conditional.szColumnName = storage.Keep(std::move(column));
      conditional.grbit = entry.UInt32("grbit", 0);
      conditionals.push_back(conditional);
    }
    out->rgconditionalcolumn = conditionals.empty() ? nullptr : conditionals.data();
    out->cConditionalColumn = static_cast<jet::ULong>(conditionals.size());
  }
  out->err = 0;
  out->cbKeyMost = fields.UInt32("cbKeyMost", 0);
}

Napi::Value JetCreateTableColumnIndex3(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateTableColumnIndex3";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  Fields table(args, info[2], "tablecreate");
  DefinitionStorage storage;

  jet::TableCreate3W create{};
  create.cbStruct = sizeof create;
  std::u16string name, templateName;
  table.String("szTableName", false, &name);
  create.szTableName = storage.Keep(std::move(name));
  if (table.String("szTemplateTableName", true, &templateName)) create.szTemplateTableName = storage.Keep(templateName);
  create.ulPages = table.UInt32("ulPages", 0);
  create.ulDensity = table.UInt32("ulDensity", 0);
  create.grbit = table.UInt32("grbit", 0);
  create.tableid = jet::tableidNil;

  // Columns: all fields (and so any user getters) are read before any buffer pointer is
  // taken, so no JavaScript can run between taking a pointer and the call.
  std::vector<jet::ColumnCreateW> columns;
  std::vector<Napi::Value> defaults;
  if (table.Has("rgcolumncreate")) {
    Napi::Array list = RequireArray(args, table.Get("rgcolumncreate"), "tablecreate.rgcolumncreate");
    // Sized as entries are read, never from `length` alone (a sparse array may claim 2^32-1).
    for (uint32_t i = 0; i < list.Length(); ++i) {
      Fields column(args, list.Get(i), "tablecreate.rgcolumncreate[" + std::to_string(i) + "]");
      columns.emplace_back();
      jet::ColumnCreateW &c = columns.back();
      c.cbStruct = sizeof c;
      std::u16string columnName;
      column.String("szColumnName", false, &columnName);
      c.szColumnName = storage.Keep(std::move(columnName));
      c.coltyp = column.RequiredUInt32("coltyp");
      c.cbMax = column.UInt32("cbMax", 0);
      c.grbit = column.UInt32("grbit", 0);
      c.cp = column.UInt32("cp", 0);
      defaults.push_back(column.Get("pvDefault"));
    }
  }
  std::vector<jet::IndexCreate2W> indexes;
  if (table.Has("rgindexcreate")) {
    Napi::Array list = RequireArray(args, table.Get("rgindexcreate"), "tablecreate.rgindexcreate");
    for (uint32_t i = 0; i < list.Length(); ++i) {
      indexes.emplace_back();
      ReadIndexCreate(args, list.Get(i), "tablecreate.rgindexcreate[" + std::to_string(i) + "]", storage,
                      &indexes.back());
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    Bytes value = ReadBytes(args, defaults[i], "tablecreate.rgcolumncreate[" + std::to_string(i) + "].pvDefault", true);
    columns[i].pvDefault = value.present ? const_cast<void *>(value.data) : nullptr;
    columns[i].cbDefault = value.length;
  }
  create.rgcolumncreate = columns.empty() ? nullptr : columns.data();
  create.cColumns = static_cast<jet::ULong>(columns.size());
  create.rgindexcreate = indexes.empty() ? nullptr : indexes.data();
  create.cIndexes = static_cast<jet::ULong>(indexes.size());

  const EngineTable &engine = RequireEngine(env);
  jet::Err err = ENTRY(CreateTableColumnIndex3W)(sesid, dbid, &create);

  Napi::Array columnids = Napi::Array::New(env, columns.size());
  Napi::Array columnErrors = Napi::Array::New(env, columns.size());
  Napi::Array indexErrors = Napi::Array::New(env, indexes.size());
  for (uint32_t i = 0; i < columns.size(); ++i) {
    columnids.Set(i, Number(env, columns[i].columnid));
    columnErrors.Set(i, Number(env, columns[i].err));
  }
  for (uint32_t i = 0; i < indexes.size(); ++i) indexErrors.Set(i, Number(env, indexes[i].err));
  if (err < 0) {
    ThrowWithEntries(env, err, operation,
                     {{"columnErrors", columnErrors}, {"indexErrors", indexErrors},
                      {"cCreated", Number(env, create.cCreated)}});
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("tableid", HandleToBigInt(env, create.tableid));
  result.Set("cCreated", Number(env, create.cCreated));
  result.Set("columnids", columnids);
  result.Set("columnErrors", columnErrors);
  result.Set("indexErrors", indexErrors);
  result.Set("err", Number(env, err));
  return result;
}

Napi::Value JetCreateTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string name;
  args.String(2, "szTableName", false, &name);
  jet::ULong pages = args.UInt32(3, "lPages", 0);
  jet::ULong density = args.UInt32(4, "lDensity", 0);
  const EngineTable &engine = RequireEngine(env);
  jet::Tableid tableid = jet::tableidNil;
  jet::Err err = ENTRY(CreateTableW)(sesid, dbid, AsWide(name), pages, density, &tableid);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, tableid);
}

Napi::Value JetDeleteTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetDeleteTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string name;
  args.String(2, "szTableName", false, &name);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(DeleteTableW)(sesid, dbid, AsWide(name)), operation);
}

Napi::Value JetAddColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetAddColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  args.String(2, "szColumnName", false, &name);
  Fields fields(args, info[3], "columndef");
  jet::ColumnDef def{};
  def.cbStruct = sizeof def;
  def.coltyp = fields.RequiredUInt32("coltyp");
  def.wCountry = fields.UInt16("wCountry", 0);
  def.langid = fields.UInt16("langid", 0);
  def.cp = fields.UInt16("cp", 0);
  def.wCollate = fields.UInt16("wCollate", 0);
  def.cbMax = fields.UInt32("cbMax", 0);
  def.grbit = fields.UInt32("grbit", 0);
  Bytes value = ReadBytes(args, args.Count() > 4 ? info[4] : env.Undefined(), "pvDefault", true);
  const EngineTable &engine = RequireEngine(env);
  jet::Columnid columnid = 0;
  jet::Err err = ENTRY(AddColumnW)(sesid, tableid, AsWide(name), &def, value.present ? value.data : nullptr,
                                   value.length, &columnid);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, columnid);
}

Napi::Value JetDeleteColumn2(const Napi::CallbackInfo &info) {
  const char *operation = "JetDeleteColumn2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  args.String(2, "szColumnName", false, &name);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(DeleteColumn2W)(sesid, tableid, AsWide(name), grbit), operation);
}

Napi::Value JetCreateIndex2(const Napi::CallbackInfo &info) {
  const char *operation = "JetCreateIndex2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "pindexcreate");
  DefinitionStorage storage;
  std::vector<jet::IndexCreateW> indexes;
  for (uint32_t i = 0; i < list.Length(); ++i) {
    indexes.emplace_back();
    ReadIndexCreate(args, list.Get(i), "pindexcreate[" + std::to_string(i) + "]", storage, &indexes.back());
  }
  const EngineTable &engine = RequireEngine(env);
  jet::Err err = ENTRY(CreateIndex2W)(sesid, tableid, indexes.empty() ? nullptr : indexes.data(),
                                      static_cast<jet::ULong>(indexes.size()));
  // As C callers read JET_INDEXCREATE_W.err after the call, each entry object gets `err`.
  Napi::Array errors = Napi::Array::New(env, indexes.size());
  for (uint32_t i = 0; i < indexes.size(); ++i) {
    errors.Set(i, Number(env, indexes[i].err));
    Napi::Value entry = list.Get(i);
    if (entry.IsObject()) entry.As<Napi::Object>().Set("err", Number(env, indexes[i].err));
  }
  if (err < 0) ThrowWithEntries(env, err, operation, {{"indexErrors", errors}});
  return Number(env, err);
}

Napi::Value JetDeleteIndex(const Napi::CallbackInfo &info) {
  const char *operation = "JetDeleteIndex";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  args.String(2, "szIndexName", false, &name);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(DeleteIndexW)(sesid, tableid, AsWide(name)), operation);
}

// ---- information -------------------------------------------------------------------------

[[noreturn]] void UnsupportedLevel(const Arguments &args, jet::ULong level) {
  args.ThrowRange("info level " + std::to_string(level) + " is not supported by the binding");
}

Napi::Value JetGetTableColumnInfo(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetTableColumnInfo";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
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
  // The numeric levels; the list levels hand back temporary tables, which the binding
  // does not expose.
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

// ---- cursors -----------------------------------------------------------------------------

Napi::Value JetOpenTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetOpenTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string name;
  args.String(2, "szTableName", false, &name);
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  jet::Tableid tableid = jet::tableidNil;
  jet::Err err = ENTRY(OpenTableW)(sesid, dbid, AsWide(name), nullptr, 0, grbit, &tableid);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, tableid);
}

Napi::Value JetCloseTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetCloseTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(CloseTable)(sesid, tableid), operation);
}

Napi::Value JetDupCursor(const Napi::CallbackInfo &info) {
  const char *operation = "JetDupCursor";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  jet::Tableid duplicate = jet::tableidNil;
  jet::Err err = ENTRY(DupCursor)(sesid, tableid, &duplicate, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return HandleToBigInt(env, duplicate);
}

Napi::Value JetSetCurrentIndex4(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetCurrentIndex4";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name;
  bool hasName = args.String(2, "szIndexName", true, &name);
  jet::Grbit grbit = args.Grbit(3);
  // 1 is what JetSetCurrentIndex and JetSetCurrentIndex2/3 pass: the first value.
  jet::ULong itag = args.UInt32(4, "itagSequence", 1);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(SetCurrentIndex4W)(sesid, tableid, OptionalWide(hasName, name), nullptr, grbit, itag),
                 operation);
}

Napi::Value JetMove(const Napi::CallbackInfo &info) {
  const char *operation = "JetMove";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::int32_t rows = args.Int32(2, "cRow");
  jet::Grbit grbit = args.Grbit(3);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Move)(sesid, tableid, rows, grbit), operation);
}

Napi::Value JetMakeKey(const Napi::CallbackInfo &info) {
  const char *operation = "JetMakeKey";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(3);
  Bytes data = ReadBytes(args, info[2], "pvData", true);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(MakeKey)(sesid, tableid, data.present ? data.data : nullptr, data.length, grbit),
                 operation);
}

Napi::Value JetSeek(const Napi::CallbackInfo &info) {
  const char *operation = "JetSeek";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = RequiredUInt32(args, 2, "grbit");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Seek)(sesid, tableid, grbit), operation);
}

Napi::Value JetSetIndexRange(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetIndexRange";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = RequiredUInt32(args, 2, "grbit");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(SetIndexRange)(sesid, tableid, grbit), operation);
}

Napi::Value JetIndexRecordCount(const Napi::CallbackInfo &info) {
  const char *operation = "JetIndexRecordCount";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::ULong most = args.UInt32(2, "crecMax", 0);
  const EngineTable &engine = RequireEngine(env);
  jet::ULong count = 0;
  jet::Err err = ENTRY(IndexRecordCount)(sesid, tableid, &count, most);
  if (err < 0) ThrowJetError(env, err, operation);
  return Number(env, count);
}

// Reads a variable-size out value (a bookmark or a key) with `call(buffer, cbMax, &cbActual)`:
// into the scratch buffer first, and again into a bigger one while the engine reports the
// buffer as too small, by error or by warning.
template <typename Call>
Napi::Value ReadVariable(Napi::Env env, const char *operation, jet::ULong first, Call call) {
  jet::ULong capacity = first;
  std::vector<unsigned char> heap;
  for (int round = 0;; ++round) {
    unsigned char *buffer = capacity <= kScratchSize ? Scratch() : (heap.resize(capacity), heap.data());
    jet::ULong actual = 0;
    jet::Err err = call(buffer, capacity, &actual);
    bool tooSmall = err == jet::err::BufferTooSmall || err == jet::wrn::BufferTruncated;
    if (tooSmall && round < 8 && capacity < 0x7FFFFFFFu) {
      capacity = actual > capacity ? actual : capacity * 2;
      continue;
    }
    if (err < 0) ThrowJetError(env, err, operation);
    return CopyToBuffer(env, buffer, actual < capacity ? actual : capacity);
  }
}

Napi::Value JetGetBookmark(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetBookmark";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(GetBookmark);
  return ReadVariable(env, operation, jet::cbBookmarkMost, [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    return fn(sesid, tableid, buffer, size, actual);
  });
}

Napi::Value JetGotoBookmark(const Napi::CallbackInfo &info) {
  const char *operation = "JetGotoBookmark";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Bytes bookmark = ReadBytes(args, info[2], "pvBookmark", false);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(GotoBookmark)(sesid, tableid, const_cast<void *>(bookmark.data), bookmark.length),
                 operation);
}

Napi::Value JetRetrieveKey(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveKey";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveKey);
  // The scratch buffer is larger than any key ESE makes (JET_cbKeyMostMax is 2000 bytes).
  return ReadVariable(env, operation, kScratchSize, [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    return fn(sesid, tableid, buffer, size, actual, grbit);
  });
}

Napi::Value JetGetRecordPosition(const Napi::CallbackInfo &info) {
  const char *operation = "JetGetRecordPosition";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  jet::RecPos position{};
  position.cbStruct = sizeof position;
  jet::Err err = ENTRY(GetRecordPosition)(sesid, tableid, &position, sizeof position);
  if (err < 0) ThrowJetError(env, err, operation);
  Napi::Object result = Napi::Object::New(env);
  result.Set("centriesLT", Number(env, position.centriesLT));
  result.Set("centriesInRange", Number(env, position.centriesInRange));
  result.Set("centriesTotal", Number(env, position.centriesTotal));
  return result;
}

// ---- records -----------------------------------------------------------------------------

Napi::Value JetPrepareUpdate(const Napi::CallbackInfo &info) {
  const char *operation = "JetPrepareUpdate";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::ULong prep = RequiredUInt32(args, 2, "prep");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(PrepareUpdate)(sesid, tableid, prep), operation);
}

Napi::Value JetSetColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  jet::Grbit grbit = args.Grbit(4);
  jet::SetInfo setinfo{};
  bool hasSetinfo = !args.IsAbsent(5) && !info[5].IsNull();
  if (hasSetinfo) {
    Fields fields(args, info[5], "psetinfo");
    setinfo.cbStruct = sizeof setinfo;
    setinfo.ibLongValue = fields.UInt32("ibLongValue", 0);
    setinfo.itagSequence = fields.UInt32("itagSequence", 0);
  }
  Bytes data = ReadBytes(args, info[3], "pvData", true);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env,
                 ENTRY(SetColumn)(sesid, tableid, columnid, data.present ? data.data : nullptr, data.length, grbit,
                                  hasSetinfo ? &setinfo : nullptr),
                 operation);
}

Napi::Value JetSetColumns(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetColumns";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "psetcolumn");
  uint32_t n = list.Length();
  std::vector<jet::SetColumn> columns;
  std::vector<Napi::Object> entries;
  std::vector<Napi::Value> data;
  for (uint32_t i = 0; i < n; ++i) {
    Fields fields(args, list.Get(i), "psetcolumn[" + std::to_string(i) + "]");
    columns.emplace_back();
    jet::SetColumn &c = columns.back();
    c.columnid = fields.RequiredUInt32("columnid");
    c.grbit = fields.UInt32("grbit", 0);
    c.ibLongValue = fields.UInt32("ibLongValue", 0);
    c.itagSequence = fields.UInt32("itagSequence", 0);
    entries.push_back(fields.Object());
    data.push_back(fields.Get("pvData"));
  }
  // Pointers are taken only after every field was read (see JetCreateTableColumnIndex3).
  for (uint32_t i = 0; i < n; ++i) {
    Bytes bytes = ReadBytes(args, data[i], "psetcolumn[" + std::to_string(i) + "].pvData", true);
    columns[i].pvData = bytes.present ? bytes.data : nullptr;
    columns[i].cbData = bytes.length;
  }
  const EngineTable &engine = RequireEngine(env);
  jet::Err err = ENTRY(SetColumns)(sesid, tableid, columns.empty() ? nullptr : columns.data(), n);
  // As C callers read JET_SETCOLUMN.err after the call, each entry object gets `err`.
  Napi::Array errors = Napi::Array::New(env, n);
  for (uint32_t i = 0; i < n; ++i) {
    errors.Set(i, Number(env, columns[i].err));
    entries[i].Set("err", Number(env, columns[i].err));
  }
  if (err < 0) ThrowWithEntries(env, err, operation, {{"columnErrors", errors}});
  return Number(env, err);
}

Napi::Value JetUpdate2(const Napi::CallbackInfo &info) {
  const char *operation = "JetUpdate2";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Grbit grbit = args.Grbit(2);
  const EngineTable &engine = RequireEngine(env);
  // An update cannot be repeated to fetch a bookmark that did not fit, so the buffer is
  // sized for the largest bookmark ESE can make (a primary key: at most 2000 bytes).
  unsigned char *buffer = Scratch();
  jet::ULong actual = 0;
  jet::Err err = ENTRY(Update2)(sesid, tableid, buffer, kScratchSize, &actual, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  return CopyToBuffer(env, buffer, actual < kScratchSize ? actual : kScratchSize);
}

Napi::Value JetDelete(const Napi::CallbackInfo &info) {
  const char *operation = "JetDelete";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 2, 2);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(Delete)(sesid, tableid), operation);
}

// The result object of JetRetrieveColumn and of each JetRetrieveColumns entry.
Napi::Object RetrieveResult(Napi::Env env, Napi::Value value, jet::Err err, jet::ULong cbActual,
                            jet::Columnid nextTagged) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("value", value);
  result.Set("err", Number(env, err));
  result.Set("cbActual", Number(env, cbActual));
  result.Set("columnidNextTagged", Number(env, nextTagged));
  return result;
}

Napi::Value JetRetrieveColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  jet::Grbit grbit = args.Grbit(3);
  bool hasRetinfo = !args.IsAbsent(4) && !info[4].IsNull();
  jet::ULong itag = 1, ibLong = 0;
  if (hasRetinfo) {
    Fields fields(args, info[4], "pretinfo");
    itag = fields.UInt32("itagSequence", 1);
    ibLong = fields.UInt32("ibLongValue", 0);
  }
  bool hasLimit = !args.IsAbsent(5) && !info[5].IsNull();
  jet::ULong limit = hasLimit ? args.UInt32(5, "cbMax") : 0;
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveColumn);

  jet::RetInfo retinfo{};
  auto retrieve = [&](void *buffer, jet::ULong size, jet::ULong *actual) {
    retinfo = jet::RetInfo{sizeof(jet::RetInfo), ibLong, itag, 0};
    *actual = 0;
    return fn(sesid, tableid, columnid, buffer, size, actual, grbit, hasRetinfo ? &retinfo : nullptr);
  };

  // Most values fit the scratch buffer: one call and one copy. A value that did not fit is
  // read again into a Buffer of its size, or of the caller's cbMax if that is smaller (a
  // hard limit: the truncated bytes come back with the warning).
  jet::ULong capacity = hasLimit && limit < kScratchSize ? limit : kScratchSize;
  Napi::Buffer<unsigned char> big;
  unsigned char *buffer = Scratch();
  jet::ULong actual = 0;
  jet::Err err = retrieve(buffer, capacity, &actual);
  for (int round = 0; err == jet::wrn::BufferTruncated && actual > capacity && (!hasLimit || capacity < limit) &&
                      round < 8;
       ++round) {
    capacity = hasLimit && limit < actual ? limit : actual;
    big = Napi::Buffer<unsigned char>::New(env, capacity);
    buffer = big.Data();
    err = retrieve(buffer, capacity, &actual);
  }
  if (err < 0) ThrowJetError(env, err, operation);
  Napi::Value value;
  if (err == jet::wrn::ColumnNull) {
    value = env.Null();
  } else {
    size_t length = actual < capacity ? actual : capacity;
    if (!big.IsEmpty() && length == big.Length()) {
      value = big;
    } else {
      value = CopyToBuffer(env, buffer, length);
    }
  }
  return RetrieveResult(env, value, err, actual, hasRetinfo ? retinfo.columnidNextTagged : 0);
}

Napi::Value JetRetrieveColumns(const Napi::CallbackInfo &info) {
  const char *operation = "JetRetrieveColumns";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "pretrievecolumn");
  uint32_t n = list.Length();
  // What the caller asked for. Every entry starts with a small buffer and is read again
  // with one of the size the engine reported while it comes back truncated, up to the
  // caller's cbData where one was given (then truncation is the caller's answer).
  struct Request {
    jet::Columnid columnid;
    jet::Grbit grbit;
    jet::ULong ibLongValue;
    jet::ULong itagSequence;
    jet::ULong limit;
    jet::ULong cbData;
  };
  constexpr jet::ULong kFirstSize = 256;  // any fixed column, most short texts
  std::vector<Request> requests;
  for (uint32_t i = 0; i < n; ++i) {
    Fields fields(args, list.Get(i), "pretrievecolumn[" + std::to_string(i) + "]");
    requests.emplace_back();
    Request &r = requests.back();
    r.columnid = fields.RequiredUInt32("columnid");
    r.grbit = fields.UInt32("grbit", 0);
    r.ibLongValue = fields.UInt32("ibLongValue", 0);
    r.itagSequence = fields.UInt32("itagSequence", 1);
    r.limit = fields.Has("cbData") ? fields.UInt32("cbData", 0) : 0xFFFFFFFFu;
    r.cbData = r.limit < kFirstSize ? r.limit : kFirstSize;
  }
  const EngineTable &engine = RequireEngine(env);
  auto fn = ENTRY(RetrieveColumns);

  std::vector<jet::RetrieveColumn> columns(n);
  std::vector<Napi::Value> values(n);
  std::vector<uint32_t> pending(n);
  for (uint32_t i = 0; i < n; ++i) pending[i] = i;
  std::vector<unsigned char> arena;
  jet::Err err = 0;
  for (int round = 0; !pending.empty(); ++round) {
    // One contiguous block for this round's buffers: the scratch buffer when it fits.
    std::uint64_t wanted = 0;
    for (uint32_t i : pending) wanted += requests[i].cbData;
    if (wanted > std::numeric_limits<size_t>::max()) {
      throw Napi::RangeError::New(env, std::string(operation) + ": the values are too large for this process");
    }
    size_t total = static_cast<size_t>(wanted);
    unsigned char *block = total <= kScratchSize ? Scratch() : (arena.resize(total), arena.data());
    std::vector<jet::RetrieveColumn> batch(pending.size());
    size_t offset = 0;
    for (size_t k = 0; k < pending.size(); ++k) {
      const Request &r = requests[pending[k]];
      batch[k] = jet::RetrieveColumn{r.columnid, block + offset, r.cbData, 0, r.grbit, r.ibLongValue, r.itagSequence,
                                     0, 0};
      offset += r.cbData;
    }
    err = fn(sesid, tableid, batch.data(), static_cast<jet::ULong>(batch.size()));
    std::vector<uint32_t> again;
    for (size_t k = 0; k < pending.size(); ++k) {
      uint32_t i = pending[k];
      Request &r = requests[i];
      columns[i] = batch[k];
      const jet::RetrieveColumn &c = batch[k];
      if (err >= 0 && c.err == jet::wrn::BufferTruncated && c.cbActual > r.cbData && r.cbData < r.limit &&
          round < 8) {
        r.cbData = c.cbActual < r.limit ? c.cbActual : r.limit;
        again.push_back(i);
        continue;
      }
      if (c.err < 0 || c.err == jet::wrn::ColumnNull) {
        values[i] = env.Null();
      } else {
        values[i] = CopyToBuffer(env, c.pvData, c.cbActual < r.cbData ? c.cbActual : r.cbData);
      }
    }
    if (err < 0) break;
    pending.swap(again);
  }

  Napi::Array results = Napi::Array::New(env, n);
  for (uint32_t i = 0; i < n; ++i) {
    const jet::RetrieveColumn &c = columns[i];
    Napi::Object result = RetrieveResult(env, values[i].IsEmpty() ? env.Null() : values[i], c.err, c.cbActual,
                                         c.columnidNextTagged);
    result.Set("itagSequence", Number(env, c.itagSequence));
    results.Set(i, result);
  }
  if (err < 0) {
    Napi::Array errors = Napi::Array::New(env, n);
    for (uint32_t i = 0; i < n; ++i) errors.Set(i, Number(env, columns[i].err));
    ThrowWithEntries(env, err, operation, {{"columnErrors", errors}});
  }
  return results;
}

Napi::Value JetEscrowUpdate(const Napi::CallbackInfo &info) {
  const char *operation = "JetEscrowUpdate";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  jet::Columnid columnid = RequiredUInt32(args, 2, "columnid");
  // A number is a 32-bit delta (JET_coltypLong columns), a bigint a 64-bit one
  // (JET_coltypLongLong columns); the engine checks the size against the column.
  bool wide = info[3].IsBigInt();
  if (!wide && !info[3].IsNumber()) {
    args.ThrowType(std::string("'delta' must be a number or a bigint, got ") + ValueKind(info[3]));
  }
  std::int32_t delta32 = 0;
  std::int64_t delta64 = 0;
  if (wide) {
    delta64 = args.Int64(3, "delta");
  } else {
    delta32 = args.Int32(3, "delta");
  }
  jet::Grbit grbit = args.Grbit(4);
  const EngineTable &engine = RequireEngine(env);
  alignas(8) unsigned char previous[8] = {};
  jet::ULong previousSize = 0;
  jet::ULong size = wide ? sizeof delta64 : sizeof delta32;
  void *delta = wide ? static_cast<void *>(&delta64) : static_cast<void *>(&delta32);
  jet::Err err = ENTRY(EscrowUpdate)(sesid, tableid, columnid, delta, size, previous, size, &previousSize, grbit);
  if (err < 0) ThrowJetError(env, err, operation);
  if (wide) {
    std::int64_t old;
    std::memcpy(&old, previous, sizeof old);
    return Napi::BigInt::New(env, old);
  }
  std::int32_t old;
  std::memcpy(&old, previous, sizeof old);
  return Number(env, old);
}

#undef ENTRY

}  // namespace

void RegisterRawDataApi(Napi::Env env, Napi::Object jetObject) {
#define EXPORT_JET(name) jetObject.Set(#name, Napi::Function::New(env, Guarded<name>, #name));
  EXPORT_JET(JetCreateDatabase2)
  EXPORT_JET(JetAttachDatabase2)
  EXPORT_JET(JetOpenDatabase)
  EXPORT_JET(JetCloseDatabase)
  EXPORT_JET(JetDetachDatabase2)
  EXPORT_JET(JetCreateTableColumnIndex3)
  EXPORT_JET(JetCreateTable)
  EXPORT_JET(JetDeleteTable)
  EXPORT_JET(JetAddColumn)
  EXPORT_JET(JetDeleteColumn2)
  EXPORT_JET(JetCreateIndex2)
  EXPORT_JET(JetDeleteIndex)
  EXPORT_JET(JetGetTableColumnInfo)
  EXPORT_JET(JetGetTableIndexInfo)
  EXPORT_JET(JetGetTableInfo)
  EXPORT_JET(JetOpenTable)
  EXPORT_JET(JetCloseTable)
  EXPORT_JET(JetDupCursor)
  EXPORT_JET(JetSetCurrentIndex4)
  EXPORT_JET(JetMove)
  EXPORT_JET(JetMakeKey)
  EXPORT_JET(JetSeek)
  EXPORT_JET(JetSetIndexRange)
  EXPORT_JET(JetIndexRecordCount)
  EXPORT_JET(JetGetBookmark)
  EXPORT_JET(JetGotoBookmark)
  EXPORT_JET(JetRetrieveKey)
  EXPORT_JET(JetGetRecordPosition)
  EXPORT_JET(JetPrepareUpdate)
  EXPORT_JET(JetSetColumn)
  EXPORT_JET(JetSetColumns)
  EXPORT_JET(JetUpdate2)
  EXPORT_JET(JetDelete)
  EXPORT_JET(JetRetrieveColumn)
  EXPORT_JET(JetRetrieveColumns)
  EXPORT_JET(JetEscrowUpdate)
#undef EXPORT_JET
}

}  // namespace esent
