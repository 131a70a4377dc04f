import type { Migration } from "kysely";
import * as foundation from "./2026-11-28T0900_foundation";

/**
 * Every migration, by its date-prefixed name. Listed here (not read from the folder) so the
 * production server bundle carries them. A test checks this list against the folder.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0900_foundation": foundation,
};
