// JET strings are UTF-16 (WCHAR). The emulator keeps them as std::u16string whatever the
// platform's wchar_t is, and converts only where the file system needs it.
#pragma once

#include <cstddef>
#include <string>

#include "esent/jet_api.h"

namespace emu {

// Copies a null-terminated JET string; null gives an empty string.
std::u16string FromJetString(const jet::WChar *text);

// Writes `text` and its terminator into a caller buffer of `cbMax` bytes. When it does not fit,
// writes as much as fits (still terminated) and returns false.
bool CopyToJetBuffer(const std::u16string &text, jet::WChar *buffer, std::size_t cbMax);

std::string Utf16ToUtf8(const std::u16string &text);
std::u16string Utf8ToUtf16(const std::string &text);

}  // namespace emu
