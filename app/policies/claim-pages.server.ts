/**
 * What the claim pages need on top of the claims domain (claims.server.ts, ADR 0036/0037):
 * the claim form's facts and documents, a claim with its uploads in one transaction (a refused
 * file or a refused claim leaves nothing stored), a claim's documents, history with names and
 * payments, the desk's queue in keyset pages, and a document for those who may read the claim.
 */
import type { Executor } from "#db/executor";
import { can } from "~/auth/permissions";
import { decodeCursor, cursorAt, keysetPage, olderThan } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import type { Result } from "~/lib/result";
import { storeUpload } from "~/uploads/uploads.server";
import {
  claimHistory,
  resubmitClaim,
  submitClaim,
  type ClaimActor,
  type ClaimStatus,
} from "./claims.server";
import { evaluate, explainCheck, shanghaiDay } from "./criteria";
import {
  getPublishedPolicy,
  LIVE_CLAIM_STATUSES,
  loadFacts,
  policyCriteria,
  policyDocuments,
  policyStages,
  policyWindow,
  type PolicyActor,
} from "./policies.server";

export const CLAIM_FILE_TYPES = ["application/pdf", "image/png", "image/jpeg"];
export const CLAIM_FILE_BYTES = 10_000_000;
/** Documents added with an answer to a request for more information. */
export const MORE_KEY = "more";
export const MAX_MORE_FILES = 5;

export interface ClaimUpload {
  docKey: string;
  bytes: Uint8Array;
  filename: string;
  declaredType: string;
}

/** A refused step: the transaction rolls back (stored files with it) and the failure is returned. */
class Refused<E extends string> extends Error {
  constructor(readonly failure: { ok: false; error: E; docKey?: string }) {
    super(failure.error);
  }
}

async function storeAll(trx: Executor, uploads: readonly ClaimUpload[], userId: string) {
  const out: { docKey: string; fileId: string }[] = [];
  for (const u of uploads) {
    const stored = await storeUpload(trx, {
      bytes: u.bytes,
      filename: u.filename,
      declaredType: u.declaredType,
      allowedTypes: CLAIM_FILE_TYPES,
      maxBytes: CLAIM_FILE_BYTES,
      uploadedBy: userId,
      context: "policy_claim",
    });
    if (!stored.ok) throw new Refused({ ok: false, error: "file", docKey: u.docKey });
    out.push({ docKey: u.docKey, fileId: stored.file.id });
  }
  return out;
}

async function rollingBack<T extends { ok: boolean }>(
  db: Executor,
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  try {
    if (db.isTransaction) return await work(db);
    return await db.transaction().execute(async (trx) => {
      const r = await work(trx);
      if (!r.ok) throw new Refused(r as unknown as { ok: false; error: string });
      return r;
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure as unknown as T;
    throw error;
  }
}

export type SubmitError =
  "notFound" | "closed" | "notEligible" | "documents" | "duplicate" | "file";

/** A claim with its documents: the files are checked and stored in the claim's transaction. */
export async function submitClaimWithFiles(
  db: Executor,
  actor: ClaimActor,
  policyId: string,
  input: { statement: string; requestedYuan?: number; uploads: readonly ClaimUpload[] },
  now = new Date(),
): Promise<Result<{ id: string }, SubmitError, { docKey?: string }>> {
  return rollingBack(db, async (trx) => {
    const documents = await storeAll(trx, input.uploads, actor.id);
    return submitClaim(
      trx,
      actor,
      policyId,
      { statement: input.statement, requestedYuan: input.requestedYuan, documents },
      now,
    );
  });
}

/** The company's answer to a request for more information, with further documents. */
export async function resubmitWithFiles(
  db: Executor,
  actor: ClaimActor,
  claimId: string,
  version: number,
  input: { statement: string; uploads: readonly ClaimUpload[] },
): Promise<Result<object, "notFound" | "conflict" | "state" | "file", { docKey?: string }>> {
  return rollingBack(db, async (trx) => {
    const documents = await storeAll(trx, input.uploads, actor.id);
    return resubmitClaim(trx, actor, claimId, version, {
      statement: input.statement,
      documents,
    });
  });
}

/**
 * The claim form of a policy for a company: the policy, its documents, whether the company may
 * claim now (window, eligibility with what is missing, a live claim this year) and the facts
 * the claim will carry (from the company file and accepted figures).
 */
export async function claimFormFor(
  db: Executor,
  companyId: string,
  policyId: string,
  now = new Date(),
) {
  const policy = await getPublishedPolicy(db, policyId);
  if (!policy) return undefined;
  const today = shanghaiDay(now);
  const facts = (await loadFacts(db, { companyIds: [companyId], today })).get(companyId);
  const live = await db
    .selectFrom("policy_claim")
    .select("id")
    .where("policy_id", "=", policy.id)
    .where("company_id", "=", companyId)
    .where("year", "=", Number(today.slice(0, 4)))
    .where("status", "in", LIVE_CLAIM_STATUSES)
    .executeTakeFirst();
  const criteria = policyCriteria(policy);
  const result = facts && criteria ? evaluate(criteria, facts, policy.id, today) : null;
  const window = policyWindow(policy, today);
  const state: "open" | "claimed" | "closed" | "auto" | "notEligible" = live
    ? "claimed"
    : policy.auto_award
      ? "auto"
      : window !== "open"
        ? "closed"
        : result?.outcome === "matched"
          ? "open"
          : "notEligible";
  return {
    policy: {
      id: policy.id,
      title_en: policy.title_en,
      title_zh: policy.title_zh,
      summary_en: policy.summary_en,
      summary_zh: policy.summary_zh,
      benefit_kind: policy.benefit_kind,
      benefit_max_minor: policy.benefit_max_minor,
      benefit_rate: policy.benefit_rate,
      opens_on: policy.opens_on,
      deadline: policy.deadline,
    },
    window,
    documents: policyDocuments(policy),
    state,
    liveClaimId: live?.id ?? null,
    missingEn: result?.missing.map((m) => explainCheck(m, "en")) ?? [],
    missingZh: result?.missing.map((m) => explainCheck(m, "zh-CN")) ?? [],
    facts: facts ? factsOf(facts) : null,
  };
}

export interface ClaimFacts {
  industry: string | null;
  registeredOn: string | null;
  headcount: number | null;
  revenue: number | null;
  rdIntensity: number | null;
  designations: { kind: string; expiresOn: string | null }[];
  isResident: boolean;
  isIncubatee: boolean;
}

/** The facts a claim carries, from `loadFacts` or a stored prefill (unknown keys dropped). */
export function factsOf(raw: unknown): ClaimFacts {
  const f = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    industry: str(f.industry),
    registeredOn: str(f.registeredOn),
    headcount: num(f.headcount),
    revenue: num(f.revenue),
    rdIntensity: num(f.rdIntensity),
    designations: Array.isArray(f.designations)
      ? f.designations
          .filter((d): d is Record<string, unknown> => !!d && typeof d === "object")
          .map((d) => ({ kind: String(d.kind ?? ""), expiresOn: str(d.expiresOn) }))
      : [],
    isResident: f.isResident === true,
    isIncubatee: f.isIncubatee === true,
  };
}

/**
 * A claim's documents (with file names), history (with who acted: names for staff pages, only
 * "company" or "park" for the company's), payments and what was paid; for a caller that may
 * read the claim.
 */
export async function claimRecord(db: Executor, claimId: string, options: { names: boolean }) {
  const { events, payments } = await claimHistory(db, claimId);
  const actors = await db
    .selectFrom("policy_claim_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_id")
    .leftJoin("policy_claim as c", "c.id", "e.claim_id")
    .leftJoin("company_member as m", (j) =>
      j.onRef("m.user_id", "=", "e.actor_id").onRef("m.company_id", "=", "c.company_id"),
    )
    .select(["e.id", "u.name", "m.role"])
    .where("e.claim_id", "=", claimId)
    .execute();
  const who = new Map(actors.map((a) => [String(a.id), a]));
  const documents = await db
    .selectFrom("policy_claim_document as d")
    .innerJoin("stored_file as f", "f.id", "d.file_id")
    .select(["d.id", "d.doc_key", "d.created_at", "f.filename", "f.size_bytes"])
    .where("d.claim_id", "=", claimId)
    .orderBy("d.created_at")
    .execute();
  const paidMinor = payments.reduce((s, p) => s + Number(p.amount_minor), 0);
  return {
    documents,
    payments,
    paidMinor,
    events: events.map((e) => {
      const a = who.get(String(e.id));
      const side: "company" | "park" | "system" = a?.role ? "company" : a?.name ? "park" : "system";
      return { ...e, id: String(e.id), side, name: options.names ? (a?.name ?? null) : null };
    }),
  };
}

/** The stages of a claim's policy (for the progress line). */
export function stagesOf(row: { stages: unknown }) {
  return policyStages({ stages: row.stages as never });
}

export const DESK_PAGE_SIZE = 25;

export interface DeskClaimFilters {
  policyId?: string;
  status?: ClaimStatus;
  q?: string;
  cursor?: string;
}

/** The desk's claims, newest first, in keyset pages; filters by policy, state and company name. */
export async function listClaimsForDesk(
  db: Executor,
  actor: PolicyActor,
  filters: DeskClaimFilters,
  limit = DESK_PAGE_SIZE,
) {
  if (!can(actor, "manage:policy:any")) return { items: [], nextCursor: undefined };
  const cursor = decodeCursor(filters.cursor);
  const like = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .selectFrom("policy_claim as c")
    .innerJoin("park_policy as p", "p.id", "c.policy_id")
    .innerJoin("company as co", "co.id", "c.company_id")
    .select([
      "c.id",
      "c.status",
      "c.stage",
      "c.automatic",
      "c.requested_minor",
      "c.awarded_minor",
      "c.created_at",
      "c.updated_at",
      "p.title_en",
      "p.title_zh",
      "p.stages",
      "co.name_en",
      "co.name_zh",
    ])
    .select(cursorAt("c.created_at").as("cursor_at"))
    .$if(!!filters.policyId, (q) => q.where("c.policy_id", "=", filters.policyId!))
    .$if(!!filters.status, (q) => q.where("c.status", "=", filters.status!))
    .$if(!!like, (q) =>
      q.where((eb) => eb.or([eb("co.name_en", "ilike", like!), eb("co.name_zh", "ilike", like!)])),
    )
    .$if(!!cursor, (q) => q.where(olderThan("c.created_at", "c.id", cursor!)))
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(limit + 1)
    .execute();
  return keysetPage(rows, limit);
}

/** Policies that have claims, for the desk's filter. */
export async function claimedPolicies(db: Executor) {
  return db
    .selectFrom("park_policy")
    .select(["id", "title_en", "title_zh"])
    .where((eb) =>
      eb.exists(
        eb.selectFrom("policy_claim").select("id").whereRef("policy_id", "=", "park_policy.id"),
      ),
    )
    .orderBy("position")
    .orderBy("title_en")
    .execute();
}

/**
 * A claim's document for someone who may read the claim: the policy office, or a member of
 * the claim's company; anyone else (and a malformed id) gets undefined, never a hint.
 */
export async function findClaimDocumentForViewer(
  db: Executor,
  viewer: ClaimActor,
  documentId: string,
) {
  if (!isUuid(documentId)) return undefined;
  const staff = can(viewer, "manage:policy:any");
  if (!staff && !(viewer.company && can(viewer, "read:policy_claim:own"))) return undefined;
  return db
    .selectFrom("policy_claim_document as d")
    .innerJoin("policy_claim as c", "c.id", "d.claim_id")
    .innerJoin("stored_file as f", "f.id", "d.file_id")
    .select(["d.file_id", "f.filename"])
    .where("d.id", "=", documentId)
    .$if(!staff, (q) => q.where("c.company_id", "=", viewer.company!.id))
    .executeTakeFirst();
}

/** The company's live claims this year by policy (for "Claim" or "Your claim" links). */
export async function liveClaimsByPolicy(db: Executor, companyId: string, now = new Date()) {
  const rows = await db
    .selectFrom("policy_claim")
    .select(["id", "policy_id"])
    .where("company_id", "=", companyId)
    .where("year", "=", Number(shanghaiDay(now).slice(0, 4)))
    .where("status", "in", LIVE_CLAIM_STATUSES)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.policy_id, r.id]));
}

/** The latest request for more information (what the park asked), if the claim waits on it. */
export function openRequest(events: readonly { kind: string; note: string }[]) {
  const last = [...events].reverse().find((e) => e.kind === "request_info");
  return last?.note ?? null;
}

/** What a claim's pages show beside the claim row: the policy's documents and the facts as sent. */
export async function claimExtras(db: Executor, claim: { id: string; policy_id: string }) {
  const row = await db
    .selectFrom("policy_claim as c")
    .innerJoin("park_policy as p", "p.id", "c.policy_id")
    .select(["c.prefill", "p.documents", "p.benefit_max_minor"])
    .where("c.id", "=", claim.id)
    .executeTakeFirstOrThrow();
  return {
    required: policyDocuments(row),
    facts: factsOf(row.prefill),
    maxMinor: row.benefit_max_minor,
  };
}
