#include "paths.h"

#include <filesystem>
#include <system_error>

#include "utf16.h"

namespace emu {
namespace paths {
namespace {

namespace fs = std::filesystem;

std::u16string FromFsPath(const fs::path &path) {
#if defined(_WIN32)
  const std::wstring wide = path.wstring();
  return std::u16string(wide.begin(), wide.end());
#else
  return Utf8ToUtf16(path.string());
#endif
}

std::u16string Absolute(const std::u16string &text) {
  std::error_code error;
  fs::path path = text.empty() ? fs::current_path(error) : fs::absolute(ToFsPath(text), error);
  if (error) return text;
  path = path.lexically_normal();
  return FromFsPath(path);
}

#if defined(_WIN32)
char16_t FoldCase(char16_t c) { return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - u'a' + u'A') : c; }
#endif

}  // namespace

fs::path ToFsPath(const std::u16string &text) {
#if defined(_WIN32)
  return fs::path(std::wstring(text.begin(), text.end()));
#else
  return fs::path(Utf16ToUtf8(text));
#endif
}

bool IsDelimiter(char16_t c) {
#if defined(_WIN32)
  return c == u'\\' || c == u'/';
#else
  return c == u'/';
#endif
}

bool EndsWithDelimiter(const std::u16string &path) { return !path.empty() && IsDelimiter(path.back()); }

bool IsRelative(const std::u16string &path) { return path.empty() || ToFsPath(path).is_relative(); }

std::u16string CurrentFolderDefault() { return std::u16string(u".") + kDelimiter; }

std::u16string NormalizeFolder(const std::u16string &folder) {
  std::u16string result = Absolute(folder);
  if (!EndsWithDelimiter(result)) result.push_back(kDelimiter);
  return result;
}

std::u16string NormalizePath(const std::u16string &path) {
  bool bareName = !path.empty() && path != u"." && path != u"..";
  for (char16_t c : path) {
    if (IsDelimiter(c) || c == u':') bareName = false;
  }
  if (bareName) return path;
  std::u16string result = Absolute(path);
  if (EndsWithDelimiter(path) && !EndsWithDelimiter(result)) result.push_back(kDelimiter);
  return result;
}

std::u16string Join(const std::u16string &folder, const std::u16string &relative) {
  std::u16string joined = folder;
  if (!joined.empty() && !EndsWithDelimiter(joined)) joined.push_back(kDelimiter);
  joined += relative;
  std::u16string result = Absolute(joined);
  if (EndsWithDelimiter(relative) && !EndsWithDelimiter(result)) result.push_back(kDelimiter);
  return result;
}

std::u16string FolderOf(const std::u16string &path) {
  std::size_t end = path.size();
  while (end > 0 && !IsDelimiter(path[end - 1])) --end;
  return end == 0 ? CurrentFolderDefault() : path.substr(0, end);
}

bool SamePath(const std::u16string &a, const std::u16string &b) {
#if defined(_WIN32)
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char16_t x = FoldCase(a[i]), y = FoldCase(b[i]);
    if (IsDelimiter(x) && IsDelimiter(y)) continue;
    if (x != y) return false;
  }
  return true;
#else
  return a == b;
#endif
}

bool FolderExists(const std::u16string &folder) {
  std::error_code error;
  return fs::is_directory(ToFsPath(folder), error);
}

bool CreateFolders(const std::u16string &folder) {
  std::error_code error;
  const fs::path path = ToFsPath(folder);
  if (fs::is_directory(path, error)) return true;
  fs::create_directories(path, error);
  return fs::is_directory(path, error);
}

}  // namespace paths
}  // namespace emu
