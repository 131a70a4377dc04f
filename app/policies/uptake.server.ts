/**
 * Uptake of a policy (issue 15, ADR 0044): for the current year (Asia/Shanghai), the companies
 * eligible now, those that claimed, were awarded and were paid, and the amounts; the eligible
 * companies that have not claimed, each of which staff can reach with one proactive service
 * request ("you may be eligible for ...") assigned to its account manager, never twice for the
 * same policy and company.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isLocale, pick } from "~/i18n/i18n";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { openRequestForCompany, staffChange } from "~/service-requests/service-requests.server";
import { evaluate, shanghaiDay } from "./criteria";
import { loadFacts, policyCriteria, type PolicyActor } from "./policies.server";

/** The service type of a proactive request (the catalogue's policy consulting). */
export const OUTREACH_TYPE_CODE = "policy-subsidy";

export interface UptakeRow {
  companyId: string;
  nameEn: string;
  nameZh: string;
  /** Matches the policy's criteria today (a claim of its own this year aside). */
  eligible: boolean;
  /** This year's claim, if any (withdrawn ones are not counted). */
  claimId: string | null;
  claimStatus: string | null;
  automatic: boolean;
  awardedMinor: number;
  paidMinor: number;
  manager: string | null;
  outreachRef: string | null;
}

export interface Uptake {
  year: number;
  today: string;
  eligible: number;
  claimed: number;
  awarded: number;
  paid: number;
  awardedMinor: number;
  paidMinor: number;
  /** Every company eligible or with a claim this year, by English name. */
  rows: UptakeRow[];
}

const AWARDED = new Set(["approved", "paid"]);

function requireManage(actor: PolicyActor) {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
}

/** Eligible today, leaving out "no claim this year": a company that claimed stays eligible. */
async function eligibleIds(
  db: Executor,
  policy: { id: string; criteria: unknown },
  today: string,
  companyIds?: readonly string[],
): Promise<Set<string>> {
  const criteria = policyCriteria({ criteria: policy.criteria as never });
  if (!criteria) return new Set();
  const rules = criteria.filter((c) => c.kind !== "no_open_claim");
  const facts = await loadFacts(db, { today, companyIds });
  const out = new Set<string>();
  for (const f of facts.values())
    if (evaluate(rules, f, policy.id, today).outcome === "matched") out.add(f.companyId);
  return out;
}

export async function policyUptake(
  db: Executor,
  actor: PolicyActor,
  policyId: string,
  now = new Date(),
): Promise<Uptake | undefined> {
  requireManage(actor);
  if (!isUuid(policyId)) return undefined;
  const policy = await db
    .selectFrom("park_policy")
    .select(["id", "criteria"])
    .where("id", "=", policyId)
    .executeTakeFirst();
  if (!policy) return undefined;
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const eligible = await eligibleIds(db, policy, today);
  const claims = await db
    .selectFrom("policy_claim as c")
    .select(["c.id", "c.company_id", "c.status", "c.automatic", "c.awarded_minor"])
    .select((eb) =>
      eb
        .selectFrom("policy_payment as p")
        .select(sql<number>`coalesce(sum(p.amount_minor), 0)::float8`.as("s"))
        .whereRef("p.claim_id", "=", "c.id")
        .as("paid_minor"),
    )
    .where("c.policy_id", "=", policyId)
    .where("c.year", "=", year)
    .where("c.status", "!=", "withdrawn")
    .orderBy("c.created_at", "desc")
    .execute();
  // The live claim wins over an earlier rejected one of the same company.
  const byCompany = new Map<string, (typeof claims)[number]>();
  for (const c of claims) {
    const seen = byCompany.get(c.company_id);
    if (!seen || (seen.status === "rejected" && c.status !== "rejected"))
      byCompany.set(c.company_id, c);
  }
  const ids = [...new Set([...eligible, ...byCompany.keys()])];
  const companies = ids.length
    ? await db
        .selectFrom("company as co")
        .leftJoin("app_user as m", "m.id", "co.account_manager_id")
        .leftJoin("policy_outreach as o", (j) =>
          j.onRef("o.company_id", "=", "co.id").on("o.policy_id", "=", policyId),
        )
        .leftJoin("service_request as r", "r.id", "o.request_id")
        .select(["co.id", "co.name_en", "co.name_zh", "m.name as manager", "r.ref as outreach_ref"])
        .where("co.id", "in", ids)
        .execute()
    : [];
  const rows: UptakeRow[] = companies.map((co) => {
    const c = byCompany.get(co.id);
    return {
      companyId: co.id,
      nameEn: co.name_en,
      nameZh: co.name_zh,
      eligible: eligible.has(co.id),
      claimId: c?.id ?? null,
      claimStatus: c?.status ?? null,
      automatic: c?.automatic ?? false,
      awardedMinor: c && AWARDED.has(c.status) ? Number(c.awarded_minor ?? 0) : 0,
      paidMinor: Number(c?.paid_minor ?? 0),
      manager: co.manager,
      outreachRef: co.outreach_ref,
    };
  });
  rows.sort((a, b) => a.nameEn.localeCompare(b.nameEn));
  const claimed = rows.filter((r) => r.claimStatus && !r.automatic);
  const awarded = rows.filter((r) => r.claimStatus && AWARDED.has(r.claimStatus));
  return {
    year,
    today,
    eligible: eligible.size,
    claimed: claimed.length,
    awarded: awarded.length,
    paid: rows.filter((r) => r.paidMinor > 0).length,
    awardedMinor: awarded.reduce((n, r) => n + r.awardedMinor, 0),
    paidMinor: rows.reduce((n, r) => n + r.paidMinor, 0),
    rows,
  };
}

/** Eligible companies without a claim this year: the ones to reach. */
export function notClaimed(uptake: Uptake): UptakeRow[] {
  return uptake.rows.filter((r) => r.eligible && !r.claimStatus);
}

/** The uptake as CSV rows (one per company), amounts in yuan. */
export function uptakeCsv(uptake: Uptake): { header: string[]; rows: (string | number)[][] } {
  return {
    header: [
      "company_en",
      "company_zh",
      "eligible_now",
      "claim_status",
      "automatic",
      "awarded_cny",
      "paid_cny",
      "account_manager",
      "outreach_request",
    ],
    rows: uptake.rows.map((r) => [
      r.nameEn,
      r.nameZh,
      r.eligible ? "yes" : "no",
      r.claimStatus ?? "",
      r.automatic ? "yes" : "no",
      r.awardedMinor / 100,
      r.paidMinor / 100,
      r.manager ?? "",
      r.outreachRef ?? "",
    ]),
  };
}

export type OutreachError = "notFound" | "notEligible" | "claimed" | "noMember" | "type";

/**
 * Opens the proactive request for one eligible company that has not claimed: filed in the
 * company's name (its first owner is the requester, told by email as for any request), of the
 * policy consulting type, assigned to the company's account manager (told too). A second call
 * for the same policy and company opens nothing and answers the first request
 * (`created: false`). One transaction with its audit entry.
 */
export async function openOutreach(
  db: Executor,
  actor: Pick<SessionUser, "id" | "roles" | "company" | "name">,
  policyId: string,
  companyId: string,
  origin: string,
  now = new Date(),
): Promise<Result<{ ref: string; created: boolean }, OutreachError>> {
  requireManage(actor);
  if (!isUuid(policyId) || !isUuid(companyId)) return fail("notFound");
  const today = shanghaiDay(now);
  return inTransaction(db, async (trx) => {
    const policy = await trx
      .selectFrom("park_policy")
      .select(["id", "criteria", "title_en", "title_zh"])
      .where("id", "=", policyId)
      .where("status", "=", "published")
      .executeTakeFirst();
    const company = await trx
      .selectFrom("company")
      .select(["id", "name_en", "name_zh", "is_resident", "account_manager_id"])
      .where("id", "=", companyId)
      .executeTakeFirst();
    if (!policy || !company) return fail("notFound");
    const earlier = () =>
      trx
        .selectFrom("policy_outreach as o")
        .leftJoin("service_request as r", "r.id", "o.request_id")
        .select("r.ref")
        .where("o.policy_id", "=", policyId)
        .where("o.company_id", "=", companyId)
        .executeTakeFirst();
    const done = await earlier();
    if (done) return done.ref ? ok({ ref: done.ref, created: false }) : fail("notFound");
    if (!(await eligibleIds(trx, policy, today, [companyId])).has(companyId))
      return fail("notEligible");
    const claim = await trx
      .selectFrom("policy_claim")
      .select("id")
      .where("policy_id", "=", policyId)
      .where("company_id", "=", companyId)
      .where("year", "=", Number(today.slice(0, 4)))
      .where("status", "!=", "withdrawn")
      .executeTakeFirst();
    if (claim) return fail("claimed");
    const requester = await trx
      .selectFrom("company_member as cm")
      .innerJoin("app_user as u", "u.id", "cm.user_id")
      .select(["u.id", "u.name", "u.locale", "cm.role"])
      .where("cm.company_id", "=", companyId)
      .where("u.disabled_at", "is", null)
      .orderBy(sql`cm.role = 'owner'`, "desc")
      .orderBy("cm.joined_at")
      .executeTakeFirst();
    if (!requester) return fail("noMember");
    const type = await trx
      .selectFrom("service_type")
      .select("id")
      .where("code", "=", OUTREACH_TYPE_CODE)
      .where("active", "=", true)
      .executeTakeFirst();
    if (!type) return fail("type");
    const claimed = await trx
      .insertInto("policy_outreach")
      .values({ policy_id: policyId, company_id: companyId, created_by: actor.id })
      .onConflict((oc) => oc.columns(["policy_id", "company_id"]).doNothing())
      .returning("policy_id")
      .executeTakeFirst();
    if (!claimed) {
      // A concurrent click won (the insert waited for its commit): answer with its request.
      const won = await earlier();
      return won?.ref ? ok({ ref: won.ref, created: false }) : fail("notFound");
    }
    const locale = isLocale(requester.locale) ? requester.locale : "en";
    const title = pick(locale, policy.title_en, policy.title_zh);
    const link = `${origin}/company/policies`;
    const opened = await openRequestForCompany(
      trx,
      {
        typeId: type.id,
        requester: { id: requester.id, name: requester.name },
        company: {
          id: company.id,
          role: requester.role === "owner" ? "owner" : "member",
          nameEn: company.name_en,
          nameZh: company.name_zh,
          isResident: company.is_resident,
        },
        subject:
          locale === "zh-CN"
            ? `贵企业可能符合“${title}”的申领条件`
            : `You may be eligible for ${title}`,
        description:
          locale === "zh-CN"
            ? `园区根据企业档案和已审核的报表数据，发现贵企业符合“${title}”的条件，但今年尚未申领。您的客户经理会与您联系，协助准备材料。查看为您匹配的政策：${link}`
            : `From your company file and accepted reports, the park sees that your company qualifies for "${title}" but has not claimed it this year. Your account manager will be in touch to help with the documents. See the policies that match your company: ${link}`,
        idempotencyKey: `policy-outreach-${policyId}-${companyId}`,
      },
      origin,
      now,
    );
    if (!opened.ok) return fail("type");
    const request = await trx
      .selectFrom("service_request")
      .select(["id", "version"])
      .where("ref", "=", opened.ref)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("policy_outreach")
      .set({ request_id: request.id })
      .where("policy_id", "=", policyId)
      .where("company_id", "=", companyId)
      .execute();
    if (company.account_manager_id)
      await staffChange(
        trx,
        actor,
        opened.ref,
        { version: request.version, assigneeId: company.account_manager_id },
        origin,
        now,
      );
    await audit(trx, {
      actorId: actor.id,
      action: "policy.outreach",
      entityType: "park_policy",
      entityId: policyId,
      details: { companyId, request: opened.ref },
    });
    return ok({ ref: opened.ref, created: true });
  });
}
