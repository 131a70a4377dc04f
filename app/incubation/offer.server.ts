/**
 * After an acceptance (issue 16): the offer, its reply, the agreement and its signatures, and
 * onboarding. Each function is one transaction with its audit entry, notifications and
 * emails (ADR 0021).
 *
 *   released acceptance -> offer "offered" (terms drafted with the decision)
 *   company accepts     -> "accepted": the agreement PDF is generated and stored
 *   company declines    -> "declined" (with a reason; nothing else happens)
 *   both sides upload a signed copy -> "signed": the company becomes an incubatee and a
 *     resident from the start date, and the programme's onboarding requests are opened,
 *     once each (application_onboarding's key), however often a signed copy is uploaded.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { isoDay } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { openRequestForCompany } from "~/service-requests/service-requests.server";
import { storeUpload } from "~/uploads/uploads.server";
import { renderAgreement } from "./agreement.server";
import { createMilestones } from "./milestones.server";
import type { Ctx } from "./incubation.server";
import { notifyCompany, notifyStaff } from "./notify.server";

export interface OfferTerms {
  conditions: string;
  space: string;
  replyBy: string;
  startDate: string;
  plannedEndDate: string;
}

const DAY = 86400_000;
export const SIGNED_COPY_MAX_BYTES = 10_000_000;

/** The terms an acceptance starts with: reply in two weeks, start in a month, two years. */
export function defaultTerms(now = new Date()): OfferTerms {
  const start = new Date(now.getTime() + 30 * DAY);
  return {
    conditions: "",
    space: "",
    replyBy: isoDay(new Date(now.getTime() + 14 * DAY)),
    startDate: isoDay(start),
    plannedEndDate: isoDay(new Date(start.getTime() + 730 * DAY)),
  };
}

export function asTerms(value: unknown, now = new Date()): OfferTerms {
  const d = defaultTerms(now);
  if (!value || typeof value !== "object") return d;
  const v = value as Partial<Record<keyof OfferTerms, unknown>>;
  const str = (x: unknown, fallback: string) => (typeof x === "string" ? x : fallback);
  return {
    conditions: str(v.conditions, d.conditions),
    space: str(v.space, d.space),
    replyBy: str(v.replyBy, d.replyBy),
    startDate: str(v.startDate, d.startDate),
    plannedEndDate: str(v.plannedEndDate, d.plannedEndDate),
  };
}

/** Called by transition() when an acceptance is released: the offer, and the company told. */
export async function createOffer(
  trx: Executor,
  app: { id: string; company_id: string; offer_terms: unknown; title_en: string; title_zh: string },
  now: Date,
): Promise<void> {
  const terms = asTerms(app.offer_terms, now);
  await trx
    .insertInto("incubation_offer")
    .values({
      application_id: app.id,
      company_id: app.company_id,
      conditions: terms.conditions,
      space: terms.space,
      reply_by: terms.replyBy,
      start_date: terms.startDate,
      planned_end_date: terms.plannedEndDate,
      offered_at: now,
    })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .execute();
  await notifyCompany(trx, app.company_id, "offer_made", `/applications/${app.id}`, {
    subject: app.title_en,
    subjectZh: app.title_zh,
  });
}

export async function getOffer(db: Executor, applicationId: string) {
  if (!isUuid(applicationId)) return undefined;
  return db
    .selectFrom("incubation_offer")
    .selectAll()
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
}
export type Offer = NonNullable<Awaited<ReturnType<typeof getOffer>>>;

/** A `date` column as YYYY-MM-DD (the driver may hand it over as a Date at local midnight). */
export function dayOf(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : isoDay(value);
}

/** The offer's reply-by date has passed (end of that day, park time). */
export function replyClosed(offer: { reply_by: string | Date }, now = new Date()): boolean {
  return isoDay(now) > dayOf(offer.reply_by);
}

async function offerContext(trx: Executor, applicationId: string, companyId?: string) {
  let q = trx
    .selectFrom("incubation_offer as o")
    .innerJoin("application as a", "a.id", "o.application_id")
    .innerJoin("incubation_call as c", "c.id", "a.call_id")
    .innerJoin("incubation_programme as p", "p.id", "c.programme_id")
    .innerJoin("company as co", "co.id", "a.company_id")
    .selectAll("o")
    .select([
      "c.title_en",
      "c.title_zh",
      "p.name_en as programme_en",
      "p.name_zh as programme_zh",
      "p.onboarding_types",
      "p.id as programme_id",
      "co.name_en as company_en",
      "co.name_zh as company_zh",
    ])
    .where("o.application_id", "=", applicationId)
    .forUpdate("o");
  if (companyId) q = q.where("o.company_id", "=", companyId);
  return q.executeTakeFirst();
}

export type ReplyResult =
  { ok: true } | { ok: false; error: "notFound" | "replied" | "expired" | "reasonRequired" };

/** The company accepts (the agreement is generated) or declines (with a reason) its offer. */
export async function replyToOffer(
  db: Executor,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  reply: { accept: true } | { accept: false; reason: string },
  now = new Date(),
): Promise<ReplyResult> {
  if (!isUuid(applicationId)) return { ok: false, error: "notFound" };
  if (!reply.accept && !reply.reason.trim()) return { ok: false, error: "reasonRequired" };
  return inTransaction(db, async (trx) => {
    const o = await offerContext(trx, applicationId, companyId);
    if (!o) return { ok: false, error: "notFound" };
    if (o.status !== "offered") return { ok: false, error: "replied" };
    if (replyClosed(o, now)) return { ok: false, error: "expired" };
    let agreementId: string | null = null;
    if (reply.accept) {
      const bytes = await renderAgreement({
        companyEn: o.company_en,
        companyZh: o.company_zh,
        programmeEn: o.programme_en,
        programmeZh: o.programme_zh,
        callEn: o.title_en,
        callZh: o.title_zh,
        startDate: dayOf(o.start_date),
        plannedEndDate: dayOf(o.planned_end_date),
        space: o.space,
        conditions: o.conditions,
        reference: applicationId.slice(0, 8).toUpperCase(),
      });
      const stored = await storeUpload(trx, {
        bytes,
        filename: "incubation-agreement.pdf",
        allowedTypes: ["application/pdf"],
        maxBytes: SIGNED_COPY_MAX_BYTES,
        uploadedBy: ctx.userId,
        context: "incubation_agreement",
        ownerId: applicationId,
      });
      if (!stored.ok) throw new Error(`agreement not stored: ${stored.error}`);
      agreementId = stored.file.id;
    }
    await trx
      .updateTable("incubation_offer")
      .set({
        status: reply.accept ? "accepted" : "declined",
        replied_at: now,
        replied_by: ctx.userId,
        decline_reason: reply.accept ? null : reply.reason.trim(),
        agreement_file_id: agreementId,
      })
      .where("application_id", "=", applicationId)
      .where("status", "=", "offered")
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: reply.accept ? "incubation.offer.accept" : "incubation.offer.decline",
      entityType: "application",
      entityId: applicationId,
      ip: ctx.ip,
    });
    const values = { subject: o.title_en, subjectZh: o.title_zh, ref: o.company_en };
    await notifyStaff(
      trx,
      reply.accept ? "staff_offer_accepted" : "staff_offer_declined",
      `/desk/incubation/applications/${applicationId}`,
      values,
    );
    if (reply.accept)
      await notifyCompany(
        trx,
        o.company_id,
        "agreement_ready",
        `/applications/${applicationId}`,
        values,
      );
    return { ok: true };
  });
}

export type SignResult =
  | { ok: true; signed: boolean; opened: number }
  | { ok: false; error: "notFound" | "notAccepted" | "fileRequired" | "fileType" | "fileTooLarge" };

/**
 * One side uploads its signed copy of the agreement. When both have, the offer is signed: the
 * company becomes a resident from the start date and onboarding opens (once). Uploading again
 * replaces that side's copy and opens nothing twice.
 */
export async function signAgreement(
  db: Executor,
  ctx: Ctx,
  side: "company" | "staff",
  applicationId: string,
  file: { bytes: Uint8Array; filename: string },
  opts: { companyId?: string; now?: Date } = {},
): Promise<SignResult> {
  const now = opts.now ?? new Date();
  if (!isUuid(applicationId)) return { ok: false, error: "notFound" };
  if (!file.bytes.byteLength) return { ok: false, error: "fileRequired" };
  if (file.bytes.byteLength > SIGNED_COPY_MAX_BYTES) return { ok: false, error: "fileTooLarge" };
  return inTransaction(db, async (trx) => {
    const o = await offerContext(trx, applicationId, opts.companyId);
    if (!o) return { ok: false, error: "notFound" };
    if (o.status !== "accepted" && o.status !== "signed")
      return { ok: false, error: "notAccepted" };
    const stored = await storeUpload(trx, {
      bytes: file.bytes,
      filename: file.filename,
      allowedTypes: ["application/pdf"],
      maxBytes: SIGNED_COPY_MAX_BYTES,
      uploadedBy: ctx.userId,
      context: "incubation_agreement",
      ownerId: applicationId,
    });
    if (!stored.ok)
      return { ok: false, error: stored.error === "tooLarge" ? "fileTooLarge" : "fileType" };
    const companySigned = side === "company" || !!o.company_signed_at;
    const staffSigned = side === "staff" || !!o.staff_signed_at;
    const nowSigned = companySigned && staffSigned && o.status !== "signed";
    await trx
      .updateTable("incubation_offer")
      .set({
        ...(side === "company"
          ? { company_signed_file_id: stored.file.id, company_signed_at: now }
          : { staff_signed_file_id: stored.file.id, staff_signed_at: now }),
        ...(nowSigned ? { status: "signed", signed_at: now } : {}),
      })
      .where("application_id", "=", applicationId)
      .execute();
    await audit(trx, {
      actorId: ctx.userId,
      action: `incubation.agreement.sign_${side}`,
      entityType: "application",
      entityId: applicationId,
      ip: ctx.ip,
    });
    const values = { subject: o.title_en, subjectZh: o.title_zh, ref: o.company_en };
    if (side === "company")
      await notifyStaff(
        trx,
        "staff_agreement_signed",
        `/desk/incubation/applications/${applicationId}`,
        values,
      );
    let opened = 0;
    if (companySigned && staffSigned) {
      if (nowSigned) {
        await trx
          .updateTable("company")
          .set({
            is_resident: true,
            resident_since: sql`coalesce(resident_since, ${dayOf(o.start_date)}::date)`,
            version: sql`version + 1`,
            updated_at: now,
          })
          .where("id", "=", o.company_id)
          .execute();
        await audit(trx, {
          actorId: ctx.userId,
          action: "company.resident",
          entityType: "company",
          entityId: o.company_id,
          details: { applicationId, startDate: dayOf(o.start_date) },
          ip: ctx.ip,
        });
        await notifyCompany(trx, o.company_id, "incubatee", `/applications/${applicationId}`, {
          subject: o.programme_en,
          subjectZh: o.programme_zh,
        });
      }
      opened = await openOnboarding(trx, ctx, {
        applicationId,
        companyId: o.company_id,
        companyEn: o.company_en,
        companyZh: o.company_zh,
        programmeEn: o.programme_en,
        codes: Array.isArray(o.onboarding_types) ? o.onboarding_types.map(String) : [],
        now,
      });
      // The programme's milestones (ADR 0040), each once however often a copy is uploaded.
      await createMilestones(trx, {
        applicationId,
        companyId: o.company_id,
        programmeId: o.programme_id,
        startDate: dayOf(o.start_date),
      });
    }
    return { ok: true, signed: companySigned && staffSigned, opened };
  });
}

/**
 * Opens the programme's onboarding requests for a signed agreement, at most once per service
 * type (application_onboarding's primary key; a type already opened is skipped). Requested in
 * the name of the company's owner. Returns how many were opened now.
 */
export async function openOnboarding(
  trx: Executor,
  ctx: Ctx,
  input: {
    applicationId: string;
    companyId: string;
    companyEn: string;
    companyZh: string;
    programmeEn: string;
    codes: string[];
    now: Date;
  },
): Promise<number> {
  if (!input.codes.length) return 0;
  const owner = await trx
    .selectFrom("company_member as m")
    .innerJoin("app_user as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "m.role"])
    .where("m.company_id", "=", input.companyId)
    .where("u.disabled_at", "is", null)
    .orderBy(sql`m.role = 'owner'`, "desc")
    .executeTakeFirst();
  if (!owner) return 0;
  const types = await trx
    .selectFrom("service_type")
    .select(["id", "code", "name_en"])
    .where("code", "in", input.codes)
    .where("active", "=", true)
    .execute();
  let opened = 0;
  for (const code of input.codes) {
    const type = types.find((t) => t.code === code);
    if (!type) continue;
    const done = await trx
      .selectFrom("application_onboarding")
      .select("service_request_id")
      .where("application_id", "=", input.applicationId)
      .where("service_type_id", "=", type.id)
      .executeTakeFirst();
    if (done) continue;
    const res = await openRequestForCompany(
      trx,
      {
        typeId: type.id,
        requester: { id: owner.id, name: owner.name },
        company: {
          id: input.companyId,
          role: owner.role === "owner" ? "owner" : "member",
          nameEn: input.companyEn,
          nameZh: input.companyZh,
          isResident: true,
        },
        subject: `Onboarding: ${type.name_en}`,
        description: `Opened by the park for the incubation agreement of ${input.companyEn} (${input.programmeEn}).`,
        idempotencyKey: `onboarding-${input.applicationId}-${type.id}`,
      },
      ctx.origin,
      input.now,
    );
    if (!res.ok) continue;
    const request = await trx
      .selectFrom("service_request")
      .select("id")
      .where("ref", "=", res.ref)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto("application_onboarding")
      .values({
        application_id: input.applicationId,
        service_type_id: type.id,
        service_request_id: request.id,
        opened_at: input.now,
      })
      .onConflict((oc) => oc.columns(["application_id", "service_type_id"]).doNothing())
      .returning("service_request_id")
      .executeTakeFirst();
    if (inserted) opened++;
  }
  if (opened)
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.onboarding.open",
      entityType: "application",
      entityId: input.applicationId,
      details: { opened },
      ip: ctx.ip,
    });
  return opened;
}

/** The onboarding requests of an application, with their state: one list for both sides. */
export async function listOnboarding(db: Executor, applicationId: string) {
  if (!isUuid(applicationId)) return [];
  return db
    .selectFrom("application_onboarding as o")
    .innerJoin("service_request as r", "r.id", "o.service_request_id")
    .innerJoin("service_type as t", "t.id", "o.service_type_id")
    .select(["r.ref", "r.state", "t.name_en", "t.name_zh", "o.opened_at", "r.resolution_due_at"])
    .where("o.application_id", "=", applicationId)
    .orderBy("t.position")
    .execute();
}

/** Sets the service types (catalogue codes) a programme onboards its incubatees through. */
export async function setOnboardingTypes(
  db: Executor,
  ctx: Ctx,
  programmeId: string,
  codes: string[],
): Promise<boolean> {
  if (!isUuid(programmeId)) return false;
  return inTransaction(db, async (trx) => {
    const known = codes.length
      ? await trx.selectFrom("service_type").select("code").where("code", "in", codes).execute()
      : [];
    const kept = codes.filter((c) => known.some((k) => k.code === c));
    const res = await trx
      .updateTable("incubation_programme")
      .set({ onboarding_types: JSON.stringify([...new Set(kept)]) })
      .where("id", "=", programmeId)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) return false;
    await audit(trx, {
      actorId: ctx.userId,
      action: "incubation.programme.onboarding",
      entityType: "incubation_programme",
      entityId: programmeId,
      details: { codes: kept },
      ip: ctx.ip,
    });
    return true;
  });
}

/**
 * The stored file behind an agreement download, or undefined (404) unless the user is a member
 * of the application's company or park staff.
 */
export async function agreementFileFor(
  db: Executor,
  user: { roles: readonly string[]; company: { id: string } | null },
  applicationId: string,
  which: string,
): Promise<string | undefined> {
  const offer = await getOffer(db, applicationId);
  if (!offer) return undefined;
  const staff = user.roles.includes("staff") || user.roles.includes("admin");
  if (!staff && user.company?.id !== offer.company_id) return undefined;
  const id =
    which === "agreement"
      ? offer.agreement_file_id
      : which === "company"
        ? offer.company_signed_file_id
        : which === "staff"
          ? offer.staff_signed_file_id
          : null;
  return id ?? undefined;
}
