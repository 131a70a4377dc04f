import type { Kysely, Transaction } from "kysely";
import type { DB as Database } from "./schema";

/** The database or a transaction: what every domain function takes first. */
export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Runs `work` in one transaction (ADR 0021): the caller's own when `db` already is one (the
 * caller owns it: it commits `work` together with its other writes, or rolls all back),
 * otherwise a new one. Every domain function that writes a row, its audit entry or its emails
 * writes them through this, so they commit together or not at all.
 *
 * Inside `work`, use only `trx`: in PGlite mode the transaction holds the only connection, so
 * a query on the outer `db` would wait for ever.
 */
export async function inTransaction<T>(
  db: Executor,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
