// The Windows SDK's slc.h (software licensing client). In mingw-w64 the functions ESENT
// uses are declared in slpublic.h.
#pragma once
#include <windows.h>
#include <slpublic.h>
