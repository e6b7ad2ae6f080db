// Errors raised by the binding itself rather than the engine. Each carries a `code`
// string to switch on:
//   ERR_ESENT_SESSION_ENDED    a call on a session that has ended (or is ending)
//   ERR_ESENT_SESSION_BUSY     a ...Sync call while async calls are queued on the session
//   ERR_ESENT_INSTANCE_CLOSED  a call on an instance that is closed (or closing)
//   ERR_ESENT_LIBRARY_LOAD     the engine library could not be loaded (names the path)
//   ERR_ESENT_ALREADY_LOADED   configure({ library }) after another library was loaded
//   ERR_ESENT_DATABASE_CLOSED  a call on a Database that was closed or detached
//   ERR_ESENT_TABLE_CLOSED     a call on a Table that was closed
//   ERR_ESENT_SCHEMA_MISMATCH  openTable's schema does not match the stored table
//   ERR_ESENT_NO_BUILD         no native addon fits this platform, or it cannot be loaded
//   ERR_ESENT_POOL_CLOSED      a claim on a session pool that is closed (or closing)
//   ERR_ESENT_POOL_TIMEOUT     no session of the pool came free within the run's timeout
//   ERR_ESENT_POOL_SESSION     end() on a pool session: the pool ends its sessions
//   ERR_ESENT_HANDOFF_STALE    pool.adopt with a hand-off already adopted, or rolled back
//   ERR_ESENT_TRANSACTION_LEFT_OPEN  a pool run left nested levels open (rolled back)

export type EsentBindingErrorCode =
  | 'ERR_ESENT_SESSION_ENDED'
  | 'ERR_ESENT_SESSION_BUSY'
  | 'ERR_ESENT_INSTANCE_CLOSED'
  | 'ERR_ESENT_LIBRARY_LOAD'
  | 'ERR_ESENT_ALREADY_LOADED'
  | 'ERR_ESENT_DATABASE_CLOSED'
  | 'ERR_ESENT_TABLE_CLOSED'
  | 'ERR_ESENT_SCHEMA_MISMATCH'
  | 'ERR_ESENT_NO_BUILD'
  | 'ERR_ESENT_POOL_CLOSED'
  | 'ERR_ESENT_POOL_TIMEOUT'
  | 'ERR_ESENT_POOL_SESSION'
  | 'ERR_ESENT_HANDOFF_STALE'
  | 'ERR_ESENT_TRANSACTION_LEFT_OPEN';

export function bindingError(code: EsentBindingErrorCode, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
