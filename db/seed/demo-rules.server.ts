/**
 * A demo rule for the desk's rules page (ADR 0050): off, so that it changes nothing until a
 * desk admin turns it on; idempotent by name.
 */
import type { DB } from "#db/client.server";

const NAME = "Chase requests waiting three days";

export async function seedDemoRules(db: DB): Promise<void> {
  const exists = await db
    .selectFrom("service_rule")
    .select("id")
    .where("name", "=", NAME)
    .executeTakeFirst();
  if (exists) return;
  await db
    .insertInto("service_rule")
    .values({ name: NAME, event: "waiting", wait_hours: 72, add_tag: "chased", enabled: false })
    .execute();
}
