// Errors raised by the binding itself rather than the engine. Each carries a `code`
// string to switch on:
//   ERR_ESENT_SESSION_ENDED    a call on a session that has ended (or is ending)
//   ERR_ESENT_SESSION_BUSY     a ...Sync call while async calls are queued on the session
//   ERR_ESENT_INSTANCE_CLOSED  a call on an instance that is closed (or closing)
//   ERR_ESENT_LIBRARY_LOAD     the engine library could not be loaded (names the path)
//   ERR_ESENT_ALREADY_LOADED   configure({ library }) after another library was loaded

export type EsentBindingErrorCode =
  | 'ERR_ESENT_SESSION_ENDED'
  | 'ERR_ESENT_SESSION_BUSY'
  | 'ERR_ESENT_INSTANCE_CLOSED'
  | 'ERR_ESENT_LIBRARY_LOAD'
  | 'ERR_ESENT_ALREADY_LOADED';

export function bindingError(code: EsentBindingErrorCode, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
