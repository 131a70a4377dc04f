import { Migrator, type MigrationResult } from "kysely";
import type { DB } from "./client.server";
import { migrations } from "./migrations/index";

export function migrator(db: DB): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB): Promise<MigrationResult[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results;
}
