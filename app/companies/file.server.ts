/**
 * The company file (issue 14): what the park keeps about a company beyond its name, with a
 * field-level history (who, when, before, after) written in the transaction of each change,
 * and a staff timeline of everything the company did in the portal.
 *
 * Owners change their own company's file (another company's id is "notFound"); staff with
 * `read:company:any` read any company's file, history and timeline.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can, type Permission } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { cursorAt, encodeCursor, type Cursor } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import { fail, ok, type Failure, type Success } from "~/lib/result";
import { formatMoney } from "~/projects/money";
import type { CompanyFileInput, DesignationInput } from "./file-schema";

type Viewer = Pick<SessionUser, "id" | "roles" | "company">;

export interface CompanyFile {
  id: string;
  nameEn: string;
  nameZh: string;
  creditCode: string | null;
  industry: string;
  size: string;
  website: string | null;
  isResident: boolean;
  registeredOn: string | null;
  capitalMinor: number | null;
  capitalCurrency: string | null;
  inventionPatents: number;
  utilityModels: number;
  softwareCopyrights: number;
  trademarks: number;
  space: string;
  version: number;
}

export interface Designation {
  id: string;
  kind: string;
  reference: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** The fields of the file that its history follows, as their stored text. */
export const FILE_FIELDS = [
  "registeredOn",
  "capital",
  "inventionPatents",
  "utilityModels",
  "softwareCopyrights",
  "trademarks",
  "space",
] as const;
export type FileField = (typeof FILE_FIELDS)[number];

/** Whether the viewer may see this company's file: its members, or staff. */
async function mayRead(db: Executor, viewer: Viewer, companyId: string): Promise<boolean> {
  if (can(viewer, "read:company:any")) return true;
  return viewer.company?.id === companyId && can(viewer, "read:company:own");
}

export async function getCompanyFile(
  db: Executor,
  viewer: Viewer,
  companyId: string,
): Promise<Success<{ file: CompanyFile; designations: Designation[] }> | Failure<"notFound">> {
  if (!isUuid(companyId) || !(await mayRead(db, viewer, companyId))) return fail("notFound");
  const row = await db
    .selectFrom("company")
    .select([
      "id",
      "name_en",
      "name_zh",
      "credit_code",
      "industry",
      "size",
      "website",
      "is_resident",
      sql<string | null>`to_char(registered_on, 'YYYY-MM-DD')`.as("registered_on"),
      "capital_minor",
      "capital_currency",
      "invention_patents",
      "utility_models",
      "software_copyrights",
      "trademarks",
      "space",
      "version",
    ])
    .where("id", "=", companyId)
    .executeTakeFirst();
  if (!row) return fail("notFound");
  const designations = await db
    .selectFrom("company_designation")
    .select([
      "id",
      "kind",
      "reference",
      sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as("issued_on"),
      sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on"),
    ])
    .where("company_id", "=", companyId)
    .orderBy("issued_on", "desc")
    .execute();
  return ok({
    file: {
      id: row.id,
      nameEn: row.name_en,
      nameZh: row.name_zh,
      creditCode: row.credit_code,
      industry: row.industry,
      size: row.size,
      website: row.website,
      isResident: row.is_resident,
      registeredOn: row.registered_on,
      capitalMinor: row.capital_minor === null ? null : Number(row.capital_minor),
      capitalCurrency: row.capital_currency,
      inventionPatents: row.invention_patents,
      utilityModels: row.utility_models,
      softwareCopyrights: row.software_copyrights,
      trademarks: row.trademarks,
      space: row.space,
      version: row.version,
    },
    designations: designations.map((d) => ({
      id: d.id,
      kind: d.kind,
      reference: d.reference,
      issuedOn: d.issued_on,
      expiresOn: d.expires_on,
    })),
  });
}

/** The stored text of each followed field, for the history. */
export function fileValues(f: {
  registeredOn: string | null;
  capitalMinor: number | null;
  capitalCurrency: string | null;
  inventionPatents: number;
  utilityModels: number;
  softwareCopyrights: number;
  trademarks: number;
  space: string;
}): Record<FileField, string | null> {
  return {
    registeredOn: f.registeredOn,
    capital:
      f.capitalMinor === null || !f.capitalCurrency
        ? null
        : formatMoney(f.capitalMinor, f.capitalCurrency),
    inventionPatents: String(f.inventionPatents),
    utilityModels: String(f.utilityModels),
    softwareCopyrights: String(f.softwareCopyrights),
    trademarks: String(f.trademarks),
    space: f.space || null,
  };
}

/** Writes one history row per field whose text differs; returns the changed fields. */
export async function recordChanges(
  trx: Executor,
  companyId: string,
  actorId: string | null,
  before: Record<string, string | null>,
  after: Record<string, string | null>,
  at: Date = new Date(),
): Promise<string[]> {
  const changed = Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  if (changed.length)
    await trx
      .insertInto("company_change")
      .values(
        changed.map((field) => ({
          company_id: companyId,
          actor_id: actorId,
          field,
          before: before[field] ?? null,
          after: after[field] ?? null,
          at,
        })),
      )
      .execute();
  return changed;
}

/** The owner check, under a lock on the membership: else "notFound" or "forbidden". */
async function ownerOf(
  trx: Executor,
  actor: Viewer,
  companyId: string,
): Promise<"ok" | "notFound" | "forbidden"> {
  if (!isUuid(companyId)) return "notFound";
  const m = await trx
    .selectFrom("company_member")
    .select("role")
    .where("company_id", "=", companyId)
    .where("user_id", "=", actor.id)
    .forUpdate()
    .executeTakeFirst();
  if (!m) return "notFound";
  const need: Permission = "update:company:own";
  return m.role === "owner" && can(actor, need) ? "ok" : "forbidden";
}

export type FileUpdateFailure = Failure<"notFound" | "forbidden" | "conflict">;

/** Saves the file if nobody saved the company since `input.version`; records each change. */
export async function updateCompanyFile(
  db: Executor,
  actor: Viewer,
  companyId: string,
  input: CompanyFileInput,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<Success<{ version: number; changed: string[] }> | FileUpdateFailure> {
  return inTransaction(db, async (trx) => {
    const check = await ownerOf(trx, actor, companyId);
    if (check !== "ok") return fail(check);
    const found = await getCompanyFile(trx, actor, companyId);
    if (!found.ok) return fail("notFound");
    const now = meta.now ?? new Date();
    const capitalCurrency = input.capitalMinor === null ? null : input.capitalCurrency;
    const updated = await trx
      .updateTable("company")
      .set({
        registered_on: input.registeredOn ?? null,
        capital_minor: input.capitalMinor,
        capital_currency: capitalCurrency,
        invention_patents: input.inventionPatents,
        utility_models: input.utilityModels,
        software_copyrights: input.softwareCopyrights,
        trademarks: input.trademarks,
        space: input.space ?? "",
        version: sql<number>`version + 1`,
        updated_at: now,
      })
      .where("id", "=", companyId)
      .where("version", "=", input.version)
      .returning("version")
      .executeTakeFirst();
    if (!updated) return fail("conflict");
    const changed = await recordChanges(
      trx,
      companyId,
      actor.id,
      fileValues(found.file),
      fileValues({
        registeredOn: input.registeredOn ?? null,
        capitalMinor: input.capitalMinor,
        capitalCurrency,
        inventionPatents: input.inventionPatents,
        utilityModels: input.utilityModels,
        softwareCopyrights: input.softwareCopyrights,
        trademarks: input.trademarks,
        space: input.space ?? "",
      }),
      now,
    );
    await audit(trx, {
      actorId: actor.id,
      action: "company.file_update",
      entityType: "company",
      entityId: companyId,
      details: { fields: changed },
      ip: meta.ip,
    });
    return ok({ version: updated.version, changed });
  });
}

function designationText(d: {
  kind: string;
  reference?: string;
  issuedOn: string;
  expiresOn?: string | null;
}) {
  return [d.kind, d.reference || "", d.issuedOn, d.expiresOn ?? ""].join(" · ");
}

export async function addDesignation(
  db: Executor,
  actor: Viewer,
  companyId: string,
  input: DesignationInput,
  meta: { ip?: string | null } = {},
): Promise<Success<{ id: string }> | Failure<"notFound" | "forbidden">> {
  return inTransaction(db, async (trx) => {
    const check = await ownerOf(trx, actor, companyId);
    if (check !== "ok") return fail(check);
    const row = await trx
      .insertInto("company_designation")
      .values({
        company_id: companyId,
        kind: input.kind,
        reference: input.reference ?? "",
        issued_on: input.issuedOn,
        expires_on: input.expiresOn ?? null,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordChanges(
      trx,
      companyId,
      actor.id,
      { designation: null },
      {
        designation: designationText(input),
      },
    );
    await audit(trx, {
      actorId: actor.id,
      action: "company.designation_add",
      entityType: "company",
      entityId: companyId,
      details: { kind: input.kind },
      ip: meta.ip,
    });
    return ok({ id: row.id });
  });
}

export async function removeDesignation(
  db: Executor,
  actor: Viewer,
  companyId: string,
  designationId: string,
  meta: { ip?: string | null } = {},
): Promise<Success | Failure<"notFound" | "forbidden">> {
  return inTransaction(db, async (trx) => {
    const check = await ownerOf(trx, actor, companyId);
    if (check !== "ok") return fail(check);
    if (!isUuid(designationId)) return fail("notFound");
    const gone = await trx
      .deleteFrom("company_designation")
      .where("id", "=", designationId)
      .where("company_id", "=", companyId)
      .returning([
        "kind",
        "reference",
        sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as("issued_on"),
        sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on"),
      ])
      .executeTakeFirst();
    if (!gone) return fail("notFound");
    await recordChanges(
      trx,
      companyId,
      actor.id,
      {
        designation: designationText({
          kind: gone.kind,
          reference: gone.reference,
          issuedOn: gone.issued_on,
          expiresOn: gone.expires_on,
        }),
      },
      { designation: null },
    );
    await audit(trx, {
      actorId: actor.id,
      action: "company.designation_remove",
      entityType: "company",
      entityId: companyId,
      details: { kind: gone.kind },
      ip: meta.ip,
    });
    return ok();
  });
}

export interface ChangeRow {
  id: number;
  field: string;
  before: string | null;
  after: string | null;
  at: string;
  actorName: string | null;
}

/** The file's history, newest first (`before`: the id of the last row seen). */
export async function listChanges(
  db: Executor,
  viewer: Viewer,
  companyId: string,
  opts: { before?: number; limit?: number } = {},
): Promise<Success<{ items: ChangeRow[]; next: number | null }> | Failure<"notFound">> {
  if (!isUuid(companyId) || !(await mayRead(db, viewer, companyId))) return fail("notFound");
  const limit = Math.min(opts.limit ?? 20, 100);
  let q = db
    .selectFrom("company_change")
    .leftJoin("app_user", "app_user.id", "company_change.actor_id")
    .select([
      "company_change.id",
      "company_change.field",
      "company_change.before",
      "company_change.after",
      "company_change.at",
      "app_user.name as actor_name",
    ])
    .where("company_change.company_id", "=", companyId)
    .orderBy("company_change.id", "desc")
    .limit(limit + 1);
  if (opts.before) q = q.where("company_change.id", "<", opts.before);
  const rows = await q.execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: Number(r.id),
    field: r.field,
    before: r.before,
    after: r.after,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
  }));
  return ok({ items, next: rows.length > limit ? items[items.length - 1]!.id : null });
}

/** What a timeline entry is about. */
export const TIMELINE_KINDS = [
  "application_started",
  "application_submitted",
  "decision",
  "request_filed",
  "request_closed",
  "report_submitted",
  "report_accepted",
  "report_returned",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  id: string;
  title: string;
  detail: string | null;
  link: string | null;
}

/** The sources of the timeline: each a query of (at, id, rank, title, detail, link). */
function timelineSources(companyId: string) {
  return sql`
    SELECT a.created_at AS at, a.id, 1 AS rank, c.title_en AS title, c.title_zh AS detail,
      '/desk/incubation/applications/' || a.id AS link
    FROM application a JOIN incubation_call c ON c.id = a.call_id
    WHERE a.company_id = ${companyId}
    UNION ALL
    SELECT a.submitted_at, a.id, 2, c.title_en, c.title_zh,
      '/desk/incubation/applications/' || a.id
    FROM application a JOIN incubation_call c ON c.id = a.call_id
    WHERE a.company_id = ${companyId} AND a.submitted_at IS NOT NULL
    UNION ALL
    SELECT a.decision_released_at, a.id, 3, c.title_en, a.decision_outcome,
      '/desk/incubation/applications/' || a.id
    FROM application a JOIN incubation_call c ON c.id = a.call_id
    WHERE a.company_id = ${companyId} AND a.decision_released_at IS NOT NULL
    UNION ALL
    SELECT r.created_at, r.id, 4, r.ref || ' ' || r.subject, NULL, '/desk/requests/' || r.ref
    FROM service_request r WHERE r.company_id = ${companyId}
    UNION ALL
    SELECT r.closed_at, r.id, 5, r.ref || ' ' || r.subject, NULL, '/desk/requests/' || r.ref
    FROM service_request r WHERE r.company_id = ${companyId} AND r.closed_at IS NOT NULL
  `;
}

/**
 * The company's timeline for staff, newest first, a keyset page of `limit` entries after
 * `cursor` (at, id, rank: the kind's number breaks ties between events of one record).
 */
export async function companyTimeline(
  db: Executor,
  viewer: Viewer,
  companyId: string,
  cursor: Cursor | undefined,
  limit = 20,
): Promise<Success<{ items: TimelineEntry[]; next: string | null }> | Failure<"notFound">> {
  if (!isUuid(companyId) || !can(viewer, "read:company:any")) return fail("notFound");
  const after = cursor
    ? sql`WHERE (t.at, t.id, t.rank) < (${cursor.at}::timestamptz, ${cursor.id}::uuid, ${cursor.rank ?? 32767})`
    : sql``;
  const { rows } = await sql<{
    at: Date;
    cursor_at: string;
    id: string;
    rank: number;
    title: string;
    detail: string | null;
    link: string | null;
  }>`
    SELECT t.at, ${cursorAt("t.at")} AS cursor_at, t.id, t.rank, t.title, t.detail, t.link
    FROM (${timelineSources(companyId)}) t
    ${after}
    ORDER BY t.at DESC, t.id DESC, t.rank DESC
    LIMIT ${limit + 1}
  `.execute(db);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return ok({
    items: page.map((r) => ({
      kind: TIMELINE_KINDS[r.rank - 1]!,
      at: new Date(r.at).toISOString(),
      id: r.id,
      title: r.title,
      detail: r.detail,
      link: r.link,
    })),
    next:
      rows.length > limit && last
        ? encodeCursor({ at: last.cursor_at, id: last.id, rank: last.rank })
        : null,
  });
}

export interface DeskCompanyRow {
  id: string;
  nameEn: string;
  nameZh: string;
  industry: string;
  size: string;
  isResident: boolean;
  designations: number;
}

/** Companies for the staff list, by name, a page after `afterName`/`afterId`; `q` searches names. */
export async function listCompaniesForDesk(
  db: Executor,
  viewer: Viewer,
  opts: { q?: string; after?: { name: string; id: string }; limit?: number } = {},
): Promise<
  | Success<{ items: DeskCompanyRow[]; next: { name: string; id: string } | null }>
  | Failure<"forbidden">
> {
  if (!can(viewer, "read:company:any")) return fail("forbidden");
  const limit = Math.min(opts.limit ?? 50, 100);
  let q = db
    .selectFrom("company")
    .select([
      "company.id",
      "company.name_en",
      "company.name_zh",
      "company.industry",
      "company.size",
      "company.is_resident",
      (eb) =>
        eb
          .selectFrom("company_designation")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("company_designation.company_id", "=", "company.id")
          .as("designations"),
    ])
    .orderBy("company.name_en")
    .orderBy("company.id")
    .limit(limit + 1);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb("company.name_en", "ilike", like), eb("company.name_zh", "ilike", like)]),
    );
  }
  if (opts.after && isUuid(opts.after.id))
    q = q.where(
      sql<boolean>`(company.name_en, company.id) > (${opts.after.name}, ${opts.after.id}::uuid)`,
    );
  const rows = await q.execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    nameEn: r.name_en,
    nameZh: r.name_zh,
    industry: r.industry,
    size: r.size,
    isResident: r.is_resident,
    designations: Number(r.designations ?? 0),
  }));
  const last = items[items.length - 1];
  return ok({
    items,
    next: rows.length > limit && last ? { name: last.nameEn, id: last.id } : null,
  });
}
