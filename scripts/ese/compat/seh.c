// Structured exception handling for code built for x86_64-w64-windows-gnu, where clang
// parses __try/__except but emits no handler. This file is compiled for
// x86_64-pc-windows-msvc, where it does: EsentSehTry runs a body under a __try whose
// __except filter is a callback. It uses no headers, so that its calling convention and
// types are the plain x64 ones shared by both targets.
//
// Windows' unwinder walks the frames between the fault and this __try through their unwind
// tables, which clang emits for both targets; frames built without C++ exceptions run no
// destructors on the way, as with MSVC's /EHs-c-.

struct _EXCEPTION_POINTERS;

typedef void (*EsentSehBody)(void *context);
typedef long (*EsentSehFilter)(struct _EXCEPTION_POINTERS *exception, void *context);

// Returns 1 when body returned, 0 when the filter chose to handle an exception (returned
// EXCEPTION_EXECUTE_HANDLER, 1); the filter may also return EXCEPTION_CONTINUE_SEARCH (0)
// or EXCEPTION_CONTINUE_EXECUTION (-1).
int EsentSehTry(EsentSehBody body, EsentSehFilter filter, void *context)
{
    __try
    {
        body(context);
        return 1;
    }
    __except (filter((struct _EXCEPTION_POINTERS *)_exception_info(), context))
    {
        return 0;
    }
}
