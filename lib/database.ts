// A database opened by a session (JetCreateDatabase2 / JetAttachDatabase2 +
// JetOpenDatabase / JetOpenDatabase): where its tables are created and opened.

import { bindingError } from './binding-errors.js';
import { atCallSite, callSite, rethrowAt, type ErrorContext } from './error-context.js';
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
    return this.#closed || this.#closing !== undefined || this.#native.ended;
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
   * Opens an existing table (JetOpenTable) with the schema it was created with: columns
   * are looked up by name (JetGetTableColumnInfo) and their stored types checked, and
   * the schema's indexes must exist. A difference rejects with SchemaMismatchError (the
   * schema's default values and lengths are not compared). A missing table rejects with
   * EsentObjectNotFoundError.
   */
  openTable<const S extends TableSchema>(name: string, schema: S, options: OpenTableOptions = {}): Promise<Table<S>> {
    const site = callSite(this.openTable);
    return (async () => {
      this.#check('openTable');
      const compiled = compileSchema(name, schema);
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
        if (!this.#native.ended) {
          await Promise.all([...this.#tables].map((table) => table.close()));
          await this.#native.closeDatabase(this.#dbid, 0).catch(rethrowAt(site, { path: this.#path }));
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
