// esent: a Node.js binding for the Extensible Storage Engine.
//
//   jet        the raw API, one synchronous function per Jet entry point
//   Instance   an initialised instance; Session, a session whose calls queue on the pool
//   SessionPool  sessions shared by every thread of the process, claimed per run
//   Database, Table  typed data access, each call one trip to the pool in the session's context
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
  type CreateDatabaseOptions,
  type OpenDatabaseOptions,
  type OpenOrCreateDatabaseOptions,
} from './session.js';
export {
  SessionPool,
  PoolRun,
  type SessionPoolToken,
  type SessionPoolOptions,
  type HandOffToken,
  type RunOptions,
  type AdoptOptions,
  type ClaimOptions,
} from './pool.js';
export { type EsentBindingErrorCode } from './binding-errors.js';
export {
  encodeColumnValue,
  decodeColumnValue,
  type ColumnValue,
  type ColumnValueTypes,
  type ColumnInputTypes,
} from './column-values.js';
export type * from './jet-data-types.js';
export { Database, SchemaMismatchError, type OpenTableOptions } from './database.js';
export { Table, type FindOptions, type CountOptions, type IndexOption } from './table.js';
export type {
  TableSchema,
  ColumnDefinition,
  IndexDefinition,
  ColumnTypeName,
  SchemaValueTypes,
  StoredValue,
  RowOf,
  InsertOf,
  UpdateOf,
  KeyOf,
  KeyTuple,
  KeyPrefixOf,
  IndexName,
  PrimaryIndexName,
  WithColumn,
  WithoutColumn,
  WithIndex,
  WithoutIndex,
} from './schema.js';
