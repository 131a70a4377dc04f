/**
 * Landing (issue 13, ADR 0029): a project registered in the park becomes a resident company.
 * Staff create the company from the project (or link one that exists, found by credit code or
 * name), the investor's contact becomes its owner (at once when their account is free to own
 * it, else by an owner invitation), and the company is a resident from now on, so it can use
 * the service desk. One transaction: the company, residency, the landing link, the membership
 * or invitation, the audit entries and the emails, all or nothing.
 */
import { sql, type Transaction } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { INVITATION_TTL_MS } from "~/companies/companies.server";
import type { Locale } from "~/i18n/i18n";
import { formatDate } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, NotFound, ok, type Result } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import type { LandingInput } from "./landing-schema";

type Trx = Transaction<DB>;

/** Stages at which a project may land: registered in the park, or later. */
export const LANDING_STAGES: readonly string[] = ["registered", "moved_in", "producing"];

export interface LandingActor extends Actor {
  id: string;
}

function requireUpdate(actor: Actor) {
  if (!can(actor, "update:project:any")) throw new Forbidden();
}

export type LandingError = "stage" | "alreadyLanded" | "creditCodeTaken" | "company";

/** The landing of a project, if it landed: the company and when. */
export async function landingOf(db: Executor, projectId: string) {
  if (!isUuid(projectId)) return null;
  return (
    (await db
      .selectFrom("project_landing")
      .innerJoin("company", "company.id", "project_landing.company_id")
      .leftJoin("app_user", "app_user.id", "project_landing.landed_by")
      .select([
        "project_landing.company_id",
        "project_landing.created_company",
        "project_landing.landed_at",
        "company.name_en",
        "company.name_zh",
        "company.is_resident",
        "app_user.name as landed_by_name",
      ])
      .where("project_landing.project_id", "=", projectId)
      .executeTakeFirst()) ?? null
  );
}

/** Companies to link, by credit code (exact) or name (either language, contains). */
export async function findCompanies(db: Executor, actor: Actor, q: string) {
  requireUpdate(actor);
  const term = q.trim().slice(0, 100);
  if (term.length < 2) return [];
  const code = term.replace(/[\s-]/g, "").toUpperCase();
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("company")
    .select(["id", "name_en", "name_zh", "credit_code", "is_resident"])
    .where((eb) =>
      eb.or([
        eb("credit_code", "=", code),
        eb("name_en", "ilike", like),
        eb("name_zh", "ilike", like),
      ]),
    )
    .orderBy("name_en")
    .limit(10)
    .execute();
}

async function ownerInvitation(
  trx: Trx,
  actor: LandingActor,
  companyId: string,
  email: string,
  role: "owner" | "member",
  locale: Locale,
  company: string,
  origin: string,
  now: Date,
) {
  await trx
    .updateTable("company_invitation")
    .set({ revoked_at: now })
    .where("company_id", "=", companyId)
    .where(sql<string>`lower(email)`, "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await trx
    .insertInto("company_invitation")
    .values({
      company_id: companyId,
      email,
      token_hash: hashToken(token),
      invited_by: actor.id,
      created_at: now,
      expires_at: expiresAt,
      role,
    })
    .execute();
  await queueEmail(trx, {
    to: email,
    locale,
    template: "projectLandedInvite",
    values: {
      company,
      link: `${origin}/invite/${token}`,
      expires: formatDate(expiresAt, locale, "long"),
    },
  });
  return token;
}

/**
 * Lands a project: creates its company (or links one), makes it a resident, links it to the
 * project, and makes the investor's contact its owner (directly when their account exists,
 * has no company and the company no owner; else an invitation, as owner when the company has
 * none). Refused before registration and when it already landed.
 */
export async function landProject(
  db: Executor,
  actor: LandingActor,
  projectId: string,
  input: LandingInput,
  meta: { origin: string; ip?: string | null; now?: Date },
): Promise<
  Result<{ companyId: string; owner: "added" | "invited" | "none"; token?: string }, LandingError>
> {
  requireUpdate(actor);
  if (!isUuid(projectId)) throw new NotFound();
  const now = meta.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const project = await trx
      .selectFrom("project")
      .select(["id", "reference", "stage", "organisation"])
      .where("id", "=", projectId)
      .forUpdate()
      .executeTakeFirst();
    if (!project) throw new NotFound();
    if (!LANDING_STAGES.includes(project.stage)) return fail("stage");
    if (
      await trx
        .selectFrom("project_landing")
        .select("project_id")
        .where("project_id", "=", projectId)
        .executeTakeFirst()
    )
      return fail("alreadyLanded");

    let companyId: string;
    if (input.mode === "create") {
      if (
        input.creditCode &&
        (await trx
          .selectFrom("company")
          .select("id")
          .where("credit_code", "=", input.creditCode)
          .executeTakeFirst())
      )
        return fail("creditCodeTaken");
      const row = await trx
        .insertInto("company")
        .values({
          name_en: input.nameEn,
          name_zh: input.nameZh,
          credit_code: input.creditCode ?? null,
          industry: input.industry,
          size: input.size,
          is_resident: true,
          resident_since: now,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      companyId = row.id;
    } else {
      const row = await trx
        .updateTable("company")
        .set((eb) => ({
          is_resident: true,
          resident_since: sql<Date>`coalesce(${eb.ref("resident_since")}, ${now})`,
          version: eb("version", "+", 1),
          updated_at: now,
        }))
        .where("id", "=", input.companyId)
        .returning("id")
        .executeTakeFirst();
      if (!row) return fail("company");
      companyId = row.id;
    }
    await trx
      .insertInto("project_landing")
      .values({
        project_id: projectId,
        company_id: companyId,
        created_company: input.mode === "create",
        landed_by: actor.id,
        landed_at: now,
      })
      .execute();
    const company = await trx
      .selectFrom("company")
      .select(["name_en", "name_zh"])
      .where("id", "=", companyId)
      .executeTakeFirstOrThrow();
    const hasOwner = !!(await trx
      .selectFrom("company_member")
      .select("user_id")
      .where("company_id", "=", companyId)
      .where("role", "=", "owner")
      .executeTakeFirst());

    let owner: "added" | "invited" | "none" = "none";
    let token: string | undefined;
    const email = input.ownerEmail?.trim().toLowerCase() ?? "";
    if (email) {
      const account = await trx
        .selectFrom("app_user")
        .leftJoin("company_member", "company_member.user_id", "app_user.id")
        .select(["app_user.id", "app_user.locale", "company_member.company_id"])
        .where(sql<string>`lower(app_user.email)`, "=", email)
        .where("app_user.disabled_at", "is", null)
        .executeTakeFirst();
      const locale: Locale =
        account?.locale === "zh-CN" || (!account && input.locale === "zh-CN") ? "zh-CN" : "en";
      const name = locale === "zh-CN" ? company.name_zh || company.name_en : company.name_en;
      if (account && !account.company_id && !hasOwner) {
        await trx
          .insertInto("company_member")
          .values({ company_id: companyId, user_id: account.id, role: "owner", joined_at: now })
          .execute();
        await queueEmail(trx, {
          to: email,
          locale,
          template: "projectLandedOwner",
          values: { company: name, link: `${meta.origin}/company` },
        });
        owner = "added";
      } else if (account?.company_id !== companyId) {
        token = await ownerInvitation(
          trx,
          actor,
          companyId,
          email,
          hasOwner ? "member" : "owner",
          locale,
          name,
          meta.origin,
          now,
        );
        owner = "invited";
      }
    }
    await audit(trx, {
      actorId: actor.id,
      action: "project.landed",
      entityType: "project",
      entityId: projectId,
      details: { companyId, created: input.mode === "create", owner, email: email || null },
      ip: meta.ip ?? null,
    });
    await audit(trx, {
      actorId: actor.id,
      action: input.mode === "create" ? "company.created_from_project" : "company.resident",
      entityType: "company",
      entityId: companyId,
      details: { projectId, reference: project.reference },
      ip: meta.ip ?? null,
    });
    return ok({ companyId, owner, ...(token ? { token } : {}) });
  });
}

/**
 * What a company brought with it from its projects (for staff on the company's page): the
 * planned figures, space needs and the capital that arrived, per project.
 */
export async function landedFigures(db: Executor, actor: Actor, companyId: string) {
  if (!can(actor, "read:company:any") || !isUuid(companyId)) return [];
  const projects = await db
    .selectFrom("project_landing")
    .innerJoin("project", "project.id", "project_landing.project_id")
    .select([
      "project.id",
      "project.reference",
      "project.stage",
      "project.investment_minor",
      "project.investment_currency",
      "project.capital_minor",
      "project.capital_currency",
      "project.jobs_planned",
      "project.space_type",
      "project.area_min_m2",
      "project.area_max_m2",
      "project_landing.landed_at",
    ])
    .where("project_landing.company_id", "=", companyId)
    .orderBy("project_landing.landed_at")
    .execute();
  const out = [];
  for (const p of projects) {
    const arrived = await db
      .selectFrom("project_tranche")
      .select(["currency", sql<number>`sum(amount_minor)::bigint`.as("total")])
      .where("project_id", "=", p.id)
      .groupBy("currency")
      .orderBy("currency")
      .execute();
    out.push({
      ...p,
      landed_at: new Date(p.landed_at).toISOString(),
      arrived: arrived.map((a) => ({ currency: a.currency, total: Number(a.total) })),
    });
  }
  return out;
}
