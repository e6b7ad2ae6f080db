// esent: a Node.js binding for the Extensible Storage Engine.
//
//   jet        the raw API, one synchronous function per Jet entry point
//   Instance   an initialised instance; Session, a session whose calls queue on the pool
//   EsentError and its subclasses, one per JET error, under the ESE categories
//   JET_* constants under their ESE names

export * from './errors/index.js';
export * from './constants.js';
export { jet, type JetApi, type JetErrorInfo, type JetSystemParameterValue } from './jet.js';
export { configure, engineInfo, loadEngine, type ConfigureOptions, type EngineInfo } from './configure.js';
export { Instance, type InstanceOptions, type CloseOptions, type SystemParameter } from './instance.js';
export {
  Session,
  type BeginTransactionOptions,
  type CommitOptions,
  type RollbackOptions,
} from './session.js';
export { type EsentBindingErrorCode } from './binding-errors.js';
