// MSVC's process.h declares _CRT_INIT, the C runtime's DLL initialisation, when
// _DECL_DLLMAIN is defined; ESE's DLL entry point calls it. Here it is routed to
// EsentCrtInit (scripts/ese/compat/crtinit.c), which runs mingw-w64's _CRT_INIT and also
// the static constructors that mingw-w64 runs from its own entry point. No include guard:
// dllentry.cxx defines _DECL_DLLMAIN before including this header a second time.
#include_next <process.h>

#if defined(_DECL_DLLMAIN) && !defined(ESENT_DECLARED_CRT_INIT)
#define ESENT_DECLARED_CRT_INIT
#ifdef __cplusplus
extern "C"
#endif
BOOL WINAPI EsentCrtInit(void *hinstDLL, DWORD fdwReason, LPVOID lpvReserved);
#define _CRT_INIT EsentCrtInit
#endif
