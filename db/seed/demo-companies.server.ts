/**
 * Demo data for companies: one pending invitation from Lumina Photonics' owner, so the owner's
 * company page shows one and the development mailbox holds a working invitation link.
 * Idempotent: nothing is added while an invitation to that address is pending or accepted.
 */
import { sql } from "kysely";
import { inviteMember } from "~/companies/companies.server";
import { env } from "~/env.server";
import type { DB } from "../client.server";

export const DEMO_INVITEE = "new-colleague@demo.zizhupark.example";
const OWNER = "owner@demo.zizhupark.example";

export async function seedCompaniesDemo(db: DB): Promise<void> {
  const owner = await db
    .selectFrom("app_user")
    .innerJoin("company_member", "company_member.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.locale",
      "company_member.company_id",
      "company_member.role",
    ])
    .where(sql<string>`lower(app_user.email)`, "=", OWNER)
    .executeTakeFirst();
  if (!owner || owner.role !== "owner") return;
  const existing = await db
    .selectFrom("company_invitation")
    .select("id")
    .where("company_id", "=", owner.company_id)
    .where("email", "=", DEMO_INVITEE)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (existing) return;
  await inviteMember(
    db,
    { id: owner.id, name: owner.name, locale: owner.locale === "zh-CN" ? "zh-CN" : "en" },
    owner.company_id,
    DEMO_INVITEE,
    { origin: env().PUBLIC_URL.replace(/\/$/, "") },
  );
}
