// A stand-in for Windows' bcryptprimitives.dll, for the Wine test only
// (scripts/package-test.sh puts it in the test's own Wine prefix; the
// installer never ships it).
//
// Go 1.24 and later ask bcryptprimitives.dll for ProcessPrng at start.
// Windows has had it since Windows 10 and Wine since 8.13, but Debian 12's
// Wine is 8.0, where every Go program stops with "bcryptprimitives.dll not
// found". RtlGenRandom (advapi32's SystemFunction036), which Wine 8.0 has,
// gives the same random bytes.
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n)) {
			return FALSE;
		}
		data += n;
		len -= n;
	}
	return TRUE;
}
