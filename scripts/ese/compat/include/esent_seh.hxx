// ESE's TRY / EXCEPT( filter ) / ENDEXCEPT blocks (published/inc/os/error.hxx), made to work
// with clang for x86_64-w64-windows-gnu, which parses __try/__except but emits no handler.
// The patch "structured-exceptions" defines ESE's macros as the ones below, which turn
//
//     TRY { body } EXCEPT( filter ) { handler } ENDEXCEPT
//
// into one expression that hands three lambdas to EsentSehTry (scripts/ese/compat/seh.c,
// compiled for x86_64-pc-windows-msvc, where __try/__except work):
//
//     EsentSehStart() + [&]{ body } , [&]( EXCEPTION_POINTERS* ){ return filter; } , [&]{ handler };
//
// The filter runs during dispatch, at the point of the exception, as with __except; the
// handler runs after the unwind. ExceptionInfo() in a filter reads the exception record.
// Inside the body, return, break, continue and goto leave a lambda rather than the
// function, so the patch moves the few bodies that do so.
#pragma once

#include <windows.h>

extern "C" int EsentSehTry(void (*body)(void *context), long (*filter)(EXCEPTION_POINTERS *exception, void *context), void *context);

struct EsentSehStart {};

template <class Body>
struct EsentSehGuarded {
  Body &body;
};

template <class Body, class Filter>
struct EsentSehFiltered {
  Body &body;
  Filter &filter;
};

template <class Body>
inline EsentSehGuarded<Body> operator+(EsentSehStart, Body &&body) {
  return {body};
}

template <class Body, class Filter>
inline EsentSehFiltered<Body, Filter> operator,(EsentSehGuarded<Body> guarded, Filter &&filter) {
  return {guarded.body, filter};
}

template <class Body, class Filter, class Handler>
inline void operator,(EsentSehFiltered<Body, Filter> filtered, Handler &&handler) {
  struct Context {
    Body *body;
    Filter *filter;
  } context = {&filtered.body, &filtered.filter};
  const int completed = EsentSehTry(
      [](void *p) { (*static_cast<Context *>(p)->body)(); },
      [](EXCEPTION_POINTERS *exception, void *p) -> long { return (*static_cast<Context *>(p)->filter)(exception); },
      &context);
  if (!completed) handler();
}

#define ESENT_SEH_TRY EsentSehStart() + [&]() -> void
#define ESENT_SEH_EXCEPT(filter) , [&](EXCEPTION_POINTERS *const esentSehException) -> long { return (long)(filter); }, [&]() -> void
#define ESENT_SEH_ENDEXCEPT ;
#define ESENT_SEH_EXCEPTION_INFO() ((DWORD_PTR)(esentSehException))
