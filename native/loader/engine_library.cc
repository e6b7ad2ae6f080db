#include "engine_library.h"

#include <atomic>
#include <mutex>

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
#endif

namespace esent {
namespace {

#if defined(_WIN32)
constexpr const char *kDefaultLibrary = "esent.dll";
#else
constexpr const char *kDefaultLibrary = "";
#endif

std::mutex g_mutex;
std::string g_path = kDefaultLibrary;
EngineTable g_table;
EngineInfo g_info;
// Published after g_table is filled; readers on any thread see a complete table.
std::atomic<const EngineTable *> g_loaded{nullptr};

#if defined(_WIN32)
std::wstring Utf8ToWide(const std::string &s) {
  if (s.empty()) return std::wstring();
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring out(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), &out[0], n);
  return out;
}

std::string SystemMessage(DWORD code) {
  char *buffer = nullptr;
  DWORD n = FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                               FORMAT_MESSAGE_IGNORE_INSERTS,
                           nullptr, code, 0, reinterpret_cast<char *>(&buffer), 0, nullptr);
  std::string message = n ? std::string(buffer, n) : "error " + std::to_string(code);
  if (buffer) LocalFree(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

void *OpenLibrary(const std::string &path, std::string *error) {
  HMODULE module;
  if (path == kDefaultLibrary) {
    // Only System32's ESENT.dll: never one planted in the application's folder or on PATH.
    module = LoadLibraryExW(L"esent.dll", nullptr, LOAD_LIBRARY_SEARCH_SYSTEM32);
  } else {
    // A named library may depend on DLLs beside it.
    module = LoadLibraryExW(Utf8ToWide(path).c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
  }
  if (!module) *error = SystemMessage(GetLastError());
  return module;
}

void *FindSymbol(void *library, const char *name) {
  auto module = static_cast<HMODULE>(library);
  void *symbol = reinterpret_cast<void *>(GetProcAddress(module, name));
#if defined(_M_IX86) || defined(__i386__)
  // 32-bit libraries may export only stdcall-decorated names; the undecorated one comes first.
  // Decorated names carry the argument bytes: "JetInit@4" as ESENT.dll and mingw-w64 export
  // them, "_JetInit@4" as MSVC's __declspec(dllexport) does without a .def file.
  for (int bytes = 0; bytes <= 48 && !symbol; bytes += 4) {
    for (const char *prefix : {"", "_"}) {
      std::string decorated = prefix + std::string(name) + "@" + std::to_string(bytes);
      symbol = reinterpret_cast<void *>(GetProcAddress(module, decorated.c_str()));
      if (symbol) break;
    }
  }
#endif
  return symbol;
}
#else
void *OpenLibrary(const std::string &path, std::string *error) {
  // RTLD_LOCAL keeps the engine's symbols out of the global namespace of the process.
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *reason = dlerror();
    *error = reason ? reason : "unknown dlopen failure";
  }
  return handle;
}

void *FindSymbol(void *library, const char *name) { return dlsym(library, name); }
#endif

}  // namespace

bool SetEngineLibraryPath(const std::string &utf8Path) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_loaded.load(std::memory_order_acquire)) return false;
  g_path = utf8Path;
  return true;
}

std::string GetEngineLibraryPath() {
  std::lock_guard<std::mutex> lock(g_mutex);
  return g_loaded.load(std::memory_order_acquire) ? g_info.path : g_path;
}

const EngineTable *GetEngineTable(std::string *error) {
  const EngineTable *table = g_loaded.load(std::memory_order_acquire);
  if (table) return table;

  std::lock_guard<std::mutex> lock(g_mutex);
  table = g_loaded.load(std::memory_order_relaxed);
  if (table) return table;

  if (g_path.empty()) {
    *error = "no ESE engine library is configured: set ESENT_LIBRARY or call configure({ library })";
    return nullptr;
  }
  std::string reason;
  void *library = OpenLibrary(g_path, &reason);
  if (!library) {
    *error = "cannot load the ESE engine library '" + g_path + "': " + reason;
    return nullptr;
  }

#define ESENT_RESOLVE_MEMBER(name, symbol) \
  g_table.name = reinterpret_cast<jet::Pfn##name>(FindSymbol(library, symbol));
  ESENT_ENGINE_ENTRY_POINTS(ESENT_RESOLVE_MEMBER)
#undef ESENT_RESOLVE_MEMBER

  g_info.path = g_path;
  g_info.isEmulator = FindSymbol(library, "EsentEmulatorVersion") != nullptr;
  g_loaded.store(&g_table, std::memory_order_release);
  return &g_table;
}

bool GetLoadedEngineInfo(EngineInfo *info) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_loaded.load(std::memory_order_acquire)) return false;
  *info = g_info;
  return true;
}

}  // namespace esent
