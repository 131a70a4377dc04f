/**
 * Investment inquiries (issue 3): the public form files one with a reference number and
 * confirms it by email; staff work them in an inbox (status, assignee, internal notes,
 * replies by email) and every change is an `inquiry_event`.
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/client.server";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { hitWindowLimit, mayMailStranger, type WindowPolicy } from "~/auth/throttle.server";
import type { Locale } from "~/i18n/i18n";
import { queueEmail } from "~/mail/mail.server";
import { cursorAt, decodeCursor, keysetPage, olderThan } from "~/lib/cursor.server";
import type { NewsActor } from "~/news/news.server";
import { Forbidden } from "~/lib/result";
import { INQUIRY_STATUSES, type InquiryInput, type InquiryStatus } from "./schema";
import { isUuid } from "~/lib/ids";

/** Per IP: a handful of inquiries an hour is plenty for a person. */
export const INQUIRY_IP_LIMIT: WindowPolicy = { limit: 5, windowSeconds: 60 * 60 };
/** All inquiries, from everyone: far above the park's real traffic, a ceiling for a botnet. */
export const INQUIRY_CAP: WindowPolicy = { limit: 500, windowSeconds: 60 * 60 };
/** Acknowledgements to one address. */
export const INQUIRY_ACK_LIMIT: WindowPolicy = { limit: 3, windowSeconds: 60 * 60 };

export type SubmitResult =
  { ok: true; reference: string; id: string } | { ok: false; error: "throttled" };

export async function submitInquiry(
  db: DB,
  input: InquiryInput,
  meta: { ip: string | null; locale: Locale; origin: string },
  policy = INQUIRY_IP_LIMIT,
): Promise<SubmitResult> {
  // Per client address (an unknown one counts as one address), and a cap on all inquiries.
  if (!(await hitWindowLimit(db, `inquiry:ip:${meta.ip ?? "unknown"}`, policy)))
    return { ok: false, error: "throttled" };
  if (!(await hitWindowLimit(db, "inquiry:all", INQUIRY_CAP)))
    return { ok: false, error: "throttled" };
  // The acknowledgement goes to an address nobody has confirmed: a few an hour per address,
  // within the cap on such mail, and only the park's words and the reference (issue 11).
  const acknowledge = await mayMailStranger(
    db,
    `inquiry:email:${input.email.toLowerCase()}`,
    INQUIRY_ACK_LIMIT,
  );
  return inTransaction(db, async (trx) => {
    const seq = await sql<{
      n: string;
    }>`SELECT nextval('inquiry_reference_seq')::text AS n`.execute(trx);
    const year = new Date().getUTCFullYear();
    const reference = `INQ-${year}-${String(seq.rows[0]!.n).padStart(5, "0")}`;
    const row = await trx
      .insertInto("inquiry")
      .values({
        reference,
        name: input.name,
        organisation: input.organisation ?? "",
        email: input.email,
        phone: input.phone ?? "",
        country: input.country ?? "",
        interest: input.interest,
        message: input.message,
        locale: meta.locale,
        ip: meta.ip,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("inquiry_event")
      .values({
        inquiry_id: row.id,
        kind: "created",
        details: JSON.stringify({ interest: input.interest }),
      })
      .execute();
    if (acknowledge)
      await queueEmail(trx, {
        to: input.email,
        locale: meta.locale,
        template: "inquiryReceived",
        values: { reference },
      });
    return { ok: true, reference, id: row.id } as const;
  });
}

function requireRead(actor: NewsActor) {
  if (!can(actor, "read:inquiry:any")) throw new Forbidden();
}
function requireUpdate(actor: NewsActor) {
  if (!can(actor, "update:inquiry:any")) throw new Forbidden();
}

export async function listInquiries(
  db: Executor,
  actor: NewsActor,
  opts: { status?: string | null; mine?: boolean; cursor?: string | null; limit?: number } = {},
) {
  requireRead(actor);
  const limit = Math.min(opts.limit ?? 25, 100);
  const cursor = decodeCursor(opts.cursor);
  let q = db
    .selectFrom("inquiry")
    .leftJoin("app_user", "app_user.id", "inquiry.assignee_id")
    .select([
      "inquiry.id",
      "inquiry.reference",
      "inquiry.name",
      "inquiry.organisation",
      "inquiry.interest",
      "inquiry.status",
      "inquiry.created_at",
      "app_user.name as assignee_name",
      cursorAt("inquiry.created_at").as("cursor_at"),
    ])
    .orderBy("inquiry.created_at", "desc")
    .orderBy("inquiry.id", "desc")
    .limit(limit + 1);
  if (opts.status && (INQUIRY_STATUSES as readonly string[]).includes(opts.status))
    q = q.where("inquiry.status", "=", opts.status);
  if (opts.mine) q = q.where("inquiry.assignee_id", "=", actor.id);
  if (cursor) q = q.where(olderThan("inquiry.created_at", "inquiry.id", cursor));
  return keysetPage(await q.execute(), limit);
}

export async function getInquiry(db: Executor, actor: NewsActor, id: string) {
  requireRead(actor);
  if (!isUuid(id)) return undefined;
  const inquiry = await db
    .selectFrom("inquiry")
    .leftJoin("app_user", "app_user.id", "inquiry.assignee_id")
    .selectAll("inquiry")
    .select("app_user.name as assignee_name")
    .where("inquiry.id", "=", id)
    .executeTakeFirst();
  if (!inquiry) return undefined;
  const events = await db
    .selectFrom("inquiry_event")
    .leftJoin("app_user", "app_user.id", "inquiry_event.actor_id")
    .select([
      "inquiry_event.id",
      "inquiry_event.kind",
      "inquiry_event.body",
      "inquiry_event.details",
      "inquiry_event.created_at",
      "app_user.name as actor_name",
    ])
    .where("inquiry_event.inquiry_id", "=", id)
    .orderBy("inquiry_event.id")
    .execute();
  return { inquiry, events };
}

/** Park staff who can be assigned an inquiry. */
export async function listAssignees(db: Executor) {
  return db
    .selectFrom("app_user")
    .innerJoin("user_role", "user_role.user_id", "app_user.id")
    .select(["app_user.id", "app_user.name"])
    .where("user_role.role", "in", ["staff", "admin"])
    .where("app_user.disabled_at", "is", null)
    .distinct()
    .orderBy("app_user.name")
    .execute();
}

export type InquiryChange =
  | { kind: "status"; status: InquiryStatus }
  | { kind: "assign"; assigneeId: string | null }
  | { kind: "note"; body: string }
  | { kind: "reply"; body: string };

export type ChangeResult = { ok: true } | { ok: false; error: "notFound" | "conflict" | "invalid" };

/** One change to an inquiry, with its event (and the reply email), if `version` is current. */
export async function changeInquiry(
  db: DB,
  actor: NewsActor,
  id: string,
  version: number,
  change: InquiryChange,
  meta: { origin: string; ip?: string | null },
): Promise<ChangeResult> {
  requireUpdate(actor);
  if (!isUuid(id)) return { ok: false, error: "notFound" };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("inquiry")
      .selectAll()
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { ok: false, error: "notFound" } as const;
    if (row.version !== version) return { ok: false, error: "conflict" } as const;
    const set: Record<string, unknown> = { version: row.version + 1, updated_at: new Date() };
    let event: {
      kind: "status" | "assigned" | "note" | "reply";
      body?: string | null;
      details?: Record<string, unknown>;
    };
    switch (change.kind) {
      case "status":
        if (!(INQUIRY_STATUSES as readonly string[]).includes(change.status))
          return { ok: false, error: "invalid" } as const;
        set.status = change.status;
        event = { kind: "status", details: { from: row.status, to: change.status } };
        break;
      case "assign": {
        if (change.assigneeId) {
          const ok = (await listAssignees(trx)).some((u) => u.id === change.assigneeId);
          if (!ok) return { ok: false, error: "invalid" } as const;
        }
        set.assignee_id = change.assigneeId;
        event = { kind: "assigned", details: { from: row.assignee_id, to: change.assigneeId } };
        break;
      }
      case "note":
        event = { kind: "note", body: change.body };
        break;
      case "reply":
        if (row.status === "new" || row.status === "in_progress") set.status = "answered";
        event = {
          kind: "reply",
          body: change.body,
          details: { to: row.email, statusFrom: row.status },
        };
        await queueEmail(trx, {
          to: row.email,
          locale: row.locale === "zh-CN" ? "zh-CN" : "en",
          template: "inquiryReply",
          // Staff's reply is the park's own text; the visitor's typed name is not repeated.
          values: { reference: row.reference, reply: change.body },
        });
        break;
    }
    await trx.updateTable("inquiry").set(set).where("id", "=", id).execute();
    await trx
      .insertInto("inquiry_event")
      .values({
        inquiry_id: id,
        actor_id: actor.id,
        kind: event.kind,
        body: event.body ?? null,
        details: JSON.stringify(event.details ?? {}),
      })
      .execute();
    if (change.kind === "status" || change.kind === "assign") {
      await audit(trx, {
        actorId: actor.id,
        action: `inquiry.${change.kind}`,
        entityType: "inquiry",
        entityId: id,
        details: event.details ?? {},
        ip: meta.ip ?? null,
      });
    }
    return { ok: true } as const;
  });
}

export async function countNewInquiries(db: Executor) {
  const r = await db
    .selectFrom("inquiry")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "=", "new")
    .executeTakeFirst();
  return r?.n ?? 0;
}
