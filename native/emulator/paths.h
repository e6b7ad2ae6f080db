// File-system paths the way ESE stores its path parameters: folders are made absolute and end
// with a delimiter, file paths are made absolute unless they are a bare file name.
#pragma once

#include <filesystem>
#include <string>

namespace emu {
namespace paths {

#if defined(_WIN32)
constexpr char16_t kDelimiter = u'\\';
#else
constexpr char16_t kDelimiter = u'/';
#endif

// A UTF-16 path as the file system API takes it.
std::filesystem::path ToFsPath(const std::u16string &text);

bool IsDelimiter(char16_t c);
bool EndsWithDelimiter(const std::u16string &path);
bool IsRelative(const std::u16string &path);

// "The current folder" spelled as ESE's default path parameters spell it.
std::u16string CurrentFolderDefault();

// Absolute, normalised, with a trailing delimiter (JET_paramSystemPath, JET_paramLogFilePath).
std::u16string NormalizeFolder(const std::u16string &folder);
// JET_paramTempPath: a bare file name stays as given, anything else is made absolute.
std::u16string NormalizePath(const std::u16string &path);
// `relative` resolved against `folder`.
std::u16string Join(const std::u16string &folder, const std::u16string &relative);
// The folder part of a file path (with its trailing delimiter).
std::u16string FolderOf(const std::u16string &path);

bool SamePath(const std::u16string &a, const std::u16string &b);
bool FolderExists(const std::u16string &folder);
bool CreateFolders(const std::u16string &folder);

}  // namespace paths
}  // namespace emu
