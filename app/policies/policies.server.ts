/**
 * The policy library (issue 15, ADR 0036): policies with their benefit, window and criteria;
 * the facts the evaluator reads (company file, designations, accepted figures, live claims);
 * staff previews of which companies match; a company's own matches.
 */
import { sql, type Selectable } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB as Database } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { can, type Actor } from "~/auth/permissions";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { isUuid } from "~/lib/ids";
import {
  criteriaSchema,
  evaluate,
  explainCheck,
  shanghaiDay,
  windowState,
  type CompanyFacts,
  type Criterion,
  type WindowState,
} from "./criteria";
import {
  criteriaOf,
  parseDocuments,
  STAGES,
  type PolicyDocument,
  type PolicyForm,
  type Stage,
} from "./schema";

export type PolicyRow = Selectable<Database["park_policy"]>;
export interface PolicyActor extends Actor {
  id: string;
}

function requireManage(actor: PolicyActor) {
  if (!can(actor, "manage:policy:any")) throw new Forbidden();
}

/** Live claims: they block a second claim for the same policy in the same year. */
export const LIVE_CLAIM_STATUSES = ["submitted", "info_requested", "approved", "paid"] as const;

/** The stored criteria; a malformed value (never written by the editor) matches nobody. */
export function policyCriteria(row: Pick<PolicyRow, "criteria">): Criterion[] | null {
  const parsed = criteriaSchema.safeParse(row.criteria);
  return parsed.success ? parsed.data : null;
}

export function policyDocuments(row: Pick<PolicyRow, "documents">): PolicyDocument[] {
  return Array.isArray(row.documents) ? (row.documents as unknown as PolicyDocument[]) : [];
}

export function policyStages(row: Pick<PolicyRow, "stages">): Stage[] {
  const s = Array.isArray(row.stages) ? (row.stages as string[]) : [];
  const known = STAGES.filter((x) => s.includes(x));
  return known.length ? known : ["approve"];
}

export function policyWindow(row: Pick<PolicyRow, "opens_on" | "deadline">, today: string) {
  return windowState(row.opens_on, row.deadline, today);
}

// ---- Facts ---------------------------------------------------------------------------------

/**
 * What the evaluator knows of each company (all, or those named): the file's industry and
 * registration date, residency, incubation (an accepted application), designations, and from
 * accepted monthly reports the latest headcount and twelve months of revenue and R&D spending
 * (revenue annualised when fewer months were reported), as `company_report_facts` keeps them.
 */
export async function loadFacts(
  db: Executor,
  options: { companyIds?: readonly string[]; today: string },
): Promise<Map<string, CompanyFacts>> {
  const ids = options.companyIds;
  if (ids && !ids.length) return new Map();
  const year = Number(options.today.slice(0, 4));
  const companies = await db
    .selectFrom("company")
    .select(["id", "industry", "is_resident"])
    .select(sql<string | null>`to_char(registered_on, 'YYYY-MM-DD')`.as("registered_on"))
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("application")
            .select("application.id")
            .whereRef("application.company_id", "=", "company.id")
            .where("application.decision_outcome", "in", ["accepted", "accepted_with_conditions"]),
        )
        .as("incubatee"),
    )
    .$if(!!ids, (q) => q.where("id", "in", ids!))
    .execute();
  const designations = await db
    .selectFrom("company_designation")
    .select(["company_id", "kind"])
    .select(sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on"))
    .$if(!!ids, (q) => q.where("company_id", "in", ids!))
    .execute();
  const claims = await db
    .selectFrom("policy_claim")
    .select(["company_id", "policy_id"])
    .where("year", "=", year)
    .where("status", "in", LIVE_CLAIM_STATUSES)
    .$if(!!ids, (q) => q.where("company_id", "in", ids!))
    .execute();
  // Kept by triggers on report (migration 2026-12-08T0600): the twelve months up to each
  // company's latest accepted monthly report.
  const figures = await db
    .selectFrom("company_report_facts")
    .select(["company_id", "months", "revenue", "rd", "headcount"])
    .$if(!!ids, (q) => q.where("company_id", "in", ids!))
    .execute();


  const out = new Map<string, CompanyFacts>();
  for (const c of companies)
    out.set(c.id, {
      companyId: c.id,
      industry: c.industry || null,
      registeredOn: c.registered_on,
      headcount: null,
      revenue: null,
      rdIntensity: null,
      designations: [],
      isResident: c.is_resident,
      isIncubatee: !!c.incubatee,
      liveClaimPolicyIds: [],
    });
  for (const d of designations)
    (out.get(d.company_id)?.designations as { kind: string; expiresOn: string | null }[])?.push({
      kind: d.kind,
      expiresOn: d.expires_on,
    });
  for (const c of claims)
    (out.get(c.company_id)?.liveClaimPolicyIds as string[])?.push(c.policy_id);
  for (const f of figures) {
    const facts = out.get(f.company_id);
    if (!facts) continue;
    facts.headcount = f.headcount;
    if (f.months > 0 && f.revenue !== null) {
      facts.revenue = Math.round((f.revenue * 12) / Math.min(12, f.months));
      facts.rdIntensity =
        f.revenue > 0 && f.rd !== null ? Math.round((f.rd / f.revenue) * 1000) / 10 : null;
    }
  }
  return out;
}

// ---- The library ---------------------------------------------------------------------------

export async function listLibrary(db: Executor) {
  return db
    .selectFrom("park_policy")
    .select([
      "id",
      "title_en",
      "title_zh",
      "issuer_en",
      "issuer_zh",
      "status",
      "auto_award",
      "criteria",
      "updated_at",
    ])
    .select([DAY.opensOn, DAY.deadline])
    .select((eb) =>
      eb
        .selectFrom("policy_claim")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("policy_claim.policy_id", "=", "park_policy.id")
        .as("claims"),
    )
    .orderBy(sql`deadline IS NULL`)
    .orderBy("deadline")
    .orderBy("position")
    .execute();
}

/** The window's days as text (YYYY-MM-DD), never a Date shifted by a time zone. */
const DAY = {
  opensOn: sql<string | null>`to_char(opens_on, 'YYYY-MM-DD')`.as("opens_on"),
  deadline: sql<string | null>`to_char(deadline, 'YYYY-MM-DD')`.as("deadline"),
};

export async function getPolicy(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("park_policy")
    .selectAll()
    .select([DAY.opensOn, DAY.deadline])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A published policy for anyone to read. */
export async function getPublishedPolicy(db: Executor, id: string) {
  const p = await getPolicy(db, id);
  return p?.status === "published" ? p : undefined;
}

function values(v: PolicyForm) {
  return {
    title_en: v.titleEn,
    title_zh: v.titleZh,
    issuer_en: v.issuerEn ?? "",
    issuer_zh: v.issuerZh ?? "",
    summary_en: v.summaryEn ?? "",
    summary_zh: v.summaryZh ?? "",
    body_en: v.bodyEn ?? "",
    body_zh: v.bodyZh ?? "",
    benefit_kind: v.benefitKind,
    benefit_max_minor:
      v.benefitKind === "amount" || v.benefitKind === "rate"
        ? Math.round((v.benefitMax ?? 0) * 100)
        : null,
    benefit_rate: v.benefitKind === "rate" ? (v.benefitRate ?? null) : null,
    benefit_note_en: v.benefitNoteEn ?? "",
    benefit_note_zh: v.benefitNoteZh ?? "",
    opens_on: v.opensOn ?? null,
    deadline: v.deadline ?? null,
    link: v.link ?? null,
    documents: JSON.stringify(parseDocuments(v.documents ?? "") ?? []),
    criteria: JSON.stringify(criteriaOf(v)),
    stages: JSON.stringify(v.stages.length ? v.stages : ["approve"]),
    auto_award: v.autoAward,
    status: v.status,
    position: v.position,
  };
}

/**
 * Creates (`id` null) or updates a policy, with the version the editor saw; the audit entry
 * commits with it. "conflict" when someone saved in between.
 */
export async function savePolicyLibrary(
  db: Executor,
  actor: PolicyActor,
  id: string | null,
  input: PolicyForm,
): Promise<Result<{ id: string }, "notFound" | "conflict">> {
  requireManage(actor);
  return inTransaction(db, async (trx) => {
    let savedId: string;
    if (id) {
      if (!isUuid(id)) return fail("notFound");
      const current = await trx
        .selectFrom("park_policy")
        .select("version")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) return fail("notFound");
      if (input.version !== undefined && input.version !== current.version) return fail("conflict");
      await trx
        .updateTable("park_policy")
        .set({ ...values(input), version: current.version + 1, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute();
      savedId = id;
    } else {
      const row = await trx
        .insertInto("park_policy")
        .values(values(input))
        .returning("id")
        .executeTakeFirstOrThrow();
      savedId = row.id;
    }
    await audit(trx, {
      actorId: actor.id,
      action: "policy.save",
      entityType: "park_policy",
      entityId: savedId,
      details: { created: !id, status: input.status },
    });
    return ok({ id: savedId });
  });
}

// ---- Matching ------------------------------------------------------------------------------

export interface PreviewEntry {
  companyId: string;
  nameEn: string;
  nameZh: string;
  /** What is missing, in both languages (near misses only). */
  missingEn: string[];
  missingZh: string[];
}
export interface Preview {
  /** The first companies of each list (by English name), at most `limit`. */
  matched: PreviewEntry[];
  near: PreviewEntry[];
  /** How many match and nearly match in all (the lists may be cut). */
  matchedCount: number;
  nearCount: number;
  /** Companies evaluated. */
  total: number;
}

/** How many companies of each list the live preview shows (the no-JS preview shows 200). */
export const LIVE_PREVIEW_LIMIT = 10;

/**
 * Which companies match criteria now, and which nearly do (the editor's preview, for unsaved
 * criteria too): both counts, and the first `limit` of each list by name with what is missing.
 * Reads only. A reported figure is quoted only to statistics staff (ADR 0033).
 */
export async function previewMatches(
  db: Executor,
  actor: PolicyActor,
  criteria: readonly Criterion[],
  policyId: string | null,
  options: { today?: string; limit?: number } = {},
): Promise<Preview> {
  requireManage(actor);
  const today = options.today ?? shanghaiDay(new Date());
  const limit = options.limit ?? 200;
  const showFigures = can(actor, "read:statistics:any");
  const [facts, names] = await Promise.all([
    loadFacts(db, { today }),
    db.selectFrom("company").select(["id", "name_en", "name_zh"]).execute(),
  ]);
  const byId = new Map(names.map((n) => [n.id, n]));
  // Evaluate everyone, but explain (two languages) only the companies shown.
  const matched: { f: CompanyFacts; name: string }[] = [];
  const near: { f: CompanyFacts; name: string; r: ReturnType<typeof evaluate> }[] = [];
  for (const f of facts.values()) {
    const r = evaluate(criteria, f, policyId ?? "", today);
    if (r.outcome === "not") continue;
    const name = byId.get(f.companyId)?.name_en ?? "";
    if (r.outcome === "matched") matched.push({ f, name });
    else near.push({ f, name, r });
  }
  const byName = (a: { f: CompanyFacts; name: string }, b: { f: CompanyFacts; name: string }) =>
    a.name.localeCompare(b.name) || a.f.companyId.localeCompare(b.f.companyId);
  const entry = (f: CompanyFacts, r?: ReturnType<typeof evaluate>): PreviewEntry => {
    const n = byId.get(f.companyId);
    return {
      companyId: f.companyId,
      nameEn: n?.name_en ?? "",
      nameZh: n?.name_zh ?? "",
      missingEn: r ? r.missing.map((m) => explainCheck(m, "en", showFigures)) : [],
      missingZh: r ? r.missing.map((m) => explainCheck(m, "zh-CN", showFigures)) : [],
    };
  };
  return {
    matched: matched
      .sort(byName)
      .slice(0, limit)
      .map((m) => entry(m.f)),
    near: near
      .sort(byName)
      .slice(0, limit)
      .map((m) => entry(m.f, m.r)),
    matchedCount: matched.length,
    nearCount: near.length,
    total: facts.size,
  };
}

export interface CompanyMatch {
  policy: Pick<
    PolicyRow,
    | "id"
    | "title_en"
    | "title_zh"
    | "summary_en"
    | "summary_zh"
    | "issuer_en"
    | "issuer_zh"
    | "opens_on"
    | "deadline"
    | "benefit_kind"
    | "benefit_max_minor"
    | "benefit_rate"
    | "auto_award"
  >;
  window: WindowState;
  missingEn: string[];
  missingZh: string[];
}

/**
 * A company's policies: those it qualifies for and those it nearly does, with what is missing
 * in both languages (its own figures quoted: they are its own). Published policies whose
 * window has not closed.
 */
export async function matchesForCompany(
  db: Executor,
  companyId: string,
  options: { today?: string } = {},
): Promise<{ matched: CompanyMatch[]; near: CompanyMatch[] }> {
  const today = options.today ?? shanghaiDay(new Date());
  const [facts, policies] = await Promise.all([
    loadFacts(db, { companyIds: [companyId], today }),
    db
      .selectFrom("park_policy")
      .select([
        "id",
        "title_en",
        "title_zh",
        "summary_en",
        "summary_zh",
        "issuer_en",
        "issuer_zh",
        "benefit_kind",
        "benefit_max_minor",
        "benefit_rate",
        "auto_award",
        "criteria",
      ])
      .select([DAY.opensOn, DAY.deadline])
      .where("status", "=", "published")
      .where((eb) => eb.or([eb("deadline", "is", null), eb("deadline", ">=", today)]))
      .orderBy(sql`deadline IS NULL`)
      .orderBy("deadline")
      .execute(),
  ]);
  const f = facts.get(companyId);
  const matched: CompanyMatch[] = [];
  const near: CompanyMatch[] = [];
  if (!f) return { matched, near };
  for (const p of policies) {
    const criteria = policyCriteria(p);
    if (!criteria) continue;
    const r = evaluate(criteria, f, p.id, today);
    if (r.outcome === "not") continue;
    const { criteria: _omit, ...policy } = p;
    const entry: CompanyMatch = {
      policy,
      window: policyWindow(p, today),
      missingEn: r.missing.map((m) => explainCheck(m, "en")),
      missingZh: r.missing.map((m) => explainCheck(m, "zh-CN")),
    };
    (r.outcome === "matched" ? matched : near).push(entry);
  }
  return { matched, near };
}
