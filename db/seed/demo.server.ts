/**
 * Demo data for a first run: people in every role and two companies. Idempotent: it upserts by
 * natural keys (email, credit code), so running it twice changes nothing.
 */
import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import { audit } from "~/audit/audit.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { withCheckChar } from "~/companies/credit-code";
import type { DB } from "../client.server";
import type { Executor } from "../executor";
import { seedIncubationDemo, upsertDemoCompany } from "./demo-incubation.server";
import { seedCompaniesDemo } from "./demo-companies.server";

export const DEMO_PASSWORD = "zizhu-demo-2026";

const USERS = [
  {
    email: "admin@demo.zizhupark.example",
    name: "Wang Min (admin)",
    locale: "zh-CN",
    roles: ["admin", "staff"],
  },
  { email: "staff@demo.zizhupark.example", name: "Chen Jing", locale: "zh-CN", roles: ["staff"] },
  {
    email: "promotion@demo.zizhupark.example",
    name: "Gao Fei",
    locale: "zh-CN",
    roles: ["promotion"],
  },
  {
    email: "promotion2@demo.zizhupark.example",
    name: "Daniel Ortiz",
    locale: "en",
    roles: ["promotion"],
  },
  {
    email: "stats@demo.zizhupark.example",
    name: "Xu Qing",
    locale: "zh-CN",
    roles: ["statistics"],
  },
  {
    email: "reviewer@demo.zizhupark.example",
    name: "Dr. Li Hua",
    locale: "en",
    roles: ["reviewer"],
  },
  {
    email: "reviewer2@demo.zizhupark.example",
    name: "Prof. Zhou Lan",
    locale: "zh-CN",
    roles: ["reviewer"],
  },
  // The soft-landing incubatee's mentor (ADR 0049): db/seed/demo-incubatee.server.ts.
  {
    email: "mentor@demo.zizhupark.example",
    name: "Dr. Helen Park",
    locale: "en",
    roles: ["mentor"],
  },
  { email: "owner@demo.zizhupark.example", name: "Sun Yue", locale: "en", roles: [] },
  { email: "member@demo.zizhupark.example", name: "Liu Yang", locale: "zh-CN", roles: [] },
  { email: "owner-b@demo.zizhupark.example", name: "Emma Schneider", locale: "en", roles: [] },
  { email: "member-b@demo.zizhupark.example", name: "Zhao Lei", locale: "zh-CN", roles: [] },
  // An investor following his project (ADR 0029); no company yet.
  { email: "investor@demo.zizhupark.example", name: "Sato Kenji", locale: "en", roles: [] },
] as const;

const COMPANIES = [
  {
    credit_code: withCheckChar("91310112MA1GBX7Q2"),
    name_en: "Lumina Photonics Co., Ltd.",
    name_zh: "流明光子科技有限公司",
    industry: "integrated-circuits",
    website: "https://lumina-photonics.example",
    size: "10-49",
    is_resident: true,
    owner: "owner@demo.zizhupark.example",
    members: ["member@demo.zizhupark.example"],
  },
  {
    credit_code: withCheckChar("91310112MA1HCD4K8"),
    name_en: "Northlight AI Software (Shanghai) Co., Ltd.",
    name_zh: "北光智能软件（上海）有限公司",
    industry: "artificial-intelligence",
    website: "https://northlight-ai.example",
    size: "1-9",
    is_resident: false,
    owner: "owner-b@demo.zizhupark.example",
    members: ["member-b@demo.zizhupark.example"],
  },
] as const;

export const DEMO_LOGINS = USERS.map(
  (u) =>
    `${u.email.padEnd(34)} ${DEMO_PASSWORD}   ${u.roles.length ? u.roles.join(", ") : u.email.startsWith("investor@") ? "investor" : "company"}`,
);

export const DEMO_EMAILS: readonly string[] = USERS.map((u) => u.email);

/**
 * On a shared start (ADR 0018) no account may keep the password printed in the README: every
 * demo account that still accepts it gets one new random password (returned, to be printed
 * once), its sessions end, and the audit log records it. The update is conditional on the old
 * hash, so of two processes starting together only one sets (and prints) a password.
 */
export async function retireDemoPassword(
  db: DB,
): Promise<{ password: string; emails: string[] } | null> {
  const rows = await db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash"])
    .where(
      sql<string>`lower(email)`,
      "in",
      DEMO_EMAILS.map((e) => e.toLowerCase()),
    )
    .execute();
  const published = new Map<string, boolean>();
  const affected: typeof rows = [];
  for (const row of rows) {
    let known = published.get(row.password_hash);
    if (known === undefined) {
      known = await verifyPassword(row.password_hash, DEMO_PASSWORD);
      published.set(row.password_hash, known);
    }
    if (known) affected.push(row);
  }
  if (!affected.length) return null;
  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const emails = await db.transaction().execute(async (trx) => {
    const changed: string[] = [];
    for (const row of affected) {
      const updated = await trx
        .updateTable("app_user")
        .set({ password_hash: passwordHash })
        .where("id", "=", row.id)
        .where("password_hash", "=", row.password_hash)
        .executeTakeFirst();
      if (!updated.numUpdatedRows) continue;
      await trx.deleteFrom("session").where("user_id", "=", row.id).execute();
      await audit(trx, {
        actorId: null,
        action: "user.demo_password_retired",
        entityType: "user",
        entityId: row.id,
      });
      changed.push(row.email);
    }
    return changed;
  });
  return emails.length ? { password, emails } : null;
}

export async function hasAnyUser(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst());
}

export async function seedDemoData(db: DB): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const u of USERS) {
      const row = await trx
        .insertInto("app_user")
        .values({
          email: u.email,
          name: u.name,
          locale: u.locale,
          password_hash: passwordHash,
          email_verified_at: new Date(),
        })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doUpdateSet({ name: u.name }))
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(u.email, row.id);
      for (const role of u.roles) {
        await trx
          .insertInto("user_role")
          .values({ user_id: row.id, role })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    for (const c of COMPANIES) {
      const { owner, members, ...fields } = c;
      const companyId = await upsertDemoCompany(trx, {
        ...fields,
        resident_since: c.is_resident ? new Date("2024-03-01T00:00:00Z") : null,
        directory_opt_in: true,
      });
      const people = [
        { email: owner, role: "owner" },
        ...members.map((m) => ({ email: m, role: "member" })),
      ];
      for (const p of people) {
        await trx
          .insertInto("company_member")
          .values({ company_id: companyId, user_id: ids.get(p.email)!, role: p.role })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  });
  await seedIncubationDemo(db);
  await seedCompaniesDemo(db);
  await (await import("./demo-company-file.server")).seedCompanyFileDemo(db);
  await (await import("./demo-statistics.server")).seedStatisticsDemo(db);
  await (await import("./demo-incubatee.server")).seedDemoIncubatee(db);
  await (await import("./demo-services.server")).seedDemoServices(db);
  await (await import("./demo-promotion.server")).seedDemoPromotion(db);
  await (await import("./demo-projects.server")).seedDemoProjects(db);
  await (await import("./demo-kb.server")).seedDemoKb(db);
  await (await import("./demo-investor.server")).seedDemoInvestor(db);
  await (await import("./demo-inbound.server")).seedDemoInbound(db);
  await (await import("./demo-space.server")).seedDemoSpace(db);
  await (await import("./demo-snippets.server")).seedDemoSnippets(db);
  await (await import("./demo-policies.server")).seedDemoPolicies(db);
  await (await import("./demo-claims.server")).seedDemoClaims(db);
  return `Demo data: ${USERS.length} people, ${COMPANIES.length} companies with people, 200 more residents that report statistics.`;
}
