/**
 * Awards without applying (issue 15, ADR 0048). For a policy marked `auto_award`, staff run the
 * match, review the companies it finds and grant the awards in bulk; each company's members are
 * told (a notification and, for owners, an email in their language, queued in the same
 * transaction) and an owner confirms the payee the park pays (account name, bank, account
 * number). The partial unique index `policy_claim_live` (one live claim per policy, company and
 * Shanghai year) makes a second grant, a retried POST or two staff at once grant nothing more.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { env } from "~/env.server";
import { isLocale } from "~/i18n/i18n";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { claimEvent, claimRef, type ClaimActor } from "./claims.server";
import { evaluate, shanghaiDay } from "./criteria";
import { loadFacts, policyCriteria, type PolicyActor } from "./policies.server";
import type { PayeeInput } from "./claim-schema";

export interface AwardCandidate {
  companyId: string;
  nameEn: string;
  nameZh: string;
}

/** At most this many companies are granted in one POST (a bounded transaction). */
export const MAX_AWARDS_AT_ONCE = 500;

/**
 * The match for an automatic policy: companies matched now that have no live claim of it this
 * year (candidates), and how many already hold an award or claim of the year.
 */
export async function awardCandidates(
  db: Executor,
  actor: PolicyActor,
  policyId: string,
  now = new Date(),
) {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
  if (!isUuid(policyId)) return undefined;
  const today = shanghaiDay(now);
  const policy = await db
    .selectFrom("park_policy")
    .select(["id", "title_en", "title_zh", "status", "auto_award", "criteria", "benefit_max_minor"])
    .where("id", "=", policyId)
    .executeTakeFirst();
  if (!policy) return undefined;
  const criteria = policyCriteria(policy) ?? [];
  const [facts, names] = await Promise.all([
    loadFacts(db, { today }),
    db.selectFrom("company").select(["id", "name_en", "name_zh"]).execute(),
  ]);
  const byId = new Map(names.map((n) => [n.id, n]));
  const candidates: AwardCandidate[] = [];
  let holding = 0;
  for (const f of facts.values()) {
    if (f.liveClaimPolicyIds.includes(policyId)) {
      holding += 1;
      continue;
    }
    if (evaluate(criteria, f, policyId, today).outcome !== "matched") continue;
    const n = byId.get(f.companyId);
    candidates.push({ companyId: f.companyId, nameEn: n?.name_en ?? "", nameZh: n?.name_zh ?? "" });
  }
  candidates.sort((a, b) => a.nameEn.localeCompare(b.nameEn));
  const { criteria: _c, ...shown } = policy;
  return { policy: shown, candidates, holding, today };
}

function moneyText(minor: number | null, locale: "en" | "zh-CN") {
  if (minor === null) return locale === "zh-CN" ? "以政策为准" : "as the policy states";
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(minor / 100);
}

/** The company's members are told of the award; owners get the email asking for the payee. */
async function tellAward(
  trx: Executor,
  claim: { id: string; company_id: string },
  policy: { title_en: string; title_zh: string },
  amountMinor: number | null,
) {
  const members = await trx
    .selectFrom("company_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.locale", "m.role"])
    .where("m.company_id", "=", claim.company_id)
    .where("u.disabled_at", "is", null)
    .execute();
  const link = `/company/claims/${claim.id}/payee`;
  for (const m of members) {
    const locale = isLocale(m.locale) ? m.locale : "en";
    const title = locale === "zh-CN" ? policy.title_zh || policy.title_en : policy.title_en;
    const amount = moneyText(amountMinor, locale);
    await notify(trx, m.id, "policy_award", link, { policy: title, amount });
    if (m.role === "owner")
      await queueEmail(trx, {
        to: m.email,
        locale,
        template: "policyAward",
        values: {
          reference: claimRef(claim.id),
          policy: title,
          amount,
          link: `${env().PUBLIC_URL}${link}`,
        },
      });
  }
}

/**
 * Grants the awards of an `auto_award` policy to the companies chosen (or, without a choice,
 * every company matched now). Each is checked again in the transaction: a company that no
 * longer matches, or already holds a live claim of the year, is skipped, never granted twice.
 */
export async function grantAwards(
  db: Executor,
  actor: PolicyActor,
  policyId: string,
  options: { companyIds?: readonly string[]; now?: Date } = {},
): Promise<Result<{ granted: number; skipped: number }, "notFound" | "notAuto" | "tooMany">> {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
  if (!isUuid(policyId)) return fail("notFound");
  const ids = options.companyIds ? [...new Set(options.companyIds.filter(isUuid))] : undefined;
  if (ids && ids.length > MAX_AWARDS_AT_ONCE) return fail("tooMany");
  const today = shanghaiDay(options.now ?? new Date());
  return inTransaction(db, async (trx) => {
    const policy = await trx
      .selectFrom("park_policy")
      .select([
        "id",
        "title_en",
        "title_zh",
        "criteria",
        "auto_award",
        "benefit_max_minor",
        "status",
      ])
      .where("id", "=", policyId)
      .forUpdate()
      .executeTakeFirst();
    if (!policy || policy.status !== "published") return fail("notFound");
    if (!policy.auto_award) return fail("notAuto");
    const criteria = policyCriteria(policy) ?? [];
    const facts = await loadFacts(trx, { today, companyIds: ids });
    let granted = 0;
    for (const f of facts.values()) {
      if (evaluate(criteria, f, policyId, today).outcome !== "matched") continue;
      const { liveClaimPolicyIds: _l, companyId: _c, ...prefill } = f;
      const row = await sql<{ id: string; company_id: string }>`
        INSERT INTO policy_claim (policy_id, company_id, year, status, automatic, awarded_minor, prefill, created_by)
        VALUES (${policyId}, ${f.companyId}, ${Number(today.slice(0, 4))}, 'approved', true,
          ${policy.benefit_max_minor}, ${JSON.stringify(prefill)}, ${actor.id})
        ON CONFLICT (policy_id, company_id, year) WHERE status NOT IN ('rejected', 'withdrawn') DO NOTHING
        RETURNING id, company_id`.execute(trx);
      const claim = row.rows[0];
      if (!claim) continue;
      granted += 1;
      await claimEvent(trx, claim.id, actor.id, {
        kind: "awarded",
        to: "approved",
        amount: policy.benefit_max_minor,
      });
      await tellAward(trx, claim, policy, policy.benefit_max_minor);
    }
    const asked = ids?.length ?? facts.size;
    await audit(trx, {
      actorId: actor.id,
      action: "policy.awards",
      entityType: "park_policy",
      entityId: policyId,
      details: { granted, asked },
    });
    return ok({ granted, skipped: Math.max(asked - granted, 0) });
  });
}

/** The payee confirmed for a claim, for a caller that already may read the claim. */
export async function claimPayee(db: Executor, claimId: string) {
  const row = await db
    .selectFrom("policy_claim_payee")
    .select(["account_name", "bank_name", "account_number", "confirmed_at"])
    .where("claim_id", "=", claimId)
    .executeTakeFirst();
  return row ? { ...row, confirmed_at: new Date(row.confirmed_at).toISOString() } : null;
}

/**
 * A company's owner confirms (or corrects, until the first payment) the payee of an award or
 * an approved claim of its own: one transaction with the history event and audit entry.
 */
export async function confirmPayee(
  db: Executor,
  actor: ClaimActor,
  claimId: string,
  version: number,
  input: PayeeInput,
): Promise<Result<object, "notFound" | "conflict" | "state">> {
  if (!can(actor, "create:policy_claim:own") || !actor.company) throw new Forbidden();
  if (!isUuid(claimId)) return fail("notFound");
  const companyId = actor.company.id;
  return inTransaction(db, async (trx) => {
    const claim = await trx
      .selectFrom("policy_claim")
      .select(["id", "status", "version"])
      .where("id", "=", claimId)
      .where("company_id", "=", companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!claim) return fail("notFound");
    if (claim.version !== version) return fail("conflict");
    if (claim.status !== "approved") return fail("state");
    const paid = await trx
      .selectFrom("policy_payment")
      .select("id")
      .where("claim_id", "=", claimId)
      .executeTakeFirst();
    if (paid) return fail("state");
    const values = {
      account_name: input.accountName,
      bank_name: input.bankName,
      account_number: input.accountNumber.replace(/\s+/g, ""),
      confirmed_by: actor.id,
      confirmed_at: sql<Date>`now()`,
    };
    await trx
      .insertInto("policy_claim_payee")
      .values({ claim_id: claimId, ...values })
      .onConflict((oc) => oc.column("claim_id").doUpdateSet(values))
      .execute();
    await trx
      .updateTable("policy_claim")
      .set({ confirmed_at: sql`now()`, version: claim.version + 1, updated_at: sql`now()` })
      .where("id", "=", claimId)
      .execute();
    await claimEvent(trx, claimId, actor.id, {
      kind: "payee_confirmed",
      from: "approved",
      to: "approved",
    });
    return ok();
  });
}
