// The Windows SDK's appmodel.h, which ESENT's build includes, is not in mingw-w64. ESE needs
// one function from it, which it loads at run time.
#pragma once
#include <windows.h>

#ifndef APPMODEL_ERROR_NO_PACKAGE
#define APPMODEL_ERROR_NO_PACKAGE 15700L
#endif

#ifdef __cplusplus
extern "C" {
#endif
LONG WINAPI GetCurrentPackageFullName(UINT32 *packageFullNameLength, PWSTR packageFullName);
#ifdef __cplusplus
}
#endif
