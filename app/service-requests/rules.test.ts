import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { runDueJobs } from "~/jobs/queue.server";
import { Forbidden } from "~/lib/result";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { RULES_TASK } from "./rule-jobs.server";
import { ruleMatches, ruleSchema, type RuleInput } from "./rules";
import {
  createRule,
  listRules,
  moveRule,
  queueWaitingRules,
  runRules,
  setRuleEnabled,
  updateRule,
} from "./rules.server";
import { fileRequest, slaSweep, staffChange } from "./service-requests.server";

let t: TestDatabase;
const ORIGIN = "http://portal.test";
let admin: SessionUser;
let staff: SessionUser;
let lead: SessionUser;
let member: SessionUser;
let zhMember: SessionUser;
let typeId: string;
let otherTypeId: string;
let categoryId: string;
let visa: string;
let tax: string;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await insertStaff(t.db, { name: "Admin Zhou", roles: ["admin"] });
  staff = await insertStaff(t.db, { name: "Li Na" });
  lead = await insertStaff(t.db, { name: "Wang Fang" });
  member = await insertCompanyMember(t.db, { user: { name: "Ada" }, resident: true });
  zhMember = await insertCompanyMember(t.db, {
    user: { name: "陈明", locale: "zh-CN" },
    resident: true,
  });
  categoryId = (
    await t.db
      .insertInto("service_category")
      .values({ code: "hr", name_en: "HR", name_zh: "人事" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  visa = (
    await t.db
      .insertInto("service_team")
      .values({ code: "visa", name_en: "Visa", name_zh: "签证", lead_id: lead.id })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  tax = (
    await t.db
      .insertInto("service_team")
      .values({ code: "tax", name_en: "Tax", name_zh: "税务" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  typeId = await insertServiceType(t.db, { code: "permit", categoryId });
  otherTypeId = await insertServiceType(t.db, { code: "parking" });
});
afterAll(() => t.close());

beforeEach(async () => {
  await t.db.deleteFrom("service_rule").execute();
  await t.db.deleteFrom("job").where("task", "=", RULES_TASK).execute();
});

async function file(
  who: SessionUser,
  type = typeId,
  fields: Record<string, string> = {},
  subject = "Work permit",
) {
  const r = await fileRequest(
    t.db,
    who,
    {
      typeId: type,
      subject,
      description: "How do we apply?",
      idempotencyKey: crypto.randomUUID(),
      fields,
    },
    ORIGIN,
  );
  if (!r.ok) throw new Error(r.error);
  return t.db
    .selectFrom("service_request")
    .selectAll()
    .where("ref", "=", r.ref)
    .executeTakeFirstOrThrow();
}

const rule = (over: Partial<Record<keyof RuleInput, string>>) =>
  ruleSchema.parse({ name: "A rule", event: "created", ...over });

async function make(over: Partial<Record<keyof RuleInput, string>>) {
  const r = await createRule(t.db, admin, rule(over));
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

/** Runs the queued rule jobs (others are left alone) until none is due; at most `cap` rounds. */
async function drain(now?: Date, cap = 20) {
  let rounds = 0;
  for (; rounds < cap; rounds++) {
    const pending = await t.db
      .selectFrom("job")
      .select("id")
      .where("task", "=", RULES_TASK)
      .where("completed_at", "is", null)
      .execute();
    if (!pending.length) return rounds;
    // Other tasks (emails) wait: only the rules' jobs are due in this run.
    await t.db
      .updateTable("job")
      .set({ run_at: new Date(Date.now() + 3600_000) })
      .where("task", "<>", RULES_TASK)
      .where("completed_at", "is", null)
      .execute();
    await runDueJobs(t.db, {
      handlers: {
        [RULES_TASK]: async (db, payload) => {
          await runRules(db, payload, { origin: ORIGIN, now });
        },
      },
      batchSize: 50,
    });
  }
  return rounds;
}

const runsOf = (requestId: string) =>
  t.db
    .selectFrom("service_rule_run")
    .innerJoin("service_rule", "service_rule.id", "service_rule_run.rule_id")
    .select(["service_rule.name", "service_rule_run.event_key", "service_rule_run.depth"])
    .where("service_rule_run.request_id", "=", requestId)
    .orderBy("service_rule_run.depth")
    .orderBy("service_rule.name")
    .execute();

const current = (id: string) =>
  t.db.selectFrom("service_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("rule conditions", () => {
  const base = {
    event: "created",
    changed_field: null,
    cond_type_id: null,
    cond_category_id: null,
    cond_company_id: null,
    cond_priority: null,
    cond_state: null,
    cond_subject: null,
    cond_field_key: null,
    cond_field_value: null,
  };
  const request = {
    type_id: "t1",
    category_id: "c1",
    company_id: "co1",
    priority: "normal",
    state: "new",
    subject: "工作签证  延期 for ＡＤＡ Lovelace",
    field_values: { nationality: " Germany " },
  };
  it("holds when every set condition holds, and only for its event", () => {
    expect(ruleMatches(base, request, "created")).toBe(true);
    expect(ruleMatches(base, request, "breached")).toBe(false);
    expect(ruleMatches({ ...base, cond_type_id: "t2" }, request, "created")).toBe(false);
    expect(
      ruleMatches({ ...base, cond_category_id: "c1", cond_company_id: "co1" }, request, "created"),
    ).toBe(true);
    expect(ruleMatches({ ...base, cond_priority: "urgent" }, request, "created")).toBe(false);
    expect(
      ruleMatches(
        { ...base, cond_field_key: "nationality", cond_field_value: "germany" },
        request,
        "created",
      ),
    ).toBe(true);
    expect(
      ruleMatches(
        { ...base, cond_field_key: "nationality", cond_field_value: "France" },
        request,
        "created",
      ),
    ).toBe(false);
    expect(
      ruleMatches(
        { ...base, cond_field_key: "missing", cond_field_value: "x" },
        request,
        "created",
      ),
    ).toBe(false);
  });
  it("checks the state and words in the subject (any case, full width, Chinese)", () => {
    expect(ruleMatches({ ...base, cond_state: "new" }, request, "created")).toBe(true);
    expect(ruleMatches({ ...base, cond_state: "triaged" }, request, "created")).toBe(false);
    const subject = (text: string) =>
      ruleMatches({ ...base, cond_subject: text }, request, "created");
    expect(subject("签证")).toBe(true);
    expect(subject("签证 延期")).toBe(true); // runs of spaces are one
    expect(subject("ada lovelace")).toBe(true); // full-width ＡＤＡ reads as ada
    expect(subject("ＬＯＶＥＬＡＣＥ")).toBe(true);
    expect(subject("护照")).toBe(false);
    expect(subject("Lovelace Ada")).toBe(false); // contains, not any order
    expect(
      ruleMatches({ ...base, cond_state: "new", cond_subject: "护照" }, request, "created"),
    ).toBe(false);
  });
  it("a changed rule with a field waits for that field", () => {
    const changed = { ...base, event: "changed", changed_field: "team" };
    expect(ruleMatches(changed, request, "changed", ["priority"])).toBe(false);
    expect(ruleMatches(changed, request, "changed", ["priority", "team"])).toBe(true);
    expect(ruleMatches({ ...changed, changed_field: null }, request, "changed", ["state"])).toBe(
      true,
    );
  });
  it("the form needs an action, hours for a waiting rule, and a field with its value", () => {
    expect(ruleSchema.safeParse({ name: "x", event: "created" }).success).toBe(false);
    expect(ruleSchema.safeParse({ name: "x", event: "waiting", addTag: "late" }).success).toBe(
      false,
    );
    expect(
      ruleSchema.safeParse({ name: "x", event: "waiting", waitHours: "24", addTag: "late" })
        .success,
    ).toBe(true);
    expect(
      ruleSchema.safeParse({ name: "x", event: "created", addTag: "a", condFieldKey: "k" }).success,
    ).toBe(false);
    expect(ruleSchema.safeParse({ name: "x", event: "created", addTag: "two words" }).success).toBe(
      false,
    );
    expect(
      ruleSchema.safeParse({ name: "x", event: "created", addTag: "a", condState: "gone" }).success,
    ).toBe(false);
    const long = ruleSchema.safeParse({
      name: "x",
      event: "created",
      addTag: "a",
      condSubject: "签".repeat(201),
    });
    expect(long.success).toBe(false);
    expect(
      ruleSchema.parse({ name: "x", event: "created", addTag: "a", condSubject: "  签证  " })
        .condSubject,
    ).toBe("签证");
  });
});

describe("editing rules", () => {
  it("is for desk admins only, checks what it names, and keeps an order", async () => {
    await expect(createRule(t.db, staff, rule({ addTag: "x" }))).rejects.toThrow(Forbidden);
    expect(await createRule(t.db, admin, rule({ setTeamId: crypto.randomUUID() }))).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect(await createRule(t.db, admin, rule({ setAssigneeId: member.id }))).toMatchObject({
      ok: false,
      error: "invalid",
    });
    const a = await make({ name: "First", addTag: "a" });
    const b = await make({ name: "Second", addTag: "b" });
    const c = await make({ name: "Third", addTag: "c" });
    expect((await listRules(t.db, admin)).map((r) => r.name)).toEqual(["First", "Second", "Third"]);
    await moveRule(t.db, admin, c, "up");
    await moveRule(t.db, admin, a, "up"); // already first: nothing moves
    expect((await listRules(t.db, admin)).map((r) => r.name)).toEqual(["First", "Third", "Second"]);
    await setRuleEnabled(t.db, admin, b, false);
    expect((await listRules(t.db, admin)).find((r) => r.id === b)?.enabled).toBe(false);
    const stale = await updateRule(t.db, admin, a, {
      ...rule({ name: "First", addTag: "z" }),
      version: 7,
    });
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "service_rule")
      .execute();
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(["service_rule.create", "service_rule.move", "service_rule.disable"]),
    );
  });
});

describe("running rules", () => {
  it("routes by words in the subject and by state, as stored and edited", async () => {
    const id = await make({
      name: "Visa by subject",
      condSubject: "签证",
      condState: "new",
      setTeamId: visa,
      addTag: "visa",
    });
    expect((await listRules(t.db, admin))[0]).toMatchObject({
      cond_subject: "签证",
      cond_state: "new",
    });
    const hit = await file(member, typeId, {}, "工作签证延期");
    const miss = await file(member, typeId, {}, "Parking card");
    await drain();
    expect(await current(hit.id)).toMatchObject({ team_id: visa, tags: ["visa"] });
    expect(await current(miss.id)).toMatchObject({ team_id: null, tags: [] });
    // Edited to an English word and another state: a new request in "new" no longer matches.
    const edited = await updateRule(
      t.db,
      admin,
      id,
      rule({
        name: "Visa by subject",
        condSubject: "PARKING",
        condState: "triaged",
        setTeamId: tax,
      }),
    );
    expect(edited.ok).toBe(true);
    const later = await file(member, typeId, {}, "parking for visitors");
    await drain();
    expect(await current(later.id)).toMatchObject({ team_id: null });
    // A changed rule on state: triaging the parking request now routes it.
    await updateRule(
      t.db,
      admin,
      id,
      rule({
        name: "Visa by subject",
        event: "changed",
        changedField: "state",
        condSubject: "parking",
        condState: "triaged",
        setTeamId: tax,
      }),
    );
    const fresh = await current(later.id);
    await staffChange(t.db, staff, later.ref, { version: fresh.version, state: "triaged" }, ORIGIN);
    await drain();
    expect(await current(later.id)).toMatchObject({ team_id: tax, state: "triaged" });
  });
  it("routes a new request: team, person, priority, tag, once, on the history and audited", async () => {
    await make({
      name: "Permits to visa",
      condTypeId: typeId,
      setTeamId: visa,
      setAssigneeId: staff.id,
      setPriority: "high",
      addTag: "permit",
    });
    await make({ name: "Disabled", addTag: "never", enabled: "no" });
    await make({ name: "Other type", condTypeId: otherTypeId, addTag: "wrong" });
    const r = await file(member);
    expect(r.team_id).toBeNull();
    await drain();
    const after = await current(r.id);
    expect(after).toMatchObject({ team_id: visa, assignee_id: staff.id, priority: "high" });
    expect(after.tags).toEqual(["permit"]);
    const history = await t.db
      .selectFrom("service_request_event")
      .select(["kind", "to_value", "actor_id"])
      .where("request_id", "=", r.id)
      .orderBy("id")
      .execute();
    expect(history.map((h) => h.kind)).toEqual(["created", "team", "assignee", "priority", "rule"]);
    expect(history.at(-1)).toMatchObject({ to_value: "Permits to visa", actor_id: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "service_rule.run")
      .where("entity_id", "=", r.ref)
      .execute();
    expect(audit).toHaveLength(1);
    // The assignee is told, as when a person assigns.
    const told = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", staff.id)
      .where("link", "=", `/desk/requests/${r.ref}`)
      .execute();
    expect(told.map((n) => n.kind)).toContain("assigned");
    // The same event again (a retried job): the rule has already run for it.
    expect(
      await runRules(
        t.db,
        { requestId: r.id, event: "created", key: "created" },
        { origin: ORIGIN },
      ),
    ).toEqual([]);
    expect(await runsOf(r.id)).toEqual([
      { name: "Permits to visa", event_key: "created", depth: 0 },
    ]);
  });

  it("does not loop: rules reacting to each other stop when the chain has run them", async () => {
    // A: priority changed -> team Tax; B: team changed -> priority low; C: any change -> tag.
    await make({ name: "A", event: "changed", changedField: "priority", setTeamId: tax });
    await make({ name: "B", event: "changed", changedField: "team", setPriority: "low" });
    await make({ name: "C", event: "changed", addTag: "touched" });
    const r = await file(member);
    const changed = await staffChange(
      t.db,
      staff,
      r.ref,
      { version: r.version, priority: "urgent" },
      ORIGIN,
    );
    expect(changed.ok).toBe(true);
    const rounds = await drain();
    expect(rounds).toBeLessThan(5);
    const after = await current(r.id);
    expect(after).toMatchObject({ team_id: tax, priority: "low" });
    expect(after.tags).toEqual(["touched"]);
    // A and C on the person's change (depth 0), B on A's change (depth 1); A never again.
    expect((await runsOf(r.id)).map((x) => `${x.name}@${x.depth}`)).toEqual(["A@0", "C@0", "B@1"]);
    const pending = await t.db
      .selectFrom("job")
      .select("id")
      .where("task", "=", RULES_TASK)
      .where("completed_at", "is", null)
      .execute();
    expect(pending).toHaveLength(0);
  });

  it("stops at the depth limit however many rules chain", async () => {
    await make({ name: "R1", event: "changed", changedField: "state", setTeamId: visa });
    await make({ name: "R2", event: "changed", changedField: "team", setAssigneeId: staff.id });
    await make({ name: "R3", event: "changed", changedField: "assignee", setPriority: "urgent" });
    await make({ name: "R4", event: "changed", changedField: "priority", setTeamId: tax });
    const r = await file(member);
    await staffChange(t.db, staff, r.ref, { version: r.version, state: "triaged" }, ORIGIN);
    await drain();
    expect((await runsOf(r.id)).map((x) => `${x.name}@${x.depth}`)).toEqual([
      "R1@0",
      "R2@1",
      "R3@2",
    ]);
    expect((await current(r.id)).team_id).toBe(visa);
  });

  it("applies a shared macro in the requester's language; an automatic reply is no first response", async () => {
    const macro = (
      await t.db
        .insertInto("reply_snippet")
        .values({
          title: "Ask for documents",
          body_en: "Dear {{requester}}, please upload the documents for {{reference}}. {{staff}}",
          body_zh: "{{requester}}您好：请为 {{reference}} 上传材料。{{staff}}",
          set_state: "waiting_on_requester",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await make({ name: "Ask first", macroId: macro, condCategoryId: categoryId });
    const r = await file(zhMember);
    await drain();
    const after = await current(r.id);
    expect(after.state).toBe("waiting_on_requester");
    expect(after.first_responded_at).toBeNull();
    const messages = await t.db
      .selectFrom("service_request_message")
      .select(["body", "visibility", "from_staff"])
      .where("request_id", "=", r.id)
      .execute();
    expect(messages).toEqual([
      {
        body: `陈明您好：请为 ${r.ref} 上传材料。紫竹园区服务台`,
        visibility: "public",
        from_staff: true,
      },
    ]);
  });

  it("escalates a breached request to a colleague, by notification and email", async () => {
    await make({
      name: "Breach to lead",
      event: "breached",
      notifyUserId: lead.id,
      addTag: "breached",
    });
    const r = await file(member);
    const later = new Date(Date.now() + 60 * 24 * 3600_000);
    await slaSweep(t.db, ORIGIN, later);
    await drain(later);
    expect((await current(r.id)).tags).toEqual(["breached"]);
    const told = await t.db
      .selectFrom("notification")
      .select("kind")
      .where("user_id", "=", lead.id)
      .where("link", "=", `/desk/requests/${r.ref}`)
      .execute();
    expect(told.map((n) => n.kind)).toContain("escalated");
    const mail = await t.db
      .selectFrom("email")
      .select("subject")
      .where("template", "=", "serviceRequestEscalated")
      .where(
        "to_address",
        "=",
        (
          await t.db
            .selectFrom("app_user")
            .select("email")
            .where("id", "=", lead.id)
            .executeTakeFirstOrThrow()
        ).email,
      )
      .execute();
    expect(mail.map((m) => m.subject)).toContain(`A desk rule asks you to look at ${r.ref}`);
  });

  it("acts on a request waiting too long, once per wait", async () => {
    await make({ name: "Chase", event: "waiting", waitHours: "24", addTag: "chased" });
    const r = await file(member);
    await staffChange(
      t.db,
      staff,
      r.ref,
      { version: r.version, state: "waiting_on_requester" },
      ORIGIN,
    );
    const soon = new Date(Date.now() + 3600_000);
    // Earlier tests left requests waiting since now: none of them waited a day yet.
    expect(await queueWaitingRules(t.db, soon)).toBe(0);
    const later = new Date(Date.now() + 25 * 3600_000);
    expect(await queueWaitingRules(t.db, later)).toBeGreaterThanOrEqual(1);
    await drain(later);
    expect((await current(r.id)).tags).toEqual(["chased"]);
    // Already run for this wait: nothing queued again.
    expect(await queueWaitingRules(t.db, later)).toBe(0);
    // Answered and waiting again: a new wait, chased again (the tag is there once).
    const now = await current(r.id);
    await staffChange(t.db, staff, r.ref, { version: now.version, state: "in_progress" }, ORIGIN);
    const again = await current(r.id);
    await staffChange(
      t.db,
      staff,
      r.ref,
      { version: again.version, state: "waiting_on_requester" },
      ORIGIN,
    );
    const muchLater = new Date(Date.now() + 60 * 3600_000);
    expect(await queueWaitingRules(t.db, muchLater)).toBeGreaterThanOrEqual(1);
    await drain(muchLater);
    expect((await runsOf(r.id)).filter((x) => x.name === "Chase")).toHaveLength(2);
  });
});
