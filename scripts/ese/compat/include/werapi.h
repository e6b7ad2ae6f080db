// mingw-w64's werapi.h uses three names it does not declare; the Windows SDK declares them.
// This wrapper declares them (values as documented for werapi.h) and includes the real one.
#pragma once
#include <windows.h>

typedef HANDLE HREPORT;
#ifndef WER_MAX_PREFERRED_MODULES_BUFFER
#define WER_MAX_PREFERRED_MODULES_BUFFER 256
#endif
#define PWER_SUBMIT_RESULT WER_SUBMIT_RESULT *

#include_next <werapi.h>
