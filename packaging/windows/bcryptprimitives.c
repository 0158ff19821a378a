/* Wine 8.0 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng the Rust standard library in python-calamine
   imports; Wine 10.0 and every Windows 10/11 have it. build-on-linux.sh builds this stand-in into the Wine prefix's
   system32 only when the DLL is missing there. It is for testing under Wine: PyInstaller never collects system32's
   DLLs, so it never enters the app. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    return BCryptGenRandom(NULL, data, (ULONG)length, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
