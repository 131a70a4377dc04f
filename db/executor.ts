import type { Kysely, Transaction } from "kysely";
import type { DB as Database } from "./schema";

/** The database or a transaction: what every domain function takes first. */
export type Executor = Kysely<Database> | Transaction<Database>;
