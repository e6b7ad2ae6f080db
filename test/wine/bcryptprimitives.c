/*
 * bcryptprimitives.dll for the Wine test prefix only.
 *
 * Native modules built with current Rust (rolldown and lightningcss, which vitest loads)
 * import ProcessPrng from bcryptprimitives.dll. Wine 8.0 has no such DLL, so loading them
 * fails with "Module not found". This one-function DLL supplies ProcessPrng on top of
 * RtlGenRandom (advapi32's SystemFunction036), which Wine implements.
 *
 * scripts/windows/run-wine-tests.mjs builds it with mingw-w64 into the private prefix's
 * system32. It is never shipped and never used on Windows.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!RtlGenRandom(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
