// node-addon-api as every file of the addon includes it, with one setting for them all.
//
// A Worker being torn down cannot run JavaScript: N-API calls then fail, and by default
// node-addon-api turns such a failure while building or throwing an error into a fatal
// error of the whole process. With this setting it leaves the exception unthrown instead,
// and the addon's own code decides what the failure means (native_session.cc settles no
// more calls, instance_calls.cc undoes an instance nobody can receive).
#pragma once

#ifndef NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#define NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS
#endif

#include <napi.h>
