// Windows' internal statemanager.h, which ESENT's build includes: the state-folder
// functions of packaged applications. ESE loads them at run time, and uses them only when
// the process is a packaged application.
#pragma once
#include <windows.h>

typedef void *HSTATE;
#define INVALID_STATE_HANDLE NULL

typedef enum tag_STATE_PERSIST_ATTRIB {
  STATE_PERSIST_UNDEFINED = 0,
  STATE_PERSIST_LOCAL,
  STATE_PERSIST_ROAMING,
  STATE_PERSIST_TEMP,
  STATE_PERSIST_LAST
} STATE_PERSIST_ATTRIB;

#ifdef __cplusplus
extern "C" {
#endif
HSTATE WINAPI OpenState(void);
BOOL WINAPI CloseState(HSTATE hState);
BOOL WINAPI GetStateFolder(HSTATE hState, STATE_PERSIST_ATTRIB persistAttrib, LPWSTR pPath, PUINT32 pPathCch);
#ifdef __cplusplus
}
#endif
