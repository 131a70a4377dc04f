/**
 * Claims (issue 15, ADR 0036): a company claims a policy in one step, pre-filled from its
 * file and figures, with the documents the policy requires; staff work it through the policy's
 * stages, ask for more information, approve an amount or reject with a reason, and record
 * payments (several per award). Awards without applying: awards.server.ts (ADR 0048).
 * Every change is one transaction: the claim, its history event, the audit entry, the
 * company's notifications and a queued email to its owners.
 *
 *   submitted --advance--> submitted (next stage)
 *   submitted --request_info--> info_requested --resubmit--> submitted
 *   submitted (last stage) --approve--> approved --pay (in full)--> paid
 *   submitted | info_requested --reject--> rejected
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
import { evaluate, shanghaiDay } from "./criteria";
import {
  loadFacts,
  policyCriteria,
  policyDocuments,
  policyStages,
  policyWindow,
  type PolicyActor,
} from "./policies.server";

export type ClaimStatus =
  "submitted" | "info_requested" | "approved" | "rejected" | "withdrawn" | "paid";

export interface ClaimActor extends PolicyActor {
  company: { id: string; role: "owner" | "member" } | null;
}

/** A short reference for people and subjects: PC- and the id's first eight characters. */
export function claimRef(id: string): string {
  return `PC-${id.slice(0, 8).toUpperCase()}`;
}

/** A status in words, in the reader's language (notifications and emails carry the words). */
export const STATUS_WORDS: Record<ClaimStatus, { en: string; zh: string }> = {
  submitted: { en: "submitted, under review", zh: "已提交，审核中" },
  info_requested: { en: "more information needed", zh: "需补充材料" },
  approved: { en: "approved", zh: "已批准" },
  rejected: { en: "not approved", zh: "未获批准" },
  withdrawn: { en: "withdrawn", zh: "已撤回" },
  paid: { en: "paid in full", zh: "已全额拨付" },
};

const yuanToMinor = (yuan: number) => Math.round(yuan * 100);

async function tellCompany(
  trx: Executor,
  claim: { id: string; company_id: string },
  status: ClaimStatus,
  message: string,
) {
  const members = await trx
    .selectFrom("company_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.locale", "m.role"])
    .where("m.company_id", "=", claim.company_id)
    .where("u.disabled_at", "is", null)
    .execute();
  const link = `/company/claims/${claim.id}`;
  const ref = claimRef(claim.id);
  for (const m of members) {
    const words = STATUS_WORDS[status][m.locale === "zh-CN" ? "zh" : "en"];
    await notify(trx, m.id, "policy_claim", link, { ref, status: words });
    if (m.role === "owner")
      await queueEmail(trx, {
        to: m.email,
        locale: isLocale(m.locale) ? m.locale : "en",
        template: "policyClaim",
        values: { reference: ref, status: words, message, link: `${env().PUBLIC_URL}${link}` },
      });
  }
}

/** A claim's history event with its audit entry (in the caller's transaction). */
export async function claimEvent(
  trx: Executor,
  claimId: string,
  actorId: string | null,
  e: {
    kind: string;
    from?: string | null;
    to?: string | null;
    stage?: number;
    note?: string;
    amount?: number | null;
  },
) {
  await trx
    .insertInto("policy_claim_event")
    .values({
      claim_id: claimId,
      actor_id: actorId,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      stage: e.stage ?? null,
      note: e.note ?? "",
      amount_minor: e.amount ?? null,
    })
    .execute();
  await audit(trx, {
    actorId,
    action: `policy_claim.${e.kind}`,
    entityType: "policy_claim",
    entityId: claimId,
    details: { from: e.from ?? null, to: e.to ?? null, stage: e.stage ?? null },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "23505";
}

export interface ClaimInput {
  statement: string;
  requestedYuan?: number;
  /** Stored files (already through the upload checks), by the policy's document key. */
  documents: { docKey: string; fileId: string }[];
}

/**
 * A company's owner claims a policy: it must be published, its window open today (Shanghai),
 * the company matched now, no live claim this year, and every required document given.
 */
export async function submitClaim(
  db: Executor,
  actor: ClaimActor,
  policyId: string,
  input: ClaimInput,
  now = new Date(),
): Promise<
  Result<{ id: string }, "notFound" | "closed" | "notEligible" | "documents" | "duplicate">
> {
  if (!can(actor, "create:policy_claim:own") || !actor.company) throw new Forbidden();
  const companyId = actor.company.id;
  if (!isUuid(policyId)) return fail("notFound");
  const today = shanghaiDay(now);
  try {
    return await inTransaction(db, async (trx) => {
      const policy = await trx
        .selectFrom("park_policy")
        .selectAll()
        .select([
          sql<string | null>`to_char(opens_on, 'YYYY-MM-DD')`.as("opens_on"),
          sql<string | null>`to_char(deadline, 'YYYY-MM-DD')`.as("deadline"),
        ])
        .where("id", "=", policyId)
        .where("status", "=", "published")
        .executeTakeFirst();
      if (!policy) return fail("notFound");
      if (policyWindow(policy, today) !== "open") return fail("closed");
      const facts = (await loadFacts(trx, { companyIds: [companyId], today })).get(companyId);
      const criteria = policyCriteria(policy);
      if (!facts || !criteria || evaluate(criteria, facts, policyId, today).outcome !== "matched")
        return fail(facts?.liveClaimPolicyIds.includes(policyId) ? "duplicate" : "notEligible");
      const required = policyDocuments(policy).map((d) => d.key);
      const given = new Set(input.documents.map((d) => d.docKey));
      if (required.some((k) => !given.has(k))) return fail("documents");
      const { companyId: _c, liveClaimPolicyIds: _l, ...prefill } = facts;
      const claim = await trx
        .insertInto("policy_claim")
        .values({
          policy_id: policyId,
          company_id: companyId,
          year: Number(today.slice(0, 4)),
          status: "submitted",
          prefill: JSON.stringify(prefill),
          statement: input.statement,
          requested_minor:
            input.requestedYuan === undefined ? null : yuanToMinor(input.requestedYuan),
          created_by: actor.id,
        })
        .returning(["id", "company_id"])
        .executeTakeFirstOrThrow();
      for (const d of input.documents)
        if (required.includes(d.docKey))
          await trx
            .insertInto("policy_claim_document")
            .values({
              claim_id: claim.id,
              doc_key: d.docKey,
              file_id: d.fileId,
              uploaded_by: actor.id,
            })
            .execute();
      await claimEvent(trx, claim.id, actor.id, { kind: "submitted", to: "submitted", stage: 0 });
      await tellCompany(trx, claim, "submitted", "");
      return ok({ id: claim.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("duplicate");
    throw error;
  }
}

export type StaffAction =
  | { kind: "advance"; note?: string }
  | { kind: "request_info"; note: string }
  | { kind: "approve"; amountYuan: number; note?: string }
  | { kind: "reject"; reason: string }
  | { kind: "pay"; paidOn: string; amountYuan: number; reference: string };

type ActError = "notFound" | "conflict" | "state" | "amount" | "payee";

/** Staff act on a claim, with the version they saw. */
export async function actOnClaim(
  db: Executor,
  actor: PolicyActor,
  claimId: string,
  version: number,
  action: StaffAction,
): Promise<Result<{ status: ClaimStatus }, ActError>> {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
  if (!isUuid(claimId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const claim = await trx
      .selectFrom("policy_claim")
      .innerJoin("park_policy", "park_policy.id", "policy_claim.policy_id")
      .select([
        "policy_claim.id",
        "policy_claim.company_id",
        "policy_claim.status",
        "policy_claim.stage",
        "policy_claim.version",
        "policy_claim.awarded_minor",
        "policy_claim.automatic",
        "policy_claim.confirmed_at",
        "park_policy.stages",
        "park_policy.benefit_max_minor",
      ])
      .where("policy_claim.id", "=", claimId)
      .forUpdate("policy_claim")
      .executeTakeFirst();
    if (!claim) return fail("notFound");
    if (claim.version !== version) return fail("conflict");
    const status = claim.status as ClaimStatus;
    const last = policyStages(claim).length - 1;
    let next: ClaimStatus = status;
    const set: Record<string, unknown> = {};
    let note = "";
    let amount: number | null = null;
    switch (action.kind) {
      case "advance":
        if (status !== "submitted" || claim.stage >= last) return fail("state");
        set.stage = claim.stage + 1;
        note = action.note ?? "";
        break;
      case "request_info":
        if (status !== "submitted") return fail("state");
        next = "info_requested";
        note = action.note;
        break;
      case "approve": {
        if (status !== "submitted" || claim.stage < last) return fail("state");
        amount = yuanToMinor(action.amountYuan);
        if (amount <= 0 || (claim.benefit_max_minor !== null && amount > claim.benefit_max_minor))
          return fail("amount");
        next = "approved";
        set.awarded_minor = amount;
        note = action.note ?? "";
        break;
      }
      case "reject":
        if (status !== "submitted" && status !== "info_requested") return fail("state");
        next = "rejected";
        set.reason = action.reason;
        note = action.reason;
        break;
      case "pay": {
        if (status !== "approved") return fail("state");
        // An award without applying is paid once the company has confirmed its payee (ADR 0048).
        if (claim.automatic && !claim.confirmed_at) return fail("payee");
        amount = yuanToMinor(action.amountYuan);
        const paid = await trx
          .selectFrom("policy_payment")
          .select(sql<number>`coalesce(sum(amount_minor), 0)::float8`.as("sum"))
          .where("claim_id", "=", claimId)
          .executeTakeFirstOrThrow();
        const awarded = claim.awarded_minor ?? 0;
        if (amount <= 0 || paid.sum + amount > awarded) return fail("amount");
        try {
          await trx
            .insertInto("policy_payment")
            .values({
              claim_id: claimId,
              paid_on: action.paidOn,
              amount_minor: amount,
              reference: action.reference,
              recorded_by: actor.id,
            })
            .execute();
        } catch (error) {
          if (isUniqueViolation(error)) return fail("conflict");
          throw error;
        }
        if (paid.sum + amount === awarded) next = "paid";
        note = action.reference;
        break;
      }
    }
    await trx
      .updateTable("policy_claim")
      .set({ ...set, status: next, version: claim.version + 1, updated_at: sql`now()` })
      .where("id", "=", claimId)
      .execute();
    await claimEvent(trx, claimId, actor.id, {
      kind: action.kind,
      from: status,
      to: next,
      stage: (set.stage as number | undefined) ?? claim.stage,
      note,
      amount,
    });
    await tellCompany(trx, claim, next, note);
    return ok({ status: next });
  });
}

/** The company answers a request for more information: back to the stage it was at. */
export async function resubmitClaim(
  db: Executor,
  actor: ClaimActor,
  claimId: string,
  version: number,
  input: { statement: string; documents: { docKey: string; fileId: string }[] },
): Promise<Result<object, "notFound" | "conflict" | "state">> {
  if (!can(actor, "create:policy_claim:own") || !actor.company) throw new Forbidden();
  if (!isUuid(claimId)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const claim = await trx
      .selectFrom("policy_claim")
      .select(["id", "company_id", "status", "version", "stage"])
      .where("id", "=", claimId)
      .where("company_id", "=", actor.company!.id)
      .forUpdate()
      .executeTakeFirst();
    if (!claim) return fail("notFound");
    if (claim.version !== version) return fail("conflict");
    if (claim.status !== "info_requested") return fail("state");
    await trx
      .updateTable("policy_claim")
      .set({
        status: "submitted",
        statement: input.statement,
        version: claim.version + 1,
        updated_at: sql`now()`,
      })
      .where("id", "=", claimId)
      .execute();
    for (const d of input.documents)
      await trx
        .insertInto("policy_claim_document")
        .values({ claim_id: claimId, doc_key: d.docKey, file_id: d.fileId, uploaded_by: actor.id })
        .execute();
    await claimEvent(trx, claimId, actor.id, {
      kind: "resubmitted",
      from: "info_requested",
      to: "submitted",
      stage: claim.stage,
      note: input.statement,
    });
    await tellCompany(trx, claim, "submitted", "");
    return ok();
  });
}

/** A company's own claims only; anyone else's is "not found" (never 403: nothing leaks). */
export async function getCompanyClaim(db: Executor, actor: ClaimActor, claimId: string) {
  if (!can(actor, "read:policy_claim:own") || !actor.company || !isUuid(claimId)) return undefined;
  return claimQuery(db)
    .where("policy_claim.id", "=", claimId)
    .where("policy_claim.company_id", "=", actor.company.id)
    .executeTakeFirst();
}

export async function listCompanyClaims(db: Executor, actor: ClaimActor) {
  if (!can(actor, "read:policy_claim:own") || !actor.company) return [];
  return claimQuery(db)
    .where("policy_claim.company_id", "=", actor.company.id)
    .orderBy("policy_claim.created_at", "desc")
    .execute();
}

export async function getClaimForStaff(db: Executor, actor: PolicyActor, claimId: string) {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
  if (!isUuid(claimId)) return undefined;
  return claimQuery(db).where("policy_claim.id", "=", claimId).executeTakeFirst();
}

function claimQuery(db: Executor) {
  return db
    .selectFrom("policy_claim")
    .innerJoin("park_policy", "park_policy.id", "policy_claim.policy_id")
    .innerJoin("company", "company.id", "policy_claim.company_id")
    .select([
      "policy_claim.id",
      "policy_claim.policy_id",
      "policy_claim.company_id",
      "policy_claim.status",
      "policy_claim.stage",
      "policy_claim.version",
      "policy_claim.automatic",
      "policy_claim.statement",
      "policy_claim.requested_minor",
      "policy_claim.awarded_minor",
      "policy_claim.reason",
      "policy_claim.created_at",
      "park_policy.title_en",
      "park_policy.title_zh",
      "park_policy.stages",
      "company.name_en",
      "company.name_zh",
    ]);
}

/** A claim's history and payments (for a caller that already may read the claim). */
export async function claimHistory(db: Executor, claimId: string) {
  const [events, payments] = await Promise.all([
    db
      .selectFrom("policy_claim_event")
      .select(["id", "kind", "from_status", "to_status", "stage", "note", "amount_minor", "at"])
      .where("claim_id", "=", claimId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("policy_payment")
      .select(["id", "amount_minor", "reference", "created_at"])
      .select(sql<string>`to_char(paid_on, 'YYYY-MM-DD')`.as("paid_on"))
      .where("claim_id", "=", claimId)
      .orderBy("paid_on")
      .execute(),
  ]);
  return { events, payments };
}
