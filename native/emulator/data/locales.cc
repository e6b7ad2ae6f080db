// Locale names and LCIDs of Unicode indexes, and their map flags.
#include "locales.h"

#include <cstddef>

namespace emu {
namespace data {
namespace {

struct KnownLocale {
  jet::ULong lcid;
  const char16_t *name;
};

// Windows' LCIDs and names of the locales most used; LOCALE_INVARIANT is "". An index naming
// a locale outside this table is refused, where Windows would know it.
constexpr KnownLocale kLocales[] = {
    {0x007F, u""},      {0x0007, u"de"},    {0x0009, u"en"},    {0x000A, u"es"},    {0x000C, u"fr"},
    {0x0010, u"it"},    {0x0011, u"ja"},    {0x0016, u"pt"},    {0x0019, u"ru"},    {0x0401, u"ar-SA"},
    {0x0402, u"bg-BG"}, {0x0403, u"ca-ES"}, {0x0404, u"zh-TW"}, {0x0405, u"cs-CZ"}, {0x0406, u"da-DK"},
    {0x0407, u"de-DE"}, {0x0408, u"el-GR"}, {0x0409, u"en-US"}, {0x040B, u"fi-FI"}, {0x040C, u"fr-FR"},
    {0x040D, u"he-IL"}, {0x040E, u"hu-HU"}, {0x040F, u"is-IS"}, {0x0410, u"it-IT"}, {0x0411, u"ja-JP"},
    {0x0412, u"ko-KR"}, {0x0413, u"nl-NL"}, {0x0414, u"nb-NO"}, {0x0415, u"pl-PL"}, {0x0416, u"pt-BR"},
    {0x0418, u"ro-RO"}, {0x0419, u"ru-RU"}, {0x041A, u"hr-HR"}, {0x041B, u"sk-SK"}, {0x041D, u"sv-SE"},
    {0x041E, u"th-TH"}, {0x041F, u"tr-TR"}, {0x0421, u"id-ID"}, {0x0422, u"uk-UA"}, {0x0424, u"sl-SI"},
    {0x0425, u"et-EE"}, {0x0426, u"lv-LV"}, {0x0427, u"lt-LT"}, {0x042A, u"vi-VN"}, {0x0439, u"hi-IN"},
    {0x0804, u"zh-CN"}, {0x0807, u"de-CH"}, {0x0809, u"en-GB"}, {0x080A, u"es-MX"}, {0x080C, u"fr-BE"},
    {0x0810, u"it-CH"}, {0x0813, u"nl-BE"}, {0x0816, u"pt-PT"}, {0x0C04, u"zh-HK"}, {0x0C07, u"de-AT"},
    {0x0C09, u"en-AU"}, {0x0C0A, u"es-ES"}, {0x0C0C, u"fr-CA"}, {0x1004, u"zh-SG"}, {0x1009, u"en-CA"},
    {0x100C, u"fr-CH"}, {0x1409, u"en-NZ"}, {0x1809, u"en-IE"}, {0x4009, u"en-IN"},
};

// LOCALE_USER_DEFAULT and LOCALE_SYSTEM_DEFAULT: the emulator's user and system are en-US.
constexpr jet::ULong kUserDefault = 0x0400;
constexpr jet::ULong kSystemDefault = 0x0800;

char16_t AsciiLower(char16_t c) { return c >= u'A' && c <= u'Z' ? static_cast<char16_t>(c - u'A' + u'a') : c; }

bool SameName(const std::u16string &a, const char16_t *b) {
  std::size_t i = 0;
  for (; i < a.size(); ++i) {
    if (b[i] == 0 || AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return b[i] == 0;
}

// The sort-key flags ESE accepts (norm.cxx): LCMAP_BYTEREV, NORM_IGNORECASE,
// NORM_IGNORENONSPACE, NORM_IGNORESYMBOLS, LINGUISTIC_IGNORECASE, LINGUISTIC_IGNOREDIACRITIC,
// SORT_DIGITSASNUMBERS, NORM_IGNOREKANATYPE, NORM_IGNOREWIDTH, NORM_LINGUISTIC_CASING,
// SORT_STRINGSORT.
constexpr jet::ULong kSortKeyFlags = 0x00000800 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000010 | 0x00000020 |
                                     0x00000008 | 0x00010000 | 0x00020000 | 0x08000000 | 0x00001000;

}  // namespace

bool LcidToLocaleName(jet::ULong lcid, std::u16string *name) {
  if (lcid == kUserDefault || lcid == kSystemDefault) lcid = 0x0409;
  for (const KnownLocale &known : kLocales) {
    if (known.lcid == lcid) {
      *name = known.name;
      return true;
    }
  }
  return false;
}

bool LocaleNameToLcid(const std::u16string &name, jet::ULong *lcid) {
  for (const KnownLocale &known : kLocales) {
    if (SameName(name, known.name)) {
      *lcid = known.lcid;
      return true;
    }
  }
  return false;
}

jet::Err CheckedMapFlags(jet::ULong flags, jet::ULong *stored) {
  // LCMAP_UPPERCASE alone (allowed from format version JET_efvUppercaseTextNormalization, which
  // the emulator's databases have) cannot be combined with LCMAP_SORTKEY.
  if (flags == kLcmapUpperCase) {
    *stored = flags;
    return jet::err::Success;
  }
  flags |= kLcmapSortKey;
  if ((flags & ~kSortKeyFlags) != kLcmapSortKey) return jet::err::InvalidLCMapStringFlags;
  *stored = flags;
  return jet::err::Success;
}

}  // namespace data
}  // namespace emu
