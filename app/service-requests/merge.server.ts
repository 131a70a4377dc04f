/**
 * Merging a duplicate into another request, and linking related requests (issue 17, ADR 0038).
 *
 * - A merge closes the duplicate (the source) and points it at the target (`merged_into_id`).
 *   Messages and files are append-only, so they stay on the source and are read through from
 *   the target (getRequestForStaff / getRequestForCompany). Both histories record the merge,
 *   the source's requester is told (notification and queued email in their language), and the
 *   audit entry is written in the same transaction. Only requests of the same company merge:
 *   the company's people then see the duplicate's public messages on the target.
 * - A link is a symmetric "related" pair, stored once (smaller id first); adding an existing
 *   link or removing a missing one changes nothing. Both histories record it.
 */
import { inTransaction, type Executor } from "#db/executor";
import type { SessionUser } from "~/auth/session.server";
import { audit } from "~/audit/audit.server";
import { isLocale } from "~/i18n/i18n";
import { isRequestRef } from "~/lib/ids";
import type { Result } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { loadCalendar } from "./catalogue.server";
import { threadOf } from "./mail-thread.server";
import { refreshSla } from "./service-requests.server";
import type { RequestState } from "./workflow";

type Actor = Pick<SessionUser, "id">;

export type MergeError =
  | "notFound"
  | "target"
  | "self"
  | "merged"
  | "targetMerged"
  | "targetClosed"
  | "company"
  | "conflict";

export type LinkError = "notFound" | "target" | "self";

/** Normalizes what a person typed as a reference ("sr-2026-000012 " → "SR-2026-000012"). */
export function normalizeRef(value: string): string {
  return value.trim().toUpperCase();
}

async function lockByRef(trx: Executor, ref: string) {
  if (!isRequestRef(ref)) return undefined;
  return trx
    .selectFrom("service_request")
    .select([
      "id",
      "ref",
      "state",
      "version",
      "company_id",
      "requester_id",
      "subject",
      "merged_into_id",
    ])
    .where("ref", "=", ref)
    .forUpdate()
    .executeTakeFirst();
}

/** What the confirmation shows: the target as the desk sees it, or why it cannot be merged into. */
export async function previewMerge(
  db: Executor,
  sourceRef: string,
  targetRef: string,
): Promise<Result<{ target: { ref: string; subject: string; state: RequestState } }, MergeError>> {
  const target = normalizeRef(targetRef);
  const rows = await db
    .selectFrom("service_request")
    .select(["id", "ref", "subject", "state", "company_id", "merged_into_id"])
    .where("ref", "in", isRequestRef(target) ? [sourceRef, target] : [sourceRef])
    .execute();
  const s = rows.find((r) => r.ref === sourceRef);
  const t = rows.find((r) => r.ref === target);
  const refusal = mergeRefusal(s, t);
  if (refusal) return { ok: false, error: refusal };
  return {
    ok: true,
    target: { ref: t!.ref, subject: t!.subject, state: t!.state as RequestState },
  };
}

function mergeRefusal(
  s: { id: string; company_id: string; merged_into_id: string | null } | undefined,
  t: { id: string; company_id: string; merged_into_id: string | null; state: string } | undefined,
): MergeError | null {
  if (!s) return "notFound";
  if (!t) return "target";
  if (s.id === t.id) return "self";
  if (s.merged_into_id) return "merged";
  if (t.merged_into_id) return "targetMerged";
  if (t.state === "closed") return "targetClosed";
  if (s.company_id !== t.company_id) return "company";
  return null;
}

/**
 * Merges `sourceRef` into `targetRef` as `actor`, all or nothing. `version` is the source's
 * version as the person saw it when confirming (a change since is a conflict).
 */
export async function mergeRequest(
  db: Executor,
  actor: Actor,
  sourceRef: string,
  input: { targetRef: string; version: number },
  origin: string,
  now = new Date(),
): Promise<Result<{ target: string }, MergeError>> {
  const targetRef = normalizeRef(input.targetRef);
  const calendar = await loadCalendar(db);
  return inTransaction(db, async (trx) => {
    // Lock both rows in a fixed order (by ref) so two opposite merges cannot deadlock.
    const [first, second] = [sourceRef, targetRef].sort();
    const a = await lockByRef(trx, first!);
    const b = first === second ? a : await lockByRef(trx, second!);
    const s = [a, b].find((r) => r?.ref === sourceRef);
    const t = [a, b].find((r) => r?.ref === targetRef);
    const refusal = mergeRefusal(s, t);
    if (refusal) return { ok: false, error: refusal };
    const source = s!;
    const target = t!;
    if (source.version !== input.version) return { ok: false, error: "conflict" };

    const from = source.state as RequestState;
    const closes = from !== "closed";
    await trx
      .updateTable("service_request")
      .set({
        merged_into_id: target.id,
        updated_at: now,
        version: source.version + 1,
        ...(closes ? { state: "closed", closed_at: now } : {}),
      })
      .where("id", "=", source.id)
      .execute();
    await trx
      .updateTable("service_request")
      .set({ updated_at: now, version: target.version + 1 })
      .where("id", "=", target.id)
      .execute();
    const event = (requestId: string, kind: string, fromValue: string | null, to: string) =>
      trx
        .insertInto("service_request_event")
        .values({
          request_id: requestId,
          actor_id: actor.id,
          kind,
          from_value: fromValue,
          to_value: to,
          at: now,
        })
        .execute();
    // Staff may close a request from any state (./workflow); the merge is that close.
    if (closes) await event(source.id, "state", from, "closed");
    await event(source.id, "merged_into", null, target.ref);
    await event(target.id, "merged_from", null, source.ref);
    await refreshSla(trx, source.id, now, calendar);
    await audit(trx, {
      actorId: actor.id,
      action: "service_request.merge",
      entityType: "service_request",
      entityId: source.id,
      details: { ref: source.ref, into: target.ref },
    });
    if (source.requester_id) await tellRequester(trx, source, target.ref, origin);
    return { ok: true, target: target.ref };
  });
}

async function tellRequester(
  trx: Executor,
  source: { ref: string; subject: string; requester_id: string | null },
  targetRef: string,
  origin: string,
) {
  const user = await trx
    .selectFrom("app_user")
    .select(["email", "name", "locale", "disabled_at"])
    .where("id", "=", source.requester_id!)
    .executeTakeFirst();
  if (!user) return;
  const values = { ref: source.ref, subject: source.subject, target: targetRef };
  await notify(trx, source.requester_id!, "merged", `/requests/${targetRef}`, values);
  if (user.disabled_at) return;
  await queueEmail(trx, {
    to: user.email,
    locale: isLocale(user.locale) ? user.locale : "en",
    template: "serviceRequestMerged",
    values: { ...values, name: user.name, link: `${origin}/requests/${targetRef}` },
    thread: await threadOf(trx, targetRef),
  });
}

/** Links two requests as related (both ways); linking an existing pair changes nothing. */
export async function linkRequests(
  db: Executor,
  actor: Actor,
  ref: string,
  otherRef: string,
  now = new Date(),
): Promise<Result<{ other: string; created: boolean }, LinkError>> {
  return changeLink(db, actor, ref, otherRef, "linked", now);
}

/** Removes the link between two requests; removing a missing link changes nothing. */
export async function unlinkRequests(
  db: Executor,
  actor: Actor,
  ref: string,
  otherRef: string,
  now = new Date(),
): Promise<Result<{ other: string; created: boolean }, LinkError>> {
  return changeLink(db, actor, ref, otherRef, "unlinked", now);
}

async function changeLink(
  db: Executor,
  actor: Actor,
  ref: string,
  otherRef: string,
  kind: "linked" | "unlinked",
  now: Date,
): Promise<Result<{ other: string; created: boolean }, LinkError>> {
  const other = normalizeRef(otherRef);
  return inTransaction(db, async (trx) => {
    const [first, second] = [ref, other].sort();
    const x = await lockByRef(trx, first!);
    const y = first === second ? x : await lockByRef(trx, second!);
    const self = [x, y].find((r) => r?.ref === ref);
    const that = [x, y].find((r) => r?.ref === other);
    if (!self) return { ok: false, error: "notFound" };
    if (!that) return { ok: false, error: "target" };
    if (self.id === that.id) return { ok: false, error: "self" };
    const [a, b] = self.id < that.id ? [self.id, that.id] : [that.id, self.id];
    const changed =
      kind === "linked"
        ? await trx
            .insertInto("service_request_link")
            .values({ a_id: a, b_id: b, created_by: actor.id, created_at: now })
            .onConflict((oc) => oc.columns(["a_id", "b_id"]).doNothing())
            .returning("a_id")
            .executeTakeFirst()
        : await trx
            .deleteFrom("service_request_link")
            .where("a_id", "=", a)
            .where("b_id", "=", b)
            .returning("a_id")
            .executeTakeFirst();
    if (!changed) return { ok: true, other: that.ref, created: false };
    for (const [on, to] of [
      [self, that],
      [that, self],
    ] as const)
      await trx
        .insertInto("service_request_event")
        .values({ request_id: on.id, actor_id: actor.id, kind, to_value: to.ref, at: now })
        .execute();
    await audit(trx, {
      actorId: actor.id,
      action: kind === "linked" ? "service_request.link" : "service_request.unlink",
      entityType: "service_request",
      entityId: self.id,
      details: { ref: self.ref, other: that.ref },
    });
    return { ok: true, other: that.ref, created: true };
  });
}

/** A request's related requests, the requests merged into it, and the one it was merged into. */
export async function relationsOf(db: Executor, requestId: string) {
  const related = await db
    .selectFrom("service_request")
    .select(["ref", "subject", "state"])
    .where((eb) =>
      eb.or([
        eb(
          "id",
          "in",
          eb.selectFrom("service_request_link").select("b_id").where("a_id", "=", requestId),
        ),
        eb(
          "id",
          "in",
          eb.selectFrom("service_request_link").select("a_id").where("b_id", "=", requestId),
        ),
      ]),
    )
    .orderBy("ref")
    .execute();
  const mergedFrom = await db
    .selectFrom("service_request")
    .select(["ref", "subject", "state"])
    .where("merged_into_id", "=", requestId)
    .orderBy("ref")
    .execute();
  const into = await db
    .selectFrom("service_request as s")
    .innerJoin("service_request as t", "t.id", "s.merged_into_id")
    .select(["t.ref", "t.subject", "t.state"])
    .where("s.id", "=", requestId)
    .executeTakeFirst();
  return {
    related: related.map((r) => ({ ...r, state: r.state as RequestState })),
    mergedFrom: mergedFrom.map((r) => ({ ...r, state: r.state as RequestState })),
    mergedInto: into ? { ...into, state: into.state as RequestState } : null,
  };
}
