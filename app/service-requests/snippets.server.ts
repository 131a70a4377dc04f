/**
 * Canned replies and macros (issue 17, ADR 0039): staff keep bilingual snippets, personal or
 * shared, find them from the composer and apply one to a request: its text, filled in and in
 * the requester's language, goes into the composer; when posted, the snippet's own actions
 * (state, priority, team, assignee) ride in the same `staffChange`, one transaction with
 * its history, audit entry and emails. Who may see or change a snippet: its owner (personal)
 * or any desk staff (shared).
 */
import { sql } from "kysely";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { formatDateTime } from "~/lib/format";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { staffChange, type ChangeResult, type StaffChange } from "./service-requests.server";
import { renderSnippet, type SnippetInput, type SnippetValues } from "./snippets";
import { PRIORITIES, STATES, type Priority, type RequestState } from "./workflow";

/** A desk user as the session has them (staffChange needs the whole session user). */
export type SnippetActor = Pick<SessionUser, "id" | "roles" | "company" | "name">;

const COLUMNS = [
  "reply_snippet.id",
  "reply_snippet.owner_id",
  "reply_snippet.title",
  "reply_snippet.body_en",
  "reply_snippet.body_zh",
  "reply_snippet.set_state",
  "reply_snippet.set_priority",
  "reply_snippet.set_team_id",
  "reply_snippet.set_assignee_id",
  "reply_snippet.version",
  "reply_snippet.updated_at",
] as const;

function requireDesk(actor: SnippetActor) {
  if (!can(actor, "update:service_request:any")) throw new Forbidden();
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Snippets the actor may use (their own and the shared ones), matching `q` in any text. */
export async function listSnippets(
  db: Executor,
  actor: SnippetActor,
  opts: { q?: string | null; limit?: number } = {},
) {
  requireDesk(actor);
  let q = db
    .selectFrom("reply_snippet")
    .select(COLUMNS)
    .where((eb) => eb.or([eb("owner_id", "is", null), eb("owner_id", "=", actor.id)]));
  const words = (opts.q ?? "").trim().slice(0, 100).split(/\s+/).filter(Boolean).slice(0, 5);
  for (const w of words) {
    const like = `%${escapeLike(w.toLowerCase())}%`;
    q = q.where(
      sql<boolean>`(lower(title) LIKE ${like} OR lower(body_en) LIKE ${like} OR lower(body_zh) LIKE ${like})`,
    );
  }
  return q
    .orderBy(sql`owner_id IS NULL`)
    .orderBy(sql`lower(title)`)
    .orderBy("id")
    .limit(Math.min(opts.limit ?? 50, 200))
    .execute();
}

export type SnippetRow = Awaited<ReturnType<typeof listSnippets>>[number];

/** One snippet the actor may use, or undefined (unknown, or another person's personal one). */
export async function getSnippet(db: Executor, actor: SnippetActor, id: string) {
  requireDesk(actor);
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("reply_snippet")
    .select(COLUMNS)
    .where("id", "=", id)
    .where((eb) => eb.or([eb("owner_id", "is", null), eb("owner_id", "=", actor.id)]))
    .executeTakeFirst();
}

async function checkTargets(trx: Executor, input: SnippetInput) {
  const teamId = input.setTeamId && isUuid(input.setTeamId) ? input.setTeamId : null;
  const assigneeId =
    input.setAssigneeId && isUuid(input.setAssigneeId) ? input.setAssigneeId : null;
  if (input.setTeamId && !teamId) return null;
  if (input.setAssigneeId && !assigneeId) return null;
  if (teamId) {
    const team = await trx
      .selectFrom("service_team")
      .select("id")
      .where("id", "=", teamId)
      .executeTakeFirst();
    if (!team) return null;
  }
  if (assigneeId) {
    const staff = await trx
      .selectFrom("user_role")
      .select("user_id")
      .where("user_id", "=", assigneeId)
      .where("role", "in", ["staff", "admin"])
      .executeTakeFirst();
    if (!staff) return null;
  }
  return { teamId, assigneeId };
}

function valuesOf(
  input: SnippetInput,
  targets: { teamId: string | null; assigneeId: string | null },
) {
  return {
    title: input.title,
    body_en: input.bodyEn ?? "",
    body_zh: input.bodyZh ?? "",
    set_state: input.setState ?? null,
    set_priority: input.setPriority ?? null,
    set_team_id: targets.teamId,
    set_assignee_id: targets.assigneeId,
  };
}

export type SnippetResult = Result<{ id: string }, "notFound" | "conflict" | "invalid">;

export async function createSnippet(
  db: Executor,
  actor: SnippetActor,
  input: SnippetInput,
): Promise<SnippetResult> {
  requireDesk(actor);
  return inTransaction(db, async (trx) => {
    const targets = await checkTargets(trx, input);
    if (!targets) return fail("invalid");
    const row = await trx
      .insertInto("reply_snippet")
      .values({
        ...valuesOf(input, targets),
        owner_id: input.shared === "yes" ? null : actor.id,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: actor.id,
      action: "snippet.create",
      entityType: "reply_snippet",
      entityId: row.id,
      details: { shared: input.shared === "yes" },
    });
    return ok({ id: row.id });
  });
}

export async function updateSnippet(
  db: Executor,
  actor: SnippetActor,
  id: string,
  input: SnippetInput,
): Promise<SnippetResult> {
  requireDesk(actor);
  return inTransaction(db, async (trx) => {
    const found = await getSnippet(trx, actor, id);
    if (!found) return fail("notFound");
    if (input.version !== undefined && input.version !== found.version) return fail("conflict");
    const targets = await checkTargets(trx, input);
    if (!targets) return fail("invalid");
    await trx
      .updateTable("reply_snippet")
      .set({
        ...valuesOf(input, targets),
        // Only its owner turns a personal snippet into a shared one or back.
        owner_id: input.shared === "yes" ? null : (found.owner_id ?? actor.id),
        version: found.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "snippet.update",
      entityType: "reply_snippet",
      entityId: id,
      details: { shared: input.shared === "yes" },
    });
    return ok({ id });
  });
}

export async function deleteSnippet(
  db: Executor,
  actor: SnippetActor,
  id: string,
): Promise<SnippetResult> {
  requireDesk(actor);
  return inTransaction(db, async (trx) => {
    const found = await getSnippet(trx, actor, id);
    if (!found) return fail("notFound");
    await trx.deleteFrom("reply_snippet").where("id", "=", id).execute();
    await audit(trx, {
      actorId: actor.id,
      action: "snippet.delete",
      entityType: "reply_snippet",
      entityId: id,
      details: { title: found.title, bodyEn: found.body_en, bodyZh: found.body_zh },
    });
    return ok({ id });
  });
}

/** The requester's language and the values of a snippet's variables on one request. */
export async function snippetContext(db: Executor, actor: SnippetActor, ref: string) {
  const r = await db
    .selectFrom("service_request")
    .leftJoin("app_user", "app_user.id", "service_request.requester_id")
    .select([
      "service_request.ref",
      "service_request.resolution_due_at",
      "app_user.name as requester_name",
      "app_user.locale as requester_locale",
    ])
    .where("service_request.ref", "=", ref)
    .executeTakeFirst();
  if (!r) return undefined;
  const locale: Locale = isLocale(r.requester_locale) ? r.requester_locale : "en";
  const values: SnippetValues = {
    requester: r.requester_name ?? "",
    reference: r.ref,
    due: r.resolution_due_at ? formatDateTime(r.resolution_due_at, locale) : "",
    staff: actor.name,
  };
  return { locale, values };
}

/** The snippet's text for the requester: their language, else the other one; filled in. */
export function snippetText(
  snippet: Pick<SnippetRow, "body_en" | "body_zh">,
  ctx: { locale: Locale; values: SnippetValues },
): string {
  const [first, second] =
    ctx.locale === "zh-CN"
      ? [snippet.body_zh, snippet.body_en]
      : [snippet.body_en, snippet.body_zh];
  return renderSnippet(first || second, ctx.values);
}

/** What a macro sets, typed (values the workflow no longer knows are left out). */
export function macroActions(
  snippet: Pick<SnippetRow, "set_state" | "set_priority" | "set_team_id" | "set_assignee_id">,
) {
  const out: Pick<StaffChange, "state" | "priority" | "teamId" | "assigneeId"> = {};
  if ((STATES as readonly string[]).includes(snippet.set_state ?? ""))
    out.state = snippet.set_state as RequestState;
  if ((PRIORITIES as readonly string[]).includes(snippet.set_priority ?? ""))
    out.priority = snippet.set_priority as Priority;
  if (snippet.set_team_id) out.teamId = snippet.set_team_id;
  if (snippet.set_assignee_id) out.assigneeId = snippet.set_assignee_id;
  return out;
}

/**
 * Posts a message (the composer's text, usually a filled-in snippet) and applies the
 * snippet's actions, in one transaction with an audit entry naming the macro. The actions come
 * from the stored snippet, never from the form.
 */
export async function applyMacro(
  db: Executor,
  actor: SnippetActor,
  ref: string,
  snippetId: string,
  change: Pick<StaffChange, "version" | "message" | "state" | "store">,
  origin: string,
  now = new Date(),
): Promise<ChangeResult> {
  requireDesk(actor);
  const snippet = await getSnippet(db, actor, snippetId);
  if (!snippet) return fail("invalid");
  return inTransaction(db, async (trx) => {
    const actions = macroActions(snippet);
    const result = await staffChange(
      trx,
      actor,
      ref,
      { ...change, ...actions, state: actions.state ?? change.state },
      origin,
      now,
    );
    if (result.ok)
      await audit(trx, {
        actorId: actor.id,
        action: "snippet.apply",
        entityType: "service_request",
        entityId: ref,
        details: { snippetId, title: snippet.title, ...actions },
      });
    return result;
  });
}
