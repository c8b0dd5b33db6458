import {
  CompiledQuery, Kysely, type DatabaseConnection, type Dialect, type Driver, type QueryCompiler, type QueryResult, type TransactionSettings,
} from 'kysely';
import type { DB } from './schema.ts';

/**
 * Work that must happen inside every transaction that wrote, just before it commits: today the search documents
 * of the records it changed (features/search/sync.ts). Triggers note what changed; this hook is where no write
 * path can forget to act on it. A write outside a transaction (one `update` statement) is run in one of its own,
 * so it gets the same treatment. The hook gets a Kysely bound to the committing connection.
 */
export type BeforeCommit = (db: Kysely<DB>) => Promise<void>;

const WRITE = /^\s*(insert|update|delete|replace|merge)\b/i;
const WRITING_CTE = /^\s*with\b[\s\S]*\b(insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i;
const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

function isWrite(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (WRITE_NODES.has(kind)) return true;
  // `sql\`…\`` (RawNode) and `CompiledQuery.raw`: read the statement.
  return kind === 'RawNode' && (WRITE.test(query.sql) || WRITING_CTE.test(query.sql));
}

/** A dialect whose driver always hands out one connection: the committing one, which the caller already holds. */
function boundTo(dialect: Dialect, connection: DatabaseConnection): Kysely<DB> {
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {
      throw new Error('A before-commit hook runs inside its transaction and cannot open another.');
    },
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => dialect.createAdapter(),
      createDriver: () => driver,
      createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
    },
  });
}

class HookedDriver implements Driver {
  /** Connections inside a transaction (their writes wait for the commit). */
  private readonly inTransaction = new WeakSet<DatabaseConnection>();
  /** The connection Kysely holds -> the inner driver's, and back. */
  private readonly innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  private readonly outerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(
    private readonly inner: Driver,
    private readonly dialect: Dialect,
    private readonly beforeCommit: BeforeCommit,
    private readonly begin: CompiledQuery,
  ) {
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (savepoint) this.savepoint = (c, name, compile) => savepoint.call(inner, this.unwrap(c), name, compile);
    if (rollbackToSavepoint) this.rollbackToSavepoint = (c, name, compile) => rollbackToSavepoint.call(inner, this.unwrap(c), name, compile);
    if (releaseSavepoint) this.releaseSavepoint = (c, name, compile) => releaseSavepoint.call(inner, this.unwrap(c), name, compile);
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let outer = this.outerOf.get(connection);
    if (!outer) {
      outer = this.wrap(connection);
      this.outerOf.set(connection, outer);
      this.innerOf.set(outer, connection);
    }
    return outer;
  }

  private unwrap(outer: DatabaseConnection): DatabaseConnection {
    return this.innerOf.get(outer) ?? outer;
  }

  /** The connection Kysely sees: a write outside a transaction runs in its own, hook included. */
  private wrap(connection: DatabaseConnection): DatabaseConnection {
    const outer: DatabaseConnection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (this.inTransaction.has(outer) || !isWrite(query)) return connection.executeQuery<R>(query);
        await connection.executeQuery(this.begin);
        this.inTransaction.add(outer);
        try {
          const result = await connection.executeQuery<R>(query);
          await this.beforeCommit(boundTo(this.dialect, connection));
          await connection.executeQuery(CompiledQuery.raw('commit'));
          return result;
        } catch (err) {
          await connection.executeQuery(CompiledQuery.raw('rollback'));
          throw err;
        } finally {
          this.inTransaction.delete(outer);
        }
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
    return outer;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(this.unwrap(connection), settings);
    this.inTransaction.add(connection);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const inner = this.unwrap(connection);
    await this.beforeCommit(boundTo(this.dialect, inner));
    await this.inner.commitTransaction(inner);
    this.inTransaction.delete(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.inTransaction.delete(connection);
    await this.inner.rollbackTransaction(this.unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `dialect` with `beforeCommit` run before every commit of a transaction that may have written. */
export function withBeforeCommit(dialect: Dialect, beforeCommit: BeforeCommit, begin: 'begin' | 'begin immediate'): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new HookedDriver(dialect.createDriver(), dialect, beforeCommit, CompiledQuery.raw(begin)),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
