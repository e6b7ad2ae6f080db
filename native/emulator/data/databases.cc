// Databases: JetCreateDatabase2W, JetAttachDatabase2W, JetOpenDatabaseW, JetCloseDatabase,
// JetDetachDatabase2W, and what JetTerm does to an instance's databases.
#include "databases.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "../instance.h"
#include "../paths.h"
#include "../session.h"
#include "../utf16.h"
#include "api.h"
#include "cursor.h"
#include "file_image.h"
#include "hooks.h"
#include "instance_storage.h"
#include "session_state.h"
#include "versions.h"

namespace emu {
namespace data {
namespace {

// Attachment bookkeeping. ESE's dbids are process-wide (an index into its file table), so
// are these.
// Never destroyed, like every table of the emulator that engine calls reach: a process may
// exit (exit() runs static destructors) while a call runs on another thread.
std::mutex g_attachMutex;
std::vector<DatabasePtr> &g_databases = *new std::vector<DatabasePtr>(1);  // by dbid; 0 is never handed out
// By dbid, for a free slot: the file whose detach (or clean term) left it. ESE keeps a detached
// database's file-table entry with a copy of its header (fmp.cxx FMP::SnapshotHeaderSignature,
// from db.cxx ErrIsamDetachDatabase and io.cxx ErrIOTermFMP) and gives that entry back when the
// same file is attached again (FMP::ErrNewAndWriteLatch compares the file's header with the
// copy); a new file takes an entry without such a copy, or a new one, while there is room.
std::vector<std::u16string> &g_keptFor = *new std::vector<std::u16string>(1);

DatabasePtr FindAttached(const std::u16string &identity, Instance **owner) {
  for (const DatabasePtr &db : g_databases) {
    if (db && db->identity == identity) {
      *owner = db->instance;
      return db;
    }
  }
  return nullptr;
}

// The databases attached to `instance`, in dbid order. Call with g_attachMutex held.
std::vector<DatabasePtr> AttachedTo(const Instance *instance) {
  std::vector<DatabasePtr> found;
  for (const DatabasePtr &db : g_databases) {
    if (db && db->instance == instance) found.push_back(db);
  }
  return found;
}

// The dbid for `identity`: the slot its file left when it was detached, if `sameFile` (the file
// there is the one detached); otherwise the first free slot no detached file keeps, or a new one.
jet::Dbid FreeDbid(const std::u16string &identity, bool sameFile) {
  if (sameFile) {
    for (std::size_t i = 1; i < g_databases.size(); ++i) {
      if (!g_databases[i] && g_keptFor[i] == identity) return static_cast<jet::Dbid>(i);
    }
  } else {
    // A file made anew no longer matches the header kept for the old one.
    for (std::size_t i = 1; i < g_databases.size(); ++i) {
      if (!g_databases[i] && g_keptFor[i] == identity) g_keptFor[i].clear();
    }
  }
  for (std::size_t i = 1; i < g_databases.size(); ++i) {
    if (!g_databases[i] && g_keptFor[i].empty()) return static_cast<jet::Dbid>(i);
  }
  g_databases.emplace_back();
  g_keptFor.emplace_back();
  return static_cast<jet::Dbid>(g_databases.size() - 1);
}

void Vacate(std::size_t dbid, const std::u16string &keepFor) {
  g_databases[dbid].reset();
  g_keptFor[dbid] = keepFor;
}

// db.cxx ErrDBOpenDatabase: opened exclusively by another session, JET_errDatabaseLocked;
// an exclusive open while any session has it open (the caller too: every open counts in
// the database's pin count, dbapi.hxx DBSetOpenDatabaseFlag), JET_errDatabaseInUse.
jet::Err OpenForSession(Session &s, Database &db, jet::Grbit grbit) {
  if (db.exclusive != nullptr && db.exclusive != &s) return jet::err::DatabaseLocked;
  if (grbit & jet::bit::DbExclusive) {
    if (!db.openers.empty()) return jet::err::DatabaseInUse;
    db.exclusive = &s;
  }
  ++db.openers[&s];
  ++StateOf(s).openDatabases[db.dbid];
  return jet::err::Success;
}

// Makes a database whose file is open and loaded part of the instance (and its log).
jet::Err Join(Session &s, const DatabasePtr &db, bool sameFile) {
  const jet::Err err = s.GetInstance()->Storage()->Attach(db);
  if (err < jet::err::Success) return err;
  db->dbid = FreeDbid(db->identity, sameFile);
  // fmp.cxx FMP::ErrNewAndWriteLatch: the instance's first free dbid, whatever the entry.
  std::set<unsigned> taken;
  for (const DatabasePtr &other : AttachedTo(db->instance)) taken.insert(other->instanceSlot);
  db->instanceSlot = 1;
  while (taken.count(db->instanceSlot) != 0) ++db->instanceSlot;
  g_databases[db->dbid] = db;
  g_keptFor[db->dbid].clear();
  return jet::err::Success;
}

}  // namespace

jet::Err FindOpenDatabase(Session &s, jet::Dbid dbid, DatabasePtr *db) {
  SessionState &state = StateOf(s);
  if (state.openDatabases.count(dbid) == 0) return jet::err::InvalidDatabaseId;
  std::lock_guard<std::mutex> lock(g_attachMutex);
  if (dbid >= g_databases.size() || !g_databases[dbid]) return jet::err::InvalidDatabaseId;
  *db = g_databases[dbid];
  return jet::err::Success;
}

void ReleaseDatabases(Session &s, const SessionState &state) {
  std::lock_guard<std::mutex> lock(g_attachMutex);
  for (const auto &open : state.openDatabases) {
    if (open.first >= g_databases.size() || !g_databases[open.first]) continue;
    Database &db = *g_databases[open.first];
    db.openers.erase(&s);
    if (db.exclusive == &s) db.exclusive = nullptr;
  }
}

// For ESE's own opens and closes of a database in a session (ver.cxx VERIFreeExt): db.cxx
// ErrDBCloseDatabase ends the hold of the session closing, though it still has it open.
void DropExclusiveHold(Session &s, Database &db) {
  std::lock_guard<std::mutex> lock(g_attachMutex);
  if (db.exclusive == &s) db.exclusive = nullptr;
}

jet::Err OnInstanceInit(Instance &instance, jet::Grbit grbit) {
  std::unique_ptr<InstanceStorage> storage;
  const jet::Err err = InstanceStorage::Start(instance, grbit, &storage);
  if (err < jet::err::Success) return err;
  instance.SetStorage(storage.release());
  return jet::err::Success;
}

jet::Err OnInstanceTerm(Instance &instance, bool dirty) {
  std::vector<DatabasePtr> detached;
  {
    std::lock_guard<std::mutex> lock(g_attachMutex);
    for (std::size_t dbid = 0; dbid < g_databases.size(); ++dbid) {
      const DatabasePtr db = g_databases[dbid];
      if (!db || db->instance != &instance) continue;
      detached.push_back(db);
      // io.cxx ErrIOTermFMP keeps the entry for the file after a clean term only.
      Vacate(dbid, dirty ? std::u16string() : db->identity);
    }
  }
  for (const DatabasePtr &db : detached) {
    std::unique_lock<std::shared_mutex> lock(db->lock);
    db->attached = false;
  }
  std::unique_ptr<InstanceStorage> storage(instance.Storage());
  instance.SetStorage(nullptr);
  const jet::Err err = storage ? storage->Shutdown(dirty) : jet::err::Success;
  ForgetSnapshots(instance);
  return err;
}

// db.cxx ErrDBCreateDatabase: not inside a transaction; an empty name is an invalid path;
// the file's folder is created with JET_paramCreatePathIfNotExist, and a missing folder is
// JET_errInvalidPath without it (ErrUtilPathExists meets ERROR_PATH_NOT_FOUND).
jet::Err CreateDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit) {
  if (pdbid == nullptr) return jet::err::InvalidParameter;
  if (InTransaction(s)) return jet::err::InTransaction;
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidPath;
  const std::u16string path = FromJetString(szFilename);
  const std::u16string location = file::FullPath(path);
  const std::u16string identity = file::AbsolutePath(path);
  const std::u16string folder = paths::FolderOf(location);
  if (s.GetInstance()->Params().Number(jet::param::CreatePathIfNotExist) != 0) {
    if (!paths::CreateFolders(folder)) return jet::err::DatabaseInvalidPath;
  } else if (!paths::FolderExists(folder)) {
    return jet::err::InvalidPath;
  }
  std::unique_lock<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  if (FindAttached(identity, &owner)) {
    return owner == s.GetInstance() ? jet::err::DatabaseDuplicate : jet::err::DatabaseSharingViolation;
  }
  const bool exists = storage::FileExists(location);
  // Once the file-table entry is taken, ErrDBCreateDatabase's failures purge the half-made
  // database, whose version store cleanup (ver.cxx ErrVERRCEClean) walks every version of the
  // instance, as a detach does: the instance's databases lose the versions no transaction
  // needs and their nodes flagged deleted (extended generator seed 5468, confirmed on ESE's
  // engine). A file attached already fails before the entry is taken, and cleans nothing.
  const auto failAfterEntry = [&](jet::Err failure) {
    const std::vector<DatabasePtr> attached = AttachedTo(s.GetInstance());
    lock.unlock();
    for (const DatabasePtr &any : attached) CleanUpVersions(s.GetInstance(), *any);
    return failure;
  };
  if (exists && (grbit & jet::bit::DbOverwriteExisting) == 0) return failAfterEntry(jet::err::DatabaseDuplicate);
  if (s.ContextSetByAnotherThread()) {
    // ESE logs the creation, then the commit of its first transaction in the new database
    // finds the session under a context another thread set (dir.cxx ErrDIRCommitTransaction,
    // FPIBCheckTrxContext). Its clean-up deletes the file it made and, the creation being
    // logged, takes the instance offline (db.cxx ErrDBCreateDatabase).
    if (exists) (void)storage::RemoveFile(location);
    s.GetInstance()->SetUnavailable();
    return jet::err::SessionSharingViolation;
  }
  auto db = std::make_shared<Database>();
  db->path = path;
  db->identity = identity;
  db->location = location;
  db->instance = s.GetInstance();
  file::Header header;
  jet::Err err = file::Create(location, (grbit & jet::bit::DbOverwriteExisting) != 0, &db->file, &header);
  if (err < jet::err::Success) return failAfterEntry(err);
  db->payloadSize = header.payloadSize;
  db->payloadChecksum = header.payloadChecksum;
  // ESE takes the file-table entry before it writes the file, comparing the header of the file
  // being overwritten with those kept for detached files.
  if ((err = Join(s, db, exists)) < jet::err::Success) return err;
  db->createdAt = s.GetInstance()->AdvanceTimestamp();
  // Its system tables are made in a transaction, whose versions wait for the cleanup.
  NoteUncleanedVersions(*db, db->createdAt);
  OpenForSession(s, *db, grbit & jet::bit::DbExclusive);
  *pdbid = db->dbid;
  // By the next call ESE's engine has run its version store's cleanup over the instance's
  // other databases (seen on its engine: seeds 836, 937 and 1138 of the differential test's
  // seed list; the versions the new database's own tables make are the likely cause, ver.cxx
  // VERSignalCleanup): the nodes flagged deleted that no transaction needs are gone, so a
  // position counts them no longer and a seek no longer lands on them.
  const std::vector<DatabasePtr> attached = AttachedTo(s.GetInstance());
  lock.unlock();
  for (const DatabasePtr &other : attached) {
    if (other != db) CleanUpVersions(s.GetInstance(), *other);
  }
  return jet::err::Success;
}

// db.cxx ErrIsamAttachDatabase: not inside a transaction; an empty name is an invalid path;
// a missing file, or a file in a missing folder, is JET_errFileNotFound.
jet::Err AttachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit grbit) {
  if (InTransaction(s)) return jet::err::InTransaction;
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidPath;
  const std::u16string path = FromJetString(szFilename);
  const std::u16string identity = file::AbsolutePath(path);
  std::lock_guard<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  if (FindAttached(identity, &owner)) {
    return owner == s.GetInstance() ? jet::wrn::DatabaseAttached : jet::err::DatabaseSharingViolation;
  }
  auto db = std::make_shared<Database>();
  db->path = path;
  db->identity = identity;
  db->location = file::FullPath(path);
  db->instance = s.GetInstance();
  db->readOnly = (grbit & jet::bit::DbReadOnly) != 0;
  file::Header header;
  std::string payload;
  jet::Err err = file::Open(db->location, db->readOnly, &db->file, &header, &payload);
  // ESE finds the file before it opens it (ErrUtilPathComplete, the path must exist), and its
  // file find reports a missing folder (ERROR_PATH_NOT_FOUND, which the OS layer maps to
  // JET_errInvalidPath) as JET_errFileNotFound, as it does a missing file (osfs.cxx
  // COSFileFind::ErrInit).
  if (err == jet::err::InvalidPath) err = jet::err::FileNotFound;
  if (err < jet::err::Success) return err;
  // Left dirty by a crash: only the recovery of the log it was attached with may use it.
  if (header.state != file::State::kClean) return jet::err::DatabaseDirtyShutdown;
  if ((err = file::Load(payload, db.get())) < jet::err::Success) return err;
  db->payloadSize = header.payloadSize;
  db->payloadChecksum = header.payloadChecksum;
  db->imageSize.store(header.payloadSize, std::memory_order_relaxed);
  if ((err = Join(s, db, true)) < jet::err::Success) return err;
  if (!db->readOnly && s.ContextSetByAnotherThread()) {
    // Once the file is open, a writable attach brings the engine's own tables up to date in
    // transactions of its own, the first begun under the context another thread set; its
    // commit and its rollback both fail (dir.cxx ErrDIRCommitTransaction, ErrDIRRollback:
    // FPIBCheckTrxContext). The detach that should undo the attach then meets the session in
    // a transaction (db.cxx ErrIsamAttachDatabase, its Detach label): the database stays
    // attached and the session stays in the transaction, which only that context can end. A
    // read-only attach writes nothing and succeeds.
    (void)s.BeginTransaction(0, 0);
    return jet::err::SessionSharingViolation;
  }
  return jet::err::Success;
}

jet::Err OpenDatabase(Session &s, const jet::WChar *szFilename, jet::Dbid *pdbid, jet::Grbit grbit) {
  if (szFilename == nullptr || szFilename[0] == 0) return jet::err::DatabaseInvalidPath;
  if (pdbid == nullptr) return jet::err::InvalidParameter;
  const std::u16string identity = file::AbsolutePath(FromJetString(szFilename));
  std::lock_guard<std::mutex> lock(g_attachMutex);
  Instance *owner = nullptr;
  DatabasePtr db = FindAttached(identity, &owner);
  if (!db || owner != s.GetInstance()) return jet::err::DatabaseNotFound;
  const jet::Err err = OpenForSession(s, *db, grbit);
  if (err < jet::err::Success) return err;
  *pdbid = db->dbid;
  // A read-only attachment opens read-only whatever the caller asks, and says so.
  if ((grbit & jet::bit::DbReadOnly) == 0 && db->readOnly) return jet::wrn::FileOpenReadOnly;
  return jet::err::Success;
}

// jetapi.cxx JetCloseDatabaseEx enters with the dbid (APICALL_SESID::FEnter, ErrPIBCheckIfmp):
// a dbid the session has not opened is JET_errInvalidDatabaseId, whether or not another
// session has the database open, so db.cxx ErrDBCloseDatabase's JET_errDatabaseNotFound is
// never reached. The session's last close of a database closes its cursors on it.
jet::Err CloseDatabase(Session &s, jet::Dbid dbid, jet::Grbit) {
  SessionState &state = StateOf(s);
  auto open = state.openDatabases.find(dbid);
  if (open == state.openDatabases.end()) return jet::err::InvalidDatabaseId;
  {
    std::lock_guard<std::mutex> lock(g_attachMutex);
    const bool attached = dbid < g_databases.size() && g_databases[dbid] && g_databases[dbid]->instance == s.GetInstance();
    if (attached) {
      Database &db = *g_databases[dbid];
      auto opener = db.openers.find(&s);
      if (opener != db.openers.end() && --opener->second == 0) db.openers.erase(opener);
      // db.cxx ErrDBCloseDatabase ends the exclusive open at every close by its holder, not
      // only at the last of its opens.
      if (db.exclusive == &s) db.exclusive = nullptr;
    }
  }
  if (--open->second > 0) return jet::err::Success;
  state.openDatabases.erase(open);
  const std::vector<Cursor *> cursors = state.cursors;
  for (Cursor *cursor : cursors) {
    // db.cxx ErrDBCloseDatabase closes them as JetCloseTable does.
    if (cursor->db->dbid == dbid) CloseCursorByCall(s, cursor);
  }
  return jet::err::Success;
}

// db.cxx ErrIsamDetachDatabase: not inside a transaction. Without a name every database of
// the instance, one after the other in the instance's dbid order (ErrIsamDetachAllDatabase,
// not the order of the ids handed out, which are ESE's file-table entries): the
// first that cannot go (one a session has open: JET_errDatabaseInUse) ends the call, those
// before it detached.
jet::Err DetachDatabase(Session &s, const jet::WChar *szFilename, jet::Grbit) {
  if (InTransaction(s)) return jet::err::InTransaction;
  std::lock_guard<std::mutex> lock(g_attachMutex);
  const bool all = szFilename == nullptr || szFilename[0] == 0;
  const std::u16string identity = all ? std::u16string() : file::AbsolutePath(FromJetString(szFilename));
  InstanceStorage *storage = s.GetInstance()->Storage();
  std::vector<DatabasePtr> chosen;
  for (const DatabasePtr &db : AttachedTo(s.GetInstance())) {
    if (all || db->identity == identity) chosen.push_back(db);
  }
  std::sort(chosen.begin(), chosen.end(), [](const DatabasePtr &a, const DatabasePtr &b) { return a->instanceSlot < b->instanceSlot; });
  const bool found = !chosen.empty();
  for (const DatabasePtr &db : chosen) {
    const jet::Dbid dbid = db->dbid;
    if (!db->openers.empty()) return jet::err::DatabaseInUse;
    // The version store's cleanup for the detach (ver.cxx ErrVERRCEClean) walks every version
    // of the instance, not only this database's, and does its deletes at once: the instance's
    // other databases lose the versions no transaction needs and the nodes flagged deleted
    // too, whether or not this database then goes.
    for (const DatabasePtr &any : AttachedTo(s.GetInstance())) CleanUpVersions(s.GetInstance(), *any);
    // ... and so is one that a transaction still open has changed, though its session closed
    // it: the version store's cleanup of the database (ErrVERRCEClean) leaves its versions.
    if (db->changingTransactions.load(std::memory_order_relaxed) > 0) return jet::err::DatabaseInUse;
    // Written clean first; a database that cannot be stays attached.
    const jet::Err err = storage->Detach(db);
    if (err < jet::err::Success) return err;
    Vacate(dbid, db->identity);
    std::unique_lock<std::shared_mutex> dbLock(db->lock);
    db->attached = false;
  }
  return found || all ? jet::err::Success : jet::err::DatabaseNotFound;
}

jet::Err Idle(Session &s, jet::Grbit grbit) {
  jet::Err first = jet::err::Success;
  if (grbit & jet::bit::IdleStatus) {
    // JET_wrnIdleFull would say the version store is over 60% of its preferred size: the
    // emulator's has no size, so it is never full.
  } else if (grbit == 0 || (grbit & jet::bit::IdleCompact)) {
    // The asynchronous form only wakes ESE's cleanup thread, which has seldom run by the next
    // call: the emulator leaves the cleanup to its next occasion.
    if ((grbit & jet::bit::IdleCompactAsync) == 0) {
      std::vector<DatabasePtr> attached;
      {
        std::lock_guard<std::mutex> lock(g_attachMutex);
        attached = AttachedTo(s.GetInstance());
      }
      for (const DatabasePtr &db : attached) CleanUpVersions(s.GetInstance(), *db);
    }
    first = jet::wrn::NoIdleActivity;
  } else if (grbit & jet::bit::IdleCompactAsync) {
    return jet::err::InvalidGrbit;
  } else if (grbit & jet::bit::IdleWaitForAsyncActivity) {
    // ESE waits for its databases' background tasks, which the emulator does not have.
    std::lock_guard<std::mutex> lock(g_attachMutex);
    for (const DatabasePtr &db : AttachedTo(s.GetInstance())) {
      if (HoldsVersions(*db)) first = jet::wrn::RemainingVersions;
    }
  }
  // ESE flushes no buffers on request; its cache's free-buffer status is never low here.
  if (grbit & jet::bit::IdleFlushBuffers) return jet::err::InvalidGrbit;
  return first;
}

}  // namespace data
}  // namespace emu
