#include "utf16.h"

#include <cstdint>

namespace emu {

std::u16string FromJetString(const jet::WChar *text) {
  std::u16string result;
  if (text == nullptr) return result;
  for (const jet::WChar *p = text; *p != 0; ++p) result.push_back(static_cast<char16_t>(*p));
  return result;
}

bool CopyToJetBuffer(const std::u16string &text, jet::WChar *buffer, std::size_t cbMax) {
  const std::size_t capacity = cbMax / sizeof(jet::WChar);
  if (buffer == nullptr || capacity == 0) return false;
  const bool fits = text.size() + 1 <= capacity;
  const std::size_t count = fits ? text.size() : capacity - 1;
  for (std::size_t i = 0; i < count; ++i) buffer[i] = static_cast<jet::WChar>(text[i]);
  buffer[count] = 0;
  return fits;
}

std::string Utf16ToUtf8(const std::u16string &text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t cp = text[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate has no UTF-8 form
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::u16string Utf8ToUtf16(const std::string &text) {
  std::u16string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    std::uint32_t cp;
    std::size_t length;
    if (lead < 0x80) {
      cp = lead;
      length = 1;
    } else if ((lead >> 5) == 0x6) {
      cp = lead & 0x1F;
      length = 2;
    } else if ((lead >> 4) == 0xE) {
      cp = lead & 0x0F;
      length = 3;
    } else if ((lead >> 3) == 0x1E) {
      cp = lead & 0x07;
      length = 4;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (i + length > text.size()) {
      out.push_back(0xFFFD);
      break;
    }
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

}  // namespace emu
