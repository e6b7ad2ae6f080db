// The C runtime start-up that ESE's DLL entry point asks for. With MSVC, _CRT_INIT runs the
// C and C++ initialisers. mingw-w64 splits that: its DllMainCRTStartup applies the runtime
// pseudo-relocations, calls _CRT_INIT (C initialisers, and the DLL's atexit table on
// detach) and then __main (C++ static constructors, destructors registered with that
// atexit). ESE's DLLEntryPoint replaces DllMainCRTStartup, so it gets all three here, in
// that order, after its own OS-layer pre-initialisation.
#include <windows.h>

BOOL WINAPI _CRT_INIT(HANDLE hinstDLL, DWORD fdwReason, LPVOID lpvReserved);
void __main(void);
void _pei386_runtime_relocator(void);

BOOL WINAPI EsentCrtInit(void *hinstDLL, DWORD fdwReason, LPVOID lpvReserved)
{
    if (fdwReason != DLL_PROCESS_ATTACH) return _CRT_INIT(hinstDLL, fdwReason, lpvReserved);
    _pei386_runtime_relocator();
    if (!_CRT_INIT(hinstDLL, fdwReason, lpvReserved)) return FALSE;
    __main();
    return TRUE;
}

// ESE's entry point seeds MSVC's /GS stack-protection cookie. Code built here has no /GS
// checks, so there is nothing to seed; mingw-w64's runtime does not have this function.
void __cdecl __security_init_cookie(void)
{
}
