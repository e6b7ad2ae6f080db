// A database opened by a session (JetCreateDatabase2 / JetAttachDatabase2 +
// JetOpenDatabase / JetOpenDatabase): where its tables are created and opened.

import { bindingError } from './binding-errors.js';
import { schemaFromCatalog } from './catalog-schema.js';
import { atCallSite, callSite, rethrowAt, type ErrorContext } from './error-context.js';
import { EsentObjectNotFoundError, EsentTableDuplicateError } from './errors/index.js';
import type { NativeSessionObject, NativeOpenedTable } from './native.js';
import {
  compileSchema,
  tableCreateSpec,
  typeNameOfColtyp,
  type CompiledSchema,
  type TableSchema,
} from './schema.js';
import type { LinkedSession as Session } from './facade-links.js';
import { Table, type TableOwner } from './table.js';
import { JET_bitColumnAutoincrement, JET_bitColumnMultiValued, JET_bitTableReadOnly } from './constants.js';
import { JET_errColumnDuplicate, JET_errIndexDuplicate } from './errors/codes.g.js';

// ESE compares column and index names without case, and its catalog refuses the second of
// two such names without saying which one it was (fcreate.cxx leaves every error field of
// JET_TABLECREATE clear for a duplicate): the schema tells.
function sameNameTwice(schema: TableSchema, error: unknown): ErrorContext {
  const errno = (error as { errno?: unknown } | null)?.errno;
  const second = (names: string[]) => {
    const seen = new Set<string>();
    return names.find((name) => {
      const folded = name.toLowerCase();
      if (seen.has(folded)) return true;
      seen.add(folded);
      return false;
    });
  };
  if (errno === JET_errColumnDuplicate) return { column: second(Object.keys(schema.columns)) };
  if (errno === JET_errIndexDuplicate) return { index: second(Object.keys(schema.indexes ?? {})) };
  return {};
}

export interface OpenTableOptions {
  /** JET_bitTableReadOnly: updates through this table fail with an engine error. */
  readOnly?: boolean;
}

/** The error for a stored table that does not match the schema given to openTable. */
export class SchemaMismatchError extends TypeError {
  readonly code = 'ERR_ESENT_SCHEMA_MISMATCH';
  /** Every difference found, one per entry. */
  readonly differences: string[];
  constructor(table: string, differences: string[]) {
    super(`table '${table}' does not match the schema: ${differences.join('; ')}`);
    this.name = 'SchemaMismatchError';
    this.differences = differences;
  }
}

function differencesOf(schema: CompiledSchema, opened: NativeOpenedTable): string[] {
  const differences: string[] = [];
  schema.columns.forEach((column, i) => {
    const stored = opened.columns[i];
    if (!stored) {
      differences.push(`column '${column.name}' is missing`);
      return;
    }
    if (stored.coltyp !== column.coltyp) {
      differences.push(`column '${column.name}' is ${typeNameOfColtyp(stored.coltyp)}, not ${column.type}`);
    }
    const multi = (stored.grbit & JET_bitColumnMultiValued) !== 0;
    if (multi !== column.multiValued) {
      differences.push(`column '${column.name}' is ${multi ? '' : 'not '}multi-valued`);
    }
    const auto = (stored.grbit & JET_bitColumnAutoincrement) !== 0;
    if (auto !== column.autoIncrement) {
      differences.push(`column '${column.name}' is ${auto ? '' : 'not '}autoincrement`);
    }
    if (column.cp !== 0 && stored.cp !== 0 && stored.cp !== column.cp) {
      differences.push(`column '${column.name}' has code page ${stored.cp}, not ${column.cp}`);
    }
  });
  for (const index of opened.missingIndexes) differences.push(`index '${index}' is missing`);
  return differences;
}

/** A database as one session sees it. */
export class Database implements TableOwner {
  readonly #session: Session;
  readonly #native: NativeSessionObject;
  readonly #path: string;
  readonly #dbid: number;
  readonly #tables = new Set<Table<TableSchema>>();
  #closing: Promise<void> | undefined;
  #closed = false;

  /** @internal Use session.createDatabase, attachDatabase or openDatabase. */
  constructor(session: Session, nativeSession: NativeSessionObject, path: string, dbid: number) {
    this.#session = session;
    this.#native = nativeSession;
    this.#path = path;
    this.#dbid = dbid;
  }

  get session(): Session {
    return this.#session;
  }

  /** The path it was opened with. */
  get path(): string {
    return this.#path;
  }

  /** The JET_DBID. */
  get dbid(): number {
    return this.#dbid;
  }

  /** True once close() has begun or the session has ended. */
  get closed(): boolean {
    return this.#closed || this.#closing !== undefined || this.#session.ended;
  }

  /** Tables opened through this object and not closed. */
  get openTables(): number {
    return this.#tables.size;
  }

  #check(what: string): void {
    this.#session.checkUsable(`database.${what}`);
    if (this.#closed || this.#closing !== undefined) {
      throw bindingError('ERR_ESENT_DATABASE_CLOSED', `database.${what}: the database is closed`);
    }
  }

  async #bind<S extends TableSchema>(schema: CompiledSchema, opened: NativeOpenedTable): Promise<Table<S>> {
    const differences = differencesOf(schema, opened);
    if (differences.length > 0) {
      await this.#native.closeCursor(opened.cursor).catch(() => undefined);
      throw new SchemaMismatchError(schema.table, differences);
    }
    const columnids = opened.columns.map((column) => column!.columnid);
    const table = new Table<S>(this, this.#native, schema, opened.cursor, columnids);
    this.#tables.add(table as unknown as Table<TableSchema>);
    return table;
  }

  /**
   * Creates a table with its columns and indexes in one call
   * (JetCreateTableColumnIndex3) and opens it. The schema's type gives the row type.
   */
  createTable<const S extends TableSchema>(name: string, schema: S): Promise<Table<S>> {
    const site = callSite(this.createTable);
    return (async () => {
      this.#check('createTable');
      const compiled = compileSchema(name, schema);
      const opened = await this.#native
        .createTable(this.#dbid, tableCreateSpec(compiled))
        .catch((error: unknown) => rethrowAt(site, { path: this.#path, table: name, ...sameNameTwice(schema, error) })(error));
      return this.#bind<S>(compiled, opened);
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /**
   * Opens an existing table (JetOpenTable).
   *
   * With a schema: columns are looked up by name (JetGetTableColumnInfo) and their stored
   * types checked, and the schema's indexes must exist. A difference rejects with
   * SchemaMismatchError (the schema's default values and lengths are not compared).
   *
   * Without one: the schema is read from the catalog (the JetGetTableColumnInfo and
   * JetGetTableIndexInfo lists), and the rows are typed loosely (see `table.schema`).
   *
   * A missing table rejects with EsentObjectNotFoundError.
   */
  openTable(name: string, schema?: null, options?: OpenTableOptions): Promise<Table<TableSchema>>;
  openTable<const S extends TableSchema>(name: string, schema: S, options?: OpenTableOptions): Promise<Table<S>>;
  openTable<const S extends TableSchema>(
    name: string,
    schema?: S | null,
    options: OpenTableOptions = {},
  ): Promise<Table<S>> {
    const site = callSite(this.openTable);
    return (async () => {
      this.#check('openTable');
      let given: TableSchema;
      if (schema === undefined || schema === null) {
        if (typeof name !== 'string') throw new TypeError('openTable: the table name must be a string');
        const description = await this.#native.describeTable(this.#dbid, name).catch(rethrowAt(site, { path: this.#path, table: name }));
        given = schemaFromCatalog(description);
      } else {
        given = schema;
      }
      const compiled = compileSchema(name, given);
      const opened = await this.#native
        .openTable(
          this.#dbid,
          name,
          compiled.columns.map((column) => column.name),
          [...compiled.indexes.keys()],
          options.readOnly ? JET_bitTableReadOnly : 0,
        )
        .catch(rethrowAt(site, { path: this.#path, table: name }));
      return this.#bind<S>(compiled, opened);
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /**
   * Opens the table if it exists, checking it against the schema as openTable does, and
   * creates it (as createTable does) if it does not. For a program that runs against a
   * new database and an existing one alike.
   */
  openOrCreateTable<const S extends TableSchema>(name: string, schema: S): Promise<Table<S>> {
    const site = callSite(this.openOrCreateTable);
    return (async () => {
      try {
        return await this.openTable(name, schema);
      } catch (error) {
        if (!(error instanceof EsentObjectNotFoundError)) throw error;
      }
      try {
        return await this.createTable(name, schema);
      } catch (error) {
        // Another session created it in between: open what it made.
        if (!(error instanceof EsentTableDuplicateError)) throw error;
        return await this.openTable(name, schema);
      }
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /** The names of the database's tables (JetGetObjectInfo), system tables left out. */
  tables(): Promise<string[]> {
    const site = callSite(this.tables);
    return (async () => {
      this.#check('tables');
      return await this.#native.listTables(this.#dbid).catch(rethrowAt(site, { path: this.#path }));
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /**
   * Deletes a table with its rows and indexes (JetDeleteTable). The tables of that name
   * opened through this object are closed first; ESE refuses (EsentTableInUseError) while
   * any other cursor has it open. Inside a transaction, a rollback brings it back.
   */
  deleteTable(name: string): Promise<void> {
    const site = callSite(this.deleteTable);
    return (async () => {
      this.#check('deleteTable');
      if (typeof name !== 'string') throw new TypeError('deleteTable: the table name must be a string');
      const folded = name.toLowerCase();
      await Promise.all([...this.#tables].filter((table) => table.name.toLowerCase() === folded).map((table) => table.close()));
      await this.#native.deleteTable(this.#dbid, name).catch(rethrowAt(site, { path: this.#path, table: name }));
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /**
   * Renames a table (JetRenameTable). Allowed inside a transaction (a rollback undoes it)
   * and while cursors have the table open; a name in use rejects with the engine's error.
   * Tables already open keep working; their `name` is the one they were opened with.
   */
  renameTable(name: string, newName: string): Promise<void> {
    const site = callSite(this.renameTable);
    return (async () => {
      this.#check('renameTable');
      if (typeof name !== 'string' || typeof newName !== 'string') {
        throw new TypeError('renameTable: the table names must be strings');
      }
      await this.#native.renameTable(this.#dbid, name, newName).catch(rethrowAt(site, { path: this.#path, table: name }));
    })().catch((error: unknown) => Promise.reject(atCallSite(error, site)));
  }

  /** @internal A table of this database on a cursor the addon opened, checked against `schema`. */
  bindTable<S extends TableSchema>(schema: CompiledSchema, opened: NativeOpenedTable): Promise<Table<S>> {
    return this.#bind<S>(schema, opened);
  }

  /** @internal */
  forgetTable(table: Table<TableSchema>): void {
    this.#tables.delete(table);
  }

  /**
   * Closes the tables opened through this object, then the database (JetCloseDatabase).
   * Once the session has ended (which closed them all) it resolves at once.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const site = callSite(this.close);
    this.#closing ??= (async () => {
      try {
        if (!this.#session.ended) {
          // Queued together, the tables first: the session's queue keeps them in order, and
          // they travel to the engine in one trip.
          const closing = [...this.#tables].map((table) => table.close());
          closing.push(
            this.#native.closeDatabase(this.#dbid, 0).then(() => undefined, rethrowAt(site, { path: this.#path })),
          );
          const failed = (await Promise.allSettled(closing)).find((result) => result.status === 'rejected');
          if (failed) throw (failed as PromiseRejectedResult).reason;
        }
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_ESENT_SESSION_ENDED') {
          this.#closing = undefined;
          throw error;
        }
      }
      this.#closed = true;
      this.#session.forgetDatabase(this);
    })();
    return this.#closing;
  }

  /**
   * close(), then JetDetachDatabase2 for this path. The engine refuses while other
   * sessions still have the database open.
   */
  async detach(): Promise<void> {
    await this.close();
    await this.#session.detachDatabase(this.#path);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
