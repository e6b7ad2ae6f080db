// Definitions: tables, columns and indexes created and deleted.
#include "jet_helpers.h"

#include <deque>
#include <string>
#include <vector>

namespace esent {
namespace raw {
namespace {

// Everything the JET structures built from one call point into; deques keep addresses
// stable while entries are added.
struct DefinitionStorage {
  std::deque<std::u16string> strings;
  std::deque<jet::UnicodeIndex> unicode;
  std::deque<jet::UnicodeIndex2> unicode2;
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

// The Unicode settings of JET_INDEXCREATE_W / JET_INDEXCREATE2_W: the union holds an LCID,
// or a pointer to a JET_UNICODEINDEX when JET_bitIndexUnicode is set. A number in the
// pointer's place would be dereferenced by the engine, so bit and structure come together.
template <typename IndexCreate>
void ReadLcidUnicode(const Arguments &args, const Fields &fields, const std::string &path, DefinitionStorage &storage,
                     IndexCreate *out) {
  bool unicodeBit = (out->grbit & jet::bit::IndexUnicode) != 0;
  if (fields.Has("pidxunicode")) {
    if (!unicodeBit) args.ThrowType("'" + fields.PathOf("pidxunicode") + "' needs JET_bitIndexUnicode in grbit");
    if (fields.Has("lcid")) args.ThrowType("'" + path + "' has both lcid and pidxunicode");
    Fields unicode(args, fields.Get("pidxunicode"), fields.PathOf("pidxunicode"));
    if (unicode.Has("szLocaleName")) {
      args.ThrowType("'" + unicode.PathOf("szLocaleName") + "' is JET_UNICODEINDEX2's (JetCreateIndex4); this " +
                     "structure takes an lcid");
    }
    storage.unicode.push_back(jet::UnicodeIndex{unicode.RequiredUInt32("lcid"), unicode.UInt32("dwMapFlags", 0)});
    out->pidxunicode = &storage.unicode.back();
  } else if (unicodeBit) {
    args.ThrowType("'" + path + "' sets JET_bitIndexUnicode without pidxunicode");
  } else {
    out->lcid = fields.UInt32("lcid", 0);
  }
}

void ReadUnicode(const Arguments &args, const Fields &fields, const std::string &path, DefinitionStorage &storage,
                 jet::IndexCreateW *out) {
  ReadLcidUnicode(args, fields, path, storage, out);
}

void ReadUnicode(const Arguments &args, const Fields &fields, const std::string &path, DefinitionStorage &storage,
                 jet::IndexCreate2W *out) {
  ReadLcidUnicode(args, fields, path, storage, out);
}

// JET_INDEXCREATE3_W: no lcid; a pointer to a JET_UNICODEINDEX2 (a locale name, null for
// the invariant locale) exactly when JET_bitIndexUnicode is set.
void ReadUnicode(const Arguments &args, const Fields &fields, const std::string &path, DefinitionStorage &storage,
                 jet::IndexCreate3W *out) {
  if (fields.Has("lcid")) {
    args.ThrowType("'" + fields.PathOf("lcid") + "' is not in JET_INDEXCREATE3_W: give pidxunicode.szLocaleName " +
                   "with JET_bitIndexUnicode");
  }
  bool unicodeBit = (out->grbit & jet::bit::IndexUnicode) != 0;
  if (fields.Has("pidxunicode")) {
    if (!unicodeBit) args.ThrowType("'" + fields.PathOf("pidxunicode") + "' needs JET_bitIndexUnicode in grbit");
    Fields unicode(args, fields.Get("pidxunicode"), fields.PathOf("pidxunicode"));
    if (unicode.Has("lcid")) {
      args.ThrowType("'" + unicode.PathOf("lcid") + "' is JET_UNICODEINDEX's (JetCreateIndex2); JET_UNICODEINDEX2 " +
                     "takes szLocaleName");
    }
    std::u16string locale;
    jet::UnicodeIndex2 settings{};
    if (unicode.String("szLocaleName", true, &locale)) settings.szLocaleName = storage.Keep(std::move(locale));
    settings.dwMapFlags = unicode.UInt32("dwMapFlags", 0);
    storage.unicode2.push_back(settings);
    out->pidxunicode = &storage.unicode2.back();
  } else if (unicodeBit) {
    args.ThrowType("'" + path + "' sets JET_bitIndexUnicode without pidxunicode");
  }
}

// Fills a JET_INDEXCREATE_W, JET_INDEXCREATE2_W or JET_INDEXCREATE3_W (same fields but for
// the Unicode settings) from an object.
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
  ReadUnicode(args, fields, path, storage, out);

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

// JetCreateIndex2W (JET_INDEXCREATE_W) and JetCreateIndex4W (JET_INDEXCREATE3_W): the same
// call on two structures.
template <typename IndexCreate, typename Pfn>
Napi::Value CreateIndexes(const Napi::CallbackInfo &info, const char *operation, Pfn EngineTable::*entryPoint,
                          const char *symbol) {
  Napi::Env env = info.Env();
  Arguments args(info, operation, 3, 3);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  Napi::Array list = RequireArray(args, info[2], "pindexcreate");
  DefinitionStorage storage;
  std::vector<IndexCreate> indexes;
  for (uint32_t i = 0; i < list.Length(); ++i) {
    indexes.emplace_back();
    ReadIndexCreate(args, list.Get(i), "pindexcreate[" + std::to_string(i) + "]", storage, &indexes.back());
  }
  const EngineTable &engine = RequireEngine(env);
  Pfn create = RequireEntryPoint(env, engine.*entryPoint, operation, symbol);
  jet::Err err = create(sesid, tableid, indexes.empty() ? nullptr : indexes.data(), static_cast<jet::ULong>(indexes.size()));
  // As C callers read the structures' err after the call, each entry object gets `err`: what
  // the engine left there (ESE's wide entry points leave it as given).
  Napi::Array errors = Napi::Array::New(env, indexes.size());
  for (uint32_t i = 0; i < indexes.size(); ++i) {
    errors.Set(i, Number(env, indexes[i].err));
    Napi::Value value = list.Get(i);
    if (value.IsObject()) value.As<Napi::Object>().Set("err", Number(env, indexes[i].err));
  }
  if (err < 0) ThrowWithEntries(env, err, operation, {{"indexErrors", errors}});
  return Number(env, err);
}

Napi::Value JetCreateIndex2(const Napi::CallbackInfo &info) {
  return CreateIndexes<jet::IndexCreateW>(info, "JetCreateIndex2", &EngineTable::CreateIndex2W, "JetCreateIndex2W");
}

Napi::Value JetCreateIndex4(const Napi::CallbackInfo &info) {
  return CreateIndexes<jet::IndexCreate3W>(info, "JetCreateIndex4", &EngineTable::CreateIndex4W, "JetCreateIndex4W");
}

Napi::Value JetRenameTable(const Napi::CallbackInfo &info) {
  const char *operation = "JetRenameTable";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 4);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string name, newName;
  args.String(2, "szName", false, &name);
  args.String(3, "szNameNew", false, &newName);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(RenameTableW)(sesid, dbid, AsWide(name), AsWide(newName)), operation);
}

Napi::Value JetRenameColumn(const Napi::CallbackInfo &info) {
  const char *operation = "JetRenameColumn";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 4, 5);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Tableid tableid = args.Handle(1, "tableid");
  std::u16string name, newName;
  args.String(2, "szName", false, &name);
  args.String(3, "szNameNew", false, &newName);
  jet::Grbit grbit = args.Grbit(4);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env, ENTRY(RenameColumnW)(sesid, tableid, AsWide(name), AsWide(newName), grbit), operation);
}

Napi::Value JetSetColumnDefaultValue(const Napi::CallbackInfo &info) {
  const char *operation = "JetSetColumnDefaultValue";
  Napi::Env env = info.Env();
  Arguments args(info, operation, 5, 6);
  jet::Sesid sesid = args.Handle(0, "sesid");
  jet::Dbid dbid = RequiredUInt32(args, 1, "dbid");
  std::u16string table, column;
  args.String(2, "szTableName", false, &table);
  args.String(3, "szColumnName", false, &column);
  Bytes value = ReadBytes(args, info[4], "pvData", true);
  jet::Grbit grbit = args.Grbit(5);
  const EngineTable &engine = RequireEngine(env);
  return Checked(env,
                 ENTRY(SetColumnDefaultValueW)(sesid, dbid, AsWide(table), AsWide(column), value.data, value.length,
                                               grbit),
                 operation);
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

}  // namespace

void RegisterDefinitions(Napi::Env env, Napi::Object jet) {
  ESENT_EXPORT_JET(jet, JetCreateTableColumnIndex3)
  ESENT_EXPORT_JET(jet, JetCreateTable)
  ESENT_EXPORT_JET(jet, JetDeleteTable)
  ESENT_EXPORT_JET(jet, JetAddColumn)
  ESENT_EXPORT_JET(jet, JetDeleteColumn2)
  ESENT_EXPORT_JET(jet, JetCreateIndex2)
  ESENT_EXPORT_JET(jet, JetDeleteIndex)
  ESENT_EXPORT_JET(jet, JetCreateIndex4)
  ESENT_EXPORT_JET(jet, JetRenameTable)
  ESENT_EXPORT_JET(jet, JetRenameColumn)
  ESENT_EXPORT_JET(jet, JetSetColumnDefaultValue)
}

}  // namespace raw
}  // namespace esent
