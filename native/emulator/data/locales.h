// The locales a Unicode index may name, and the LCMapString flags it may use: the checks ESE
// makes through Windows' NLS (os/norm.cxx ErrNORMLcidToLocale, ErrNORMCheckLocaleName,
// ErrNORMCheckLCMapFlags) with a table of locales in place of the operating system's.
#pragma once

#include <string>

#include "esent/jet_data_api.h"

namespace emu {
namespace data {

// LCMapString flags of an index (winnls.h values).
constexpr jet::ULong kLcmapSortKey = 0x00000400;
constexpr jet::ULong kLcmapUpperCase = 0x00000200;

// The name of a known LCID (LCIDToLocaleName); false for an LCID the table does not hold.
bool LcidToLocaleName(jet::ULong lcid, std::u16string *name);
// The LCID of a known locale name, compared without ASCII case; "" is the invariant locale.
bool LocaleNameToLcid(const std::u16string &name, jet::ULong *lcid);
// An index's map flags as ESE stores them: LCMAP_SORTKEY added unless the flags are exactly
// LCMAP_UPPERCASE; JET_errInvalidLCMapStringFlags for anything outside the sort-key flags.
jet::Err CheckedMapFlags(jet::ULong flags, jet::ULong *stored);

}  // namespace data
}  // namespace emu
