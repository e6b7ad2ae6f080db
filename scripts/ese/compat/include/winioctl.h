// mingw-w64's winioctl.h lacks two FSCTL_MARK_HANDLE flags that the Windows SDK defines;
// this wrapper adds them (values as documented) and includes the real header.
#include_next <winioctl.h>

#ifndef MARK_HANDLE_READ_COPY
#define MARK_HANDLE_READ_COPY 0x00000080
#endif
#ifndef MARK_HANDLE_NOT_READ_COPY
#define MARK_HANDLE_NOT_READ_COPY 0x00000100
#endif
