/**
 * The one database of this app process, opened by `startup()` and kept on `globalThis` so a
 * development rebuild reuses it (a second PGlite on the same folder would be refused).
 */
import type { DatabaseHandle, DB } from "#db/client.server";

const KEY = Symbol.for("park-portal.database");
type Holder = { [KEY]?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined): void {
  (globalThis as Holder)[KEY] = handle;
}

export function databaseHandle(): DatabaseHandle | undefined {
  return (globalThis as Holder)[KEY];
}

export function db(): DB {
  const handle = databaseHandle();
  if (!handle) throw new Error("The database is not open: startup() has not run.");
  return handle.db;
}
