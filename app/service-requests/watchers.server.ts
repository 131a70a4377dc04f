/**
 * Watchers and @mentions of service requests (issue 17, ADR 0056).
 *
 * - Desk staff watch a request (and stop); an @mention in an internal note adds the colleague.
 * - Watchers are told (a notification and an email in their language) of every new message
 *   (the requester's, a public reply, an internal note) and every state change, in the
 *   transaction of the change: `tellWatchers` is called by the change itself.
 * - Nobody is told twice of one change: not the person who made it, not whoever the change
 *   already told (the assignee of a requester's reply, a newly assigned colleague), and a
 *   mentioned colleague gets the mention rather than the watcher's notice.
 * - Only people who are still active desk staff are told; the company never sees watchers.
 */
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { isRequestRef } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { queueEmail, type EmailTemplate } from "~/mail/mail.server";
import type { NotificationKind } from "~/notifications/kinds";
import { notify } from "~/notifications/notifications.server";
import { threadOf } from "./mail-thread.server";
import { findMentions } from "./mentions";
import type { RequestState, WorkflowActor } from "./workflow";

type Actor = Pick<SessionUser, "id" | "roles" | "company">;

/** Active desk staff (staff or admin, not disabled), with what an email needs. */
function activeStaff(db: Executor) {
  return db
    .selectFrom("app_user")
    .select(["app_user.id", "app_user.name", "app_user.email", "app_user.locale"])
    .where("app_user.disabled_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_role")
          .select("user_role.user_id")
          .whereRef("user_role.user_id", "=", "app_user.id")
          .where("user_role.role", "in", ["staff", "admin"]),
      ),
    );
}

/** Who watches a request (active desk staff only), by name. */
export async function listWatchers(db: Executor, requestId: string) {
  return activeStaff(db)
    .innerJoin("service_request_watcher as w", "w.user_id", "app_user.id")
    .select(["w.via"])
    .where("w.request_id", "=", requestId)
    .orderBy("app_user.name")
    .execute();
}

/** Starts or stops watching a request (idempotent: the form says which); audited when it changes. */
export async function setWatching(
  db: Executor,
  actor: Actor,
  ref: string,
  watching: boolean,
): Promise<Result<{ changed: boolean }, "notFound">> {
  if (!can(actor, "read:service_request:any")) throw new Forbidden();
  if (!isRequestRef(ref)) return fail("notFound");
  return inTransaction(db, async (trx) => {
    const r = await trx
      .selectFrom("service_request")
      .select(["id", "ref"])
      .where("ref", "=", ref)
      .executeTakeFirst();
    if (!r) return fail("notFound");
    const changed = watching
      ? await trx
          .insertInto("service_request_watcher")
          .values({ request_id: r.id, user_id: actor.id, via: "self", added_by: actor.id })
          .onConflict((oc) => oc.columns(["request_id", "user_id"]).doNothing())
          .returning("user_id")
          .executeTakeFirst()
      : await trx
          .deleteFrom("service_request_watcher")
          .where("request_id", "=", r.id)
          .where("user_id", "=", actor.id)
          .returning("user_id")
          .executeTakeFirst();
    if (changed)
      await audit(trx, {
        actorId: actor.id,
        action: watching ? "service_request.watch" : "service_request.unwatch",
        entityType: "service_request",
        entityId: r.ref,
      });
    return ok({ changed: !!changed });
  });
}

export interface WatchedChange {
  request: { id: string; ref: string; subject: string; state: RequestState };
  actorId: string | null;
  by: WorkflowActor;
  message?: { body: string; visibility: "public" | "internal" };
  newState?: RequestState;
  /** People the change has already told (they are not told again as watchers). */
  told: ReadonlySet<string>;
  origin: string;
}

const EXCERPT = 500;
const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s);

type Fixed = (key: string) => string;

/** A state as the desk words it, in a language. */
function stateIn(locale: Locale, state: string): string {
  const t = createI18n(locale).getFixedT(locale, "services") as unknown as Fixed;
  return state === "waiting_on_requester"
    ? t("staffStates.waiting_on_requester")
    : t(`states.${state}`);
}

/** Which kind of message it is ("An internal note", ...), in a language. */
function messageKindIn(locale: Locale, kind: "internal" | "public" | "requester"): string {
  const t = createI18n(locale).getFixedT(locale, "emails") as unknown as Fixed;
  return t(`serviceRequestWatchedMessage.kinds.${kind}`);
}

/**
 * Tells mentioned colleagues and watchers of a change, in the change's transaction. Returns the
 * ids of the colleagues mentioned (for the caller's tests and history).
 */
export async function tellWatchers(trx: Executor, c: WatchedChange): Promise<string[]> {
  const { request: r } = c;
  const deskLink = `/desk/requests/${r.ref}`;
  const told = new Set(c.told);
  if (c.actorId) told.add(c.actorId);
  const body = c.message?.body.trim() ?? "";
  const state = c.newState ?? r.state;
  const send = async (
    user: { id: string; name: string; email: string; locale: string },
    kind: NotificationKind,
    template: EmailTemplate,
    values: Record<string, string>,
    emailValues: (locale: Locale) => Record<string, string> = () => ({}),
  ) => {
    const locale: Locale = isLocale(user.locale) ? user.locale : "en";
    await notify(trx, user.id, kind, deskLink, { ref: r.ref, subject: r.subject, ...values });
    await queueEmail(trx, {
      to: user.email,
      locale,
      template,
      values: {
        ref: r.ref,
        subject: r.subject,
        name: user.name,
        state: stateIn(locale, state),
        link: `${c.origin}${deskLink}`,
        ...values,
        ...emailValues(locale),
      },
      thread: await threadOf(trx, r.ref),
    });
    told.add(user.id);
  };

  // @mentions: only in an internal note written by a colleague.
  const mentioned: string[] = [];
  if (body && c.by === "staff" && c.actorId && c.message?.visibility === "internal") {
    const staff = /[@＠]/.test(body) ? await activeStaff(trx).execute() : [];
    const ids = findMentions(body, staff).filter((id) => id !== c.actorId);
    if (ids.length) {
      const author =
        staff.find((s) => s.id === c.actorId)?.name ??
        (
          await trx
            .selectFrom("app_user")
            .select("name")
            .where("id", "=", c.actorId)
            .executeTakeFirst()
        )?.name ??
        "";
      for (const id of ids) {
        await trx
          .insertInto("service_request_watcher")
          .values({ request_id: r.id, user_id: id, via: "mention", added_by: c.actorId })
          .onConflict((oc) => oc.columns(["request_id", "user_id"]).doNothing())
          .execute();
        await send(
          staff.find((s) => s.id === id)!,
          "mentioned",
          "serviceRequestMentioned",
          { by: author },
          () => ({ note: excerpt(body) }),
        );
        mentioned.push(id);
      }
    }
  }

  // Watchers: a message (with any state change it made), else a state change.
  if (!body && !c.newState) return mentioned;
  const watchers = await activeStaff(trx)
    .innerJoin("service_request_watcher as w", "w.user_id", "app_user.id")
    .where("w.request_id", "=", r.id)
    .orderBy("app_user.name")
    .execute();
  const what =
    c.by === "requester"
      ? "requester"
      : c.message?.visibility === "internal"
        ? "internal"
        : "public";
  for (const w of watchers) {
    if (told.has(w.id)) continue;
    if (body)
      await send(w, "watched_message", "serviceRequestWatchedMessage", {}, (locale) => ({
        excerpt: excerpt(body),
        kind: messageKindIn(locale, what),
      }));
    else await send(w, "watched_state", "serviceRequestWatchedState", {});
  }
  return mentioned;
}
