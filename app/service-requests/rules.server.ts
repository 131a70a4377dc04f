/**
 * The desk's rules (issue 17, ADR 0050). Desk admins keep an ordered list of rules; each
 * listens to one request event (created, a field changed, breach near, breached, waiting too
 * long), checks its conditions (type, category, company, priority, state, words in the subject,
 * a field's value) and acts
 * (assign a team or a person, set the priority, add a tag, notify a colleague, apply a macro).
 *
 * The event is queued in the transaction that causes it (./rule-jobs.server.ts) and the job
 * queue runs the rules, in order, in one transaction per event with the request locked:
 * - each run is written on the request's history (kind `rule`) and in the audit log;
 * - a rule runs at most once per request and event: `service_rule_run` is keyed by rule,
 *   request and event key, so a retried or repeated job finds the rule already run;
 * - rules cannot loop: the changes rules make are queued as one `changed` event one level
 *   deeper, carrying the chain of rules that already ran, which do not run again in it; and
 *   nothing is queued at MAX_RULE_DEPTH.
 */
import { sql } from "kysely";
import * as z from "zod";
import { inTransaction, type Executor } from "#db/executor";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { isUuid } from "~/lib/ids";
import { fail, Forbidden, ok, type Result } from "~/lib/result";
import { queueEmail } from "~/mail/mail.server";
import { notify } from "~/notifications/notifications.server";
import { listStaff } from "./catalogue.server";
import { threadOf } from "./mail-thread.server";
import { enqueueRuleEvent, type RuleJob } from "./rule-jobs.server";
import { MAX_RULE_DEPTH, RULE_EVENTS, ruleMatches, type RuleInput } from "./rules";
import { ruleChange, type StaffChange } from "./service-requests.server";
import { macroActions, snippetContext, snippetText } from "./snippets.server";
import { WAITING_STATES } from "./workflow";

export type RuleActor = Pick<SessionUser, "id" | "roles" | "company">;

function requireRuleAdmin(actor: RuleActor) {
  if (!can(actor, "manage:service_rule:any")) throw new Forbidden();
}

// ---------------------------------------------------------------------------------------------
// Editing

export async function listRules(db: Executor, actor: RuleActor) {
  requireRuleAdmin(actor);
  return db
    .selectFrom("service_rule")
    .selectAll()
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export async function getRule(db: Executor, actor: RuleActor, id: string) {
  requireRuleAdmin(actor);
  if (!isUuid(id)) return undefined;
  return db.selectFrom("service_rule").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The ids the form names exist (and a person to assign or notify is desk staff). */
async function checkRefs(trx: Executor, input: RuleInput): Promise<boolean> {
  const ids = [
    input.condTypeId,
    input.condCategoryId,
    input.condCompanyId,
    input.setTeamId,
    input.setAssigneeId,
    input.notifyUserId,
    input.macroId,
  ];
  if (ids.some((id) => id !== undefined && !isUuid(id))) return false;
  const exists = async (
    table: "service_type" | "service_category" | "company" | "service_team",
    id?: string,
  ) => !id || !!(await trx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst());
  const isStaff = async (id?: string) =>
    !id ||
    !!(await trx
      .selectFrom("user_role")
      .select("user_id")
      .where("user_id", "=", id)
      .where("role", "in", ["staff", "admin"])
      .executeTakeFirst());
  const sharedMacro = async (id?: string) =>
    !id ||
    !!(await trx
      .selectFrom("reply_snippet")
      .select("id")
      .where("id", "=", id)
      .where("owner_id", "is", null)
      .executeTakeFirst());
  return (
    (await exists("service_type", input.condTypeId)) &&
    (await exists("service_category", input.condCategoryId)) &&
    (await exists("company", input.condCompanyId)) &&
    (await exists("service_team", input.setTeamId)) &&
    (await isStaff(input.setAssigneeId)) &&
    (await isStaff(input.notifyUserId)) &&
    (await sharedMacro(input.macroId))
  );
}

function valuesOf(input: RuleInput) {
  return {
    name: input.name,
    event: input.event,
    enabled: input.enabled === "yes",
    changed_field: input.event === "changed" ? (input.changedField ?? null) : null,
    wait_hours: input.event === "waiting" ? (input.waitHours ?? null) : null,
    cond_type_id: input.condTypeId ?? null,
    cond_category_id: input.condCategoryId ?? null,
    cond_company_id: input.condCompanyId ?? null,
    cond_priority: input.condPriority ?? null,
    cond_state: input.condState ?? null,
    cond_subject: input.condSubject || null,
    cond_field_key: input.condFieldKey || null,
    cond_field_value: input.condFieldKey ? (input.condFieldValue ?? null) : null,
    set_team_id: input.setTeamId ?? null,
    set_assignee_id: input.setAssigneeId ?? null,
    set_priority: input.setPriority ?? null,
    add_tag: input.addTag || null,
    notify_user_id: input.notifyUserId ?? null,
    macro_id: input.macroId ?? null,
  };
}

export type RuleResult = Result<{ id: string }, "notFound" | "conflict" | "invalid">;

export async function createRule(
  db: Executor,
  actor: RuleActor,
  input: RuleInput,
): Promise<RuleResult> {
  requireRuleAdmin(actor);
  return inTransaction(db, async (trx) => {
    if (!(await checkRefs(trx, input))) return fail("invalid");
    const last = await trx
      .selectFrom("service_rule")
      .select(sql<number>`coalesce(max(position), 0)`.as("p"))
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("service_rule")
      .values({ ...valuesOf(input), position: Number(last.p) + 1, created_by: actor.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: actor.id,
      action: "service_rule.create",
      entityType: "service_rule",
      entityId: row.id,
      details: valuesOf(input),
    });
    return ok({ id: row.id });
  });
}

export async function updateRule(
  db: Executor,
  actor: RuleActor,
  id: string,
  input: RuleInput,
): Promise<RuleResult> {
  requireRuleAdmin(actor);
  return inTransaction(db, async (trx) => {
    const found = await lockRule(trx, id);
    if (!found) return fail("notFound");
    if (input.version !== undefined && input.version !== found.version) return fail("conflict");
    if (!(await checkRefs(trx, input))) return fail("invalid");
    await trx
      .updateTable("service_rule")
      .set({ ...valuesOf(input), version: found.version + 1, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "service_rule.update",
      entityType: "service_rule",
      entityId: id,
      details: valuesOf(input),
    });
    return ok({ id });
  });
}

async function lockRule(trx: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return trx
    .selectFrom("service_rule")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteRule(db: Executor, actor: RuleActor, id: string): Promise<RuleResult> {
  requireRuleAdmin(actor);
  return inTransaction(db, async (trx) => {
    const found = await lockRule(trx, id);
    if (!found) return fail("notFound");
    await trx.deleteFrom("service_rule").where("id", "=", id).execute();
    await audit(trx, {
      actorId: actor.id,
      action: "service_rule.delete",
      entityType: "service_rule",
      entityId: id,
      details: { name: found.name, event: found.event },
    });
    return ok({ id });
  });
}

/** Turns a rule on or off (idempotent: the form says which). */
export async function setRuleEnabled(
  db: Executor,
  actor: RuleActor,
  id: string,
  enabled: boolean,
): Promise<RuleResult> {
  requireRuleAdmin(actor);
  return inTransaction(db, async (trx) => {
    const found = await lockRule(trx, id);
    if (!found) return fail("notFound");
    if (found.enabled === enabled) return ok({ id });
    await trx
      .updateTable("service_rule")
      .set({ enabled, version: found.version + 1, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(trx, {
      actorId: actor.id,
      action: enabled ? "service_rule.enable" : "service_rule.disable",
      entityType: "service_rule",
      entityId: id,
      details: { name: found.name },
    });
    return ok({ id });
  });
}

/**
 * Moves a rule one place up or down in the order rules run: the whole list is renumbered
 * (1..n) under a lock of every rule, so two moves at once never leave two rules on one place.
 */
export async function moveRule(
  db: Executor,
  actor: RuleActor,
  id: string,
  direction: "up" | "down",
): Promise<RuleResult> {
  requireRuleAdmin(actor);
  return inTransaction(db, async (trx) => {
    if (!isUuid(id)) return fail("notFound");
    const rules = await trx
      .selectFrom("service_rule")
      .select(["id", "name"])
      .orderBy("position")
      .orderBy("created_at")
      .orderBy("id")
      .forUpdate()
      .execute();
    const at = rules.findIndex((r) => r.id === id);
    if (at < 0) return fail("notFound");
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rules.length) return ok({ id });
    [rules[at], rules[to]] = [rules[to]!, rules[at]!];
    for (const [i, r] of rules.entries())
      await trx
        .updateTable("service_rule")
        .set({ position: i + 1 })
        .where("id", "=", r.id)
        .execute();
    await audit(trx, {
      actorId: actor.id,
      action: "service_rule.move",
      entityType: "service_rule",
      entityId: id,
      details: { direction, position: to + 1 },
    });
    return ok({ id });
  });
}

// ---------------------------------------------------------------------------------------------
// Running

const jobSchema = z.object({
  requestId: z.uuid(),
  event: z.enum(RULE_EVENTS),
  key: z.string().min(1).max(200),
  fields: z.array(z.string().max(20)).max(10).default([]),
  depth: z.number().int().min(0).max(100).default(0),
  chain: z.array(z.uuid()).max(200).default([]),
  ruleId: z.uuid().optional(),
});

/** Signs the replies rules send (a macro's `{{staff}}`). */
const DESK_NAME: Record<Locale, string> = {
  en: "Zizhu Park service desk",
  "zh-CN": "紫竹园区服务台",
};

async function lockRequest(trx: Executor, id: string) {
  const r = await trx
    .selectFrom("service_request")
    .select([
      "id",
      "ref",
      "subject",
      "type_id",
      "category_id",
      "company_id",
      "priority",
      "state",
      "field_values",
      "tags",
      "merged_into_id",
    ])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) return undefined;
  const raw: unknown =
    typeof r.field_values === "string" ? JSON.parse(r.field_values) : r.field_values;
  const fieldValues: Record<string, string> = {};
  if (raw && typeof raw === "object")
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") fieldValues[k] = v;
  return { ...r, field_values: fieldValues };
}

type LockedForRules = NonNullable<Awaited<ReturnType<typeof lockRequest>>>;

/** A `waiting` event still holds: the request waits since that state change, long enough. */
async function stillWaiting(
  trx: Executor,
  r: LockedForRules,
  key: string,
  hours: number,
  now: Date,
) {
  if (!(WAITING_STATES as readonly string[]).includes(r.state)) return false;
  const last = await trx
    .selectFrom("service_request_event")
    .select(["id", "at"])
    .where("request_id", "=", r.id)
    .where("kind", "=", "state")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return !!last && key === `waiting:${last.id}` && +now - +last.at >= hours * 3600_000;
}

/** What one rule did, in words for the history's details. */
async function applyRule(
  trx: Executor,
  rule: RuleRow,
  r: LockedForRules,
  origin: string,
  now: Date,
): Promise<{ actions: Record<string, unknown>; changed: string[] }> {
  const actions: Record<string, unknown> = {};
  const change: Omit<StaffChange, "version" | "store"> = {};
  if (rule.macro_id) {
    const snippet = await trx
      .selectFrom("reply_snippet")
      .selectAll()
      .where("id", "=", rule.macro_id)
      .executeTakeFirst();
    const ctx = snippet
      ? await snippetContext(trx, { id: "", roles: [], company: null, name: "" }, r.ref)
      : undefined;
    if (snippet && ctx) {
      ctx.values.staff = DESK_NAME[ctx.locale];
      Object.assign(change, macroActions(snippet));
      const body = snippetText(snippet, ctx).trim();
      if (body) change.message = { body, visibility: "public" };
      actions.macro = snippet.title;
    }
  }
  if (rule.set_team_id) change.teamId = rule.set_team_id;
  if (rule.set_assignee_id) change.assigneeId = rule.set_assignee_id;
  if (
    rule.set_priority === "low" ||
    rule.set_priority === "normal" ||
    rule.set_priority === "high" ||
    rule.set_priority === "urgent"
  )
    change.priority = rule.set_priority;
  let changed: string[] = [];
  if (Object.keys(change).length) {
    const result = await ruleChange(trx, r.ref, change, origin, now);
    if (result.ok) {
      changed = result.changed;
      if (change.teamId && changed.includes("team")) actions.team = change.teamId;
      if (change.assigneeId && changed.includes("assignee")) actions.assignee = change.assigneeId;
      if (change.priority && changed.includes("priority")) actions.priority = change.priority;
      if (change.state && changed.includes("state")) actions.state = change.state;
      if (change.message) actions.replied = true;
    } else actions.refused = result.error;
  }
  if (rule.add_tag && !r.tags.includes(rule.add_tag)) {
    await trx
      .updateTable("service_request")
      .set({ tags: sql<string[]>`array_append(tags, ${rule.add_tag}::text)` })
      .where("id", "=", r.id)
      .execute();
    actions.tag = rule.add_tag;
  }
  if (rule.notify_user_id) {
    const link = `/desk/requests/${r.ref}`;
    const user = await trx
      .selectFrom("app_user")
      .select(["email", "name", "locale", "disabled_at"])
      .where("id", "=", rule.notify_user_id)
      .executeTakeFirst();
    if (user && !user.disabled_at) {
      await notify(trx, rule.notify_user_id, "escalated", link, { ref: r.ref, subject: r.subject });
      const locale: Locale = isLocale(user.locale) ? user.locale : "en";
      await queueEmail(trx, {
        to: user.email,
        locale,
        template: "serviceRequestEscalated",
        values: {
          name: user.name,
          ref: r.ref,
          subject: r.subject,
          rule: rule.name,
          link: `${origin}${link}`,
        },
        thread: await threadOf(trx, r.ref),
      });
      actions.notified = rule.notify_user_id;
    }
  }
  return { actions, changed };
}

export interface RuleRunOptions {
  origin: string;
  now?: Date;
  /** Checked just before committing (the job's lease): false rolls the run back. */
  beforeCommit?: (trx: Executor) => Promise<boolean>;
}

export class LeaseLost extends Error {
  constructor() {
    super("rule run: the job's lease was lost; rolled back");
  }
}

/**
 * Runs the enabled rules listening to one event of one request, in order, in one transaction
 * with the request locked. Returns the ids of the rules that ran.
 */
export async function runRules(
  db: Executor,
  payload: unknown,
  opts: RuleRunOptions,
): Promise<string[]> {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success) return [];
  const job = parsed.data;
  const now = opts.now ?? new Date();
  return inTransaction(db, async (trx) => {
    let r = await lockRequest(trx, job.requestId);
    if (!r || r.merged_into_id) return [];
    let q = trx
      .selectFrom("service_rule")
      .selectAll()
      .where("enabled", "=", true)
      .where("event", "=", job.event);
    if (job.ruleId) q = q.where("id", "=", job.ruleId);
    const rules = await q.orderBy("position").orderBy("created_at").orderBy("id").execute();
    const ran: string[] = [];
    const changed = new Set<string>();
    for (const rule of rules) {
      if (job.chain.includes(rule.id)) continue;
      if (
        job.event === "waiting" &&
        !(await stillWaiting(trx, r, job.key, rule.wait_hours ?? 0, now))
      )
        continue;
      if (!ruleMatches(rule, r, job.event, job.fields)) continue;
      const claimed = await trx
        .insertInto("service_rule_run")
        .values({
          rule_id: rule.id,
          request_id: r.id,
          event_key: job.key,
          depth: job.depth,
          at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning("rule_id")
        .executeTakeFirst();
      if (!claimed) continue;
      const done = await applyRule(trx, rule, r, opts.origin, now);
      await trx
        .insertInto("service_request_event")
        .values({
          request_id: r.id,
          kind: "rule",
          from_value: job.event,
          to_value: rule.name,
          details: JSON.stringify({
            ruleId: rule.id,
            key: job.key,
            depth: job.depth,
            ...done.actions,
          }),
          at: now,
        })
        .execute();
      await audit(trx, {
        actorId: null,
        action: "service_rule.run",
        entityType: "service_request",
        entityId: r.ref,
        details: {
          ruleId: rule.id,
          name: rule.name,
          event: job.event,
          key: job.key,
          depth: job.depth,
          ...done.actions,
        },
      });
      ran.push(rule.id);
      for (const f of done.changed) changed.add(f);
      r = (await lockRequest(trx, r.id))!;
    }
    // The rules' own changes: one event one level deeper, without the rules that already ran.
    if (changed.size && job.depth + 1 < MAX_RULE_DEPTH) {
      const last = await trx
        .selectFrom("service_request_event")
        .select(sql<string>`max(id)::text`.as("id"))
        .where("request_id", "=", r.id)
        .executeTakeFirstOrThrow();
      const next: RuleJob = {
        requestId: r.id,
        event: "changed",
        key: `changed:${last.id}`,
        fields: [...changed],
        depth: job.depth + 1,
        chain: [...job.chain, ...ran],
      };
      await enqueueRuleEvent(trx, next);
    }
    if (opts.beforeCommit && !(await opts.beforeCommit(trx))) throw new LeaseLost();
    return ran;
  });
}

/**
 * Queues `waiting` events: for each enabled waiting rule, requests waiting (on the requester
 * or a third party) for longer than its hours since their last state change, that the rule
 * has not run on for that wait. Called by the SLA sweep once a minute.
 */
export async function queueWaitingRules(db: Executor, now = new Date()): Promise<number> {
  const rules = await db
    .selectFrom("service_rule")
    .select(["id", "wait_hours"])
    .where("enabled", "=", true)
    .where("event", "=", "waiting")
    .execute();
  let queued = 0;
  for (const rule of rules) {
    const cutoff = new Date(+now - (rule.wait_hours ?? 1) * 3600_000);
    const rows = await sql<{ id: string; event_id: string }>`
      SELECT r.id, e.id::text AS event_id FROM service_request r
      JOIN LATERAL (SELECT id, at FROM service_request_event
        WHERE request_id = r.id AND kind = 'state' ORDER BY id DESC LIMIT 1) e ON true
      WHERE r.state IN ('waiting_on_requester', 'waiting_on_third_party')
        AND r.merged_into_id IS NULL AND e.at <= ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM service_rule_run x WHERE x.rule_id = ${rule.id}
          AND x.request_id = r.id AND x.event_key = 'waiting:' || e.id)
      LIMIT 200`.execute(db);
    for (const row of rows.rows) {
      await enqueueRuleEvent(db, {
        requestId: row.id,
        event: "waiting",
        key: `waiting:${row.event_id}`,
        ruleId: rule.id,
      });
      queued++;
    }
  }
  return queued;
}

/** What the rule form offers: the catalogue, companies, teams, desk staff and shared macros. */
export async function ruleFormOptions(db: Executor, actor: RuleActor) {
  requireRuleAdmin(actor);
  const types = await db
    .selectFrom("service_type")
    .select(["id", "name_en", "name_zh"])
    .orderBy("position")
    .orderBy("code")
    .execute();
  const categories = await db
    .selectFrom("service_category")
    .select(["id", "name_en", "name_zh"])
    .orderBy("position")
    .orderBy("code")
    .execute();
  const companies = await db
    .selectFrom("company")
    .select(["id", "name_en", "name_zh"])
    .orderBy("name_en")
    .limit(1000)
    .execute();
  const teams = await db
    .selectFrom("service_team")
    .select(["id", "name_en", "name_zh"])
    .orderBy("code")
    .execute();
  const staff = (await listStaff(db)).map(({ id, name }) => ({ id, name }));
  const macros = await db
    .selectFrom("reply_snippet")
    .select(["id", "title"])
    .where("owner_id", "is", null)
    .orderBy(sql`lower(title)`)
    .execute();
  return { types, categories, companies, teams, staff, macros };
}
