// Force-included before every ESE translation unit (clang -include). Makes MSVC-only
// constructs of ESE's source compile with clang for x86_64-w64-windows-gnu against
// mingw-w64's headers. Nothing here changes what the engine does.
#pragma once

// ESE includes windows.h lean, after headers of its own that define macros such as Alloc.
// mingw-w64's intsafe.h, which ESE includes before windows.h, pulls in windows.h and ole2.h
// (the Windows SDK's does not), whose declarations those macros break. So windows.h comes
// first, lean.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif

#ifdef __cplusplus
// libstdc++ uses names (__in, __out, ...) that ESE's SAL-style macros define: take its
// headers first, while those names are still free.
#include <algorithm>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <cmath>
#include <math.h>
#include <stdlib.h>
#include <cwchar>
#include <cstdarg>
#include <cstdint>

// std::size is C++17; ESE, built as C++14 here as MSVC builds it by default, uses it once.
#if __cplusplus < 201703L
namespace std {
template <class T, size_t N>
constexpr size_t size(const T (&)[N]) noexcept { return N; }
}  // namespace std
#endif

// With -fno-exceptions libstdc++ defines __try and __catch as macros; ESE's __try is
// Windows' structured exception handling keyword.
#undef __try
#undef __catch

// MSVC's windows.h defines min and max as macros in C++ too, and ESE uses them so;
// libstdc++ defines NOMINMAX to keep mingw-w64's windows.h from doing it. MSVC's macros
// expand to a conditional expression, and ESE passes them its endian and alignment wrappers
// (LittleEndian<T>, Unaligned<T>, ...) beside plain integers: MSVC converts the wrapper to
// its integer, clang finds both conversions and rejects the expression as ambiguous. These
// do what MSVC does: a class operand is taken as the arithmetic value it converts to. They
// are constexpr, as ESE also uses min and max in array sizes.
#undef NOMINMAX
namespace EsentMinMax {
template <class T>
using IsClass = std::is_class<typename std::remove_reference<T>::type>;
template <class T>
constexpr typename std::enable_if<!IsClass<T>::value, T &&>::type Value(T &&v) { return static_cast<T &&>(v); }
template <class T>
constexpr auto Value(T &&v) -> typename std::enable_if<IsClass<T>::value, decltype(+v)>::type { return +v; }
template <class A, class B>
using Result = typename std::decay<decltype(true ? Value(std::declval<A>()) : Value(std::declval<B>()))>::type;
template <class A, class B>
constexpr Result<A, B> Max(A &&a, B &&b) { return Value(a) > Value(b) ? Value(a) : Value(b); }
template <class A, class B>
constexpr Result<A, B> Min(A &&a, B &&b) { return Value(a) < Value(b) ? Value(a) : Value(b); }
}  // namespace EsentMinMax
#define max(a, b) EsentMinMax::Max((a), (b))
#define min(a, b) EsentMinMax::Min((a), (b))
#endif

// mingw-w64 spells __int8.. __int64 as macros for GCC; clang with -fms-extensions has them
// as keywords, which also allows MSVC's functional casts such as __int64( p ).
#undef __int8
#undef __int16
#undef __int32
#undef __int64

#include <windows.h>
#include <intsafe.h>

// The Windows SDK's UNREFERENCED_PARAMETER(P) is (P); mingw-w64's assigns P to itself,
// which fails for the const parameters ESE passes it.
#undef UNREFERENCED_PARAMETER
#define UNREFERENCED_PARAMETER(P) ((void)(P))

// MSVC's immintrin.h names the XCR0 register for _xgetbv.
#ifndef _XCR_XFEATURE_ENABLED_MASK
#define _XCR_XFEATURE_ENABLED_MASK 0
#endif

// Helpers of MSVC's C runtime headers that ESE uses.
#ifndef __ascii_toupper
static inline int __ascii_toupper(int c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }
static inline int __ascii_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
#endif
// An optimiser hint of MSVC (a bound on an index); no code.
#ifndef __assume_bound
#define __assume_bound(x)
#endif

// intsafe.h's maximum of UINT_PTR in the Windows SDK; mingw-w64's lacks it.
#ifndef UINT_PTR_MAX
#define UINT_PTR_MAX UINTPTR_MAX
#endif

// A marker of system-call declarations in the Windows SDK.
#ifndef __kernel_entry
#define __kernel_entry
#endif

// SAL annotations that mingw-w64 lacks, as empty macros (generated from ESE's source).
#include <sal.h>
#include <specstrings.h>
#include "esent_sal_noop.h"

// ESE includes strsafe.h with its deprecations on, before windows.h. The Windows SDK
// deprecates with #pragma deprecated; mingw-w64's strsafe.h does it by redefining names
// such as lstrcpyA, which then breaks windows.h. Take strsafe.h first, without them.
#include <tchar.h>
#define STRSAFE_NO_DEPRECATE
#include <strsafe.h>
#undef STRSAFE_NO_DEPRECATE
