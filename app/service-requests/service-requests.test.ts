import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { listNotifications } from "~/notifications/notifications.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { committedTargets } from "./catalogue.server";
import { countQueue, listQueue, parseFilters } from "./queue.server";
import {
  autoClose,
  fileRequest,
  findRequestFileForViewer,
  getRequestForCompany,
  getRequestForStaff,
  requesterReply,
  requesterSetState,
  slaSweep,
  staffChange,
} from "./service-requests.server";

let t: TestDatabase;
const ORIGIN = "http://portal.test";
let staff: SessionUser;
let memberA: SessionUser;
let memberB: SessionUser;
let typeId: string;
let residentTypeId: string;
let teamId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db, { name: "Staff Person" });
  memberA = await insertCompanyMember(t.db, { user: { name: "Alpha" }, resident: true });
  memberB = await insertCompanyMember(t.db, { user: { name: "Beta" }, resident: false });
  const cat = await t.db
    .insertInto("service_category")
    .values({ code: "cat", name_en: "Cat", name_zh: "类" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const team = await t.db
    .insertInto("service_team")
    .values({ code: "team", name_en: "Team", name_zh: "团队", lead_id: staff.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  teamId = team.id;
  typeId = await insertServiceType(t.db, {
    code: "ip",
    categoryId: cat.id,
    nameEn: "IP",
    nameZh: "知识产权",
    teamId: team.id,
  });
  await t.db
    .insertInto("service_type_field")
    .values([
      {
        type_id: typeId,
        key: "kind",
        label_en: "Kind",
        label_zh: "类型",
        kind: "choice",
        required: true,
        options: JSON.stringify([{ value: "patent", en: "Patent", zh: "专利" }]),
      },
      {
        type_id: typeId,
        key: "count",
        label_en: "Count",
        label_zh: "数量",
        kind: "number",
        required: false,
      },
    ])
    .execute();
  residentTypeId = await insertServiceType(t.db, {
    code: "housing",
    categoryId: cat.id,
    nameEn: "Housing",
    nameZh: "住房",
    residentOnly: true,
  });
});
afterAll(() => t.close());

const key = () => crypto.randomUUID();
async function file(who: SessionUser, at = new Date(), subject = "Patent question") {
  const r = await fileRequest(
    t.db,
    who,
    {
      typeId,
      subject,
      description: "Please help us with a patent filing.",
      idempotencyKey: key(),
      fields: { kind: "patent" },
    },
    ORIGIN,
    at,
  );
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}
async function version(ref: string) {
  return (
    await t.db
      .selectFrom("service_request")
      .select("version")
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow()
  ).version;
}

/** A change by the staff member on the request as last seen (its current version). */
async function change(
  ref: string,
  patch: Omit<Parameters<typeof staffChange>[3], "version">,
  at?: Date,
) {
  return staffChange(t.db, staff, ref, { version: await version(ref), ...patch }, ORIGIN, at);
}

describe("filing", () => {
  it("files a request with a reference number, due times and a confirmation email", async () => {
    const ref = await file(memberA);
    expect(ref).toMatch(/^SR-\d{4}-\d{6}$/);
    const row = await t.db
      .selectFrom("service_request")
      .selectAll()
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("new");
    expect(row.team_id).toBe(teamId);
    expect(row.resolution_due_at).not.toBeNull();
    const mail = await t.db
      .selectFrom("email")
      .select(["subject", "text_body"])
      .where("template", "=", "serviceRequestFiled")
      .where("text_body", "like", `%${ref}%`)
      .executeTakeFirst();
    expect(mail?.text_body).toContain(`${ORIGIN}/requests/${ref}`);
  });

  it("checks the type's fields and who may use a type", async () => {
    const bad = await fileRequest(
      t.db,
      memberA,
      {
        typeId,
        subject: "x",
        description: "y",
        idempotencyKey: key(),
        fields: { kind: "nope", count: "many" },
      },
      ORIGIN,
    );
    expect(bad).toEqual({
      ok: false,
      error: "fields",
      fieldErrors: { kind: ["services:errors.choice"], count: ["services:errors.number"] },
    });
    const missing = await fileRequest(
      t.db,
      memberA,
      { typeId, subject: "x", description: "y", idempotencyKey: key(), fields: {} },
      ORIGIN,
    );
    expect(missing.ok).toBe(false);
    const notResident = await fileRequest(
      t.db,
      memberB,
      {
        typeId: residentTypeId,
        subject: "Flat",
        description: "We need a flat",
        idempotencyKey: key(),
        fields: {},
      },
      ORIGIN,
    );
    expect(notResident).toEqual({ ok: false, error: "residentOnly" });
  });

  it("creates one request for two identical concurrent submits", async () => {
    const k = key();
    const input = {
      typeId,
      subject: "Double click",
      description: "Submitted twice at once.",
      idempotencyKey: k,
      fields: { kind: "patent" },
    };
    const [a, b] = await Promise.all([
      fileRequest(t.db, memberA, input, ORIGIN),
      fileRequest(t.db, memberA, input, ORIGIN),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.ref).toBe(b.ref);
    const rows = await t.db
      .selectFrom("service_request")
      .select("id")
      .where("idempotency_key", "=", k)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe("access", () => {
  it("hides company A's request and files from company B", async () => {
    const ref = await file(memberA);
    const row = await t.db
      .selectFrom("service_request")
      .select("id")
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    const f = await t.db
      .insertInto("service_request_file")
      .values({
        request_id: row.id,
        stored_file_id: crypto.randomUUID(),
        file_name: "plan.pdf",
        content_type: "application/pdf",
        size_bytes: 10,
        uploaded_by: memberA.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await getRequestForCompany(t.db, memberA, ref)).toBeDefined();
    expect(await getRequestForCompany(t.db, memberB, ref)).toBeUndefined();
    expect(await findRequestFileForViewer(t.db, memberA, f.id)).toBeDefined();
    expect(await findRequestFileForViewer(t.db, memberB, f.id)).toBeUndefined();
    expect(await findRequestFileForViewer(t.db, staff, f.id)).toBeDefined();
    expect((await requesterReply(t.db, memberB, ref, { body: "Let me in" }, ORIGIN)).ok).toBe(
      false,
    );
    expect(
      (await requesterSetState(t.db, memberB, ref, "closed", await version(ref), ORIGIN)).ok,
    ).toBe(false);
  });

  it("never gives a requester an internal note: not in the page data, not by email", async () => {
    const ref = await file(memberA);
    const secret = `internal-${crypto.randomBytes(4).toString("hex")}`;
    expect(
      (await change(ref, { message: { body: `Note: ${secret}`, visibility: "internal" } })).ok,
    ).toBe(true);
    expect(
      (await change(ref, { message: { body: "Public answer", visibility: "public" } })).ok,
    ).toBe(true);
    const view = await getRequestForCompany(t.db, memberA, ref);
    expect(view!.messages.map((m) => m.body)).toEqual(["Public answer"]);
    expect(JSON.stringify(view)).not.toContain(secret);
    const staffView = await getRequestForStaff(t.db, ref);
    expect(JSON.stringify(staffView)).toContain(secret);
    const emails = await t.db
      .selectFrom("email")
      .select(["to_address", "text_body", "html_body", "subject"])
      .execute();
    expect(emails.some((e) => e.text_body.includes("Public answer"))).toBe(true);
    expect(emails.filter((e) => JSON.stringify(e).includes(secret))).toEqual([]);
  });
});

describe("workflow on the server", () => {
  it("refuses a transition the table does not allow", async () => {
    const ref = await file(memberA);
    expect(await change(ref, { state: "resolved" })).toEqual({ ok: false, error: "transition" });
    expect(
      await requesterSetState(t.db, memberA, ref, "resolved", await version(ref), ORIGIN),
    ).toEqual({ ok: false, error: "transition" });
    expect((await change(ref, { state: "triaged" })).ok).toBe(true);
  });

  it("moves a request waiting on the requester back to in progress when they reply, with history", async () => {
    const ref = await file(memberA);
    await change(ref, { state: "triaged", assigneeId: staff.id, priority: "high" });
    await change(ref, {
      state: "waiting_on_requester",
      message: { body: "Which country?", visibility: "public" },
    });
    const paused = await t.db
      .selectFrom("service_request")
      .select(["resolution_due_at", "first_responded_at"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(paused.resolution_due_at).toBeNull();
    expect(paused.first_responded_at).not.toBeNull();
    expect((await requesterReply(t.db, memberA, ref, { body: "Germany." }, ORIGIN)).ok).toBe(true);
    const view = await getRequestForStaff(t.db, ref);
    expect(view!.request.state).toBe("in_progress");
    expect(view!.request.resolution_due_at).not.toBeNull();
    expect(view!.history.map((h) => `${h.kind}:${h.to_value}`)).toEqual([
      "created:new",
      "state:triaged",
      "assignee:" + staff.id,
      "priority:high",
      "state:waiting_on_requester",
      "state:in_progress",
    ]);
    const notes = await listNotifications(t.db, staff.id);
    expect(notes.some((n) => n.kind === "requester_reply" && n.values.ref === ref)).toBe(true);
    await expect(
      t.db
        .updateTable("service_request_event")
        .set({ to_value: "x" })
        .where("kind", "=", "state")
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it("never gives a due time in the past when the priority is raised: a used-up target restarts at the change", async () => {
    // Filed Monday 2026-11-30 09:00 Shanghai (normal: first response 8 h, resolution 80 h).
    const filed = new Date("2026-11-30T01:00:00Z");
    const ref = await file(memberA, filed, "Raised late");
    // Wednesday 11:00: 18 working hours used, more than urgent's 1 h and 16 h targets.
    const change = new Date("2026-12-02T03:00:00Z");
    const r = await staffChange(
      t.db,
      staff,
      ref,
      { version: await version(ref), priority: "urgent" },
      ORIGIN,
      change,
    );
    expect(r.ok).toBe(true);
    const row = await t.db
      .selectFrom("service_request")
      .select(["first_response_due_at", "resolution_due_at", "sla_breached"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.sla_breached).toBe(false);
    expect(row.first_response_due_at!.toISOString()).toBe("2026-12-02T04:00:00.000Z");
    expect(row.resolution_due_at!.toISOString()).toBe("2026-12-04T03:00:00.000Z");
    expect(+row.first_response_due_at!).toBeGreaterThan(+change);
    const view = await getRequestForStaff(t.db, ref, change);
    expect(view!.history.map((h) => `${h.kind}:${h.to_value}`)).toContain("sla:restarted");
    // A later change keeps the restarted target (it is stored on the request).
    await staffChange(
      t.db,
      staff,
      ref,
      { version: await version(ref), state: "triaged" },
      ORIGIN,
      new Date("2026-12-02T03:10:00Z"),
    );
    const later = await t.db
      .selectFrom("service_request")
      .select(["first_response_due_at"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(later.first_response_due_at!.toISOString()).toBe("2026-12-02T04:00:00.000Z");
  });

  it("keeps counting from filing when the new priority's target is still ahead", async () => {
    const ref = await file(memberA, new Date("2026-11-30T01:00:00Z"), "Raised early");
    await staffChange(
      t.db,
      staff,
      ref,
      { version: await version(ref), priority: "urgent" },
      ORIGIN,
      new Date("2026-11-30T01:30:00Z"),
    );
    const row = await t.db
      .selectFrom("service_request")
      .select(["first_response_due_at", "resolution_due_at"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.first_response_due_at!.toISOString()).toBe("2026-11-30T02:00:00.000Z");
    expect(row.resolution_due_at!.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("lets exactly one of two concurrent updates with the same version win", async () => {
    const ref = await file(memberA);
    const v = await version(ref);
    const results = await Promise.all([
      staffChange(t.db, staff, ref, { version: v, priority: "urgent" }, ORIGIN),
      staffChange(t.db, staff, ref, { version: v, priority: "low" }, ORIGIN),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "conflict" }]);
  });
});

describe("SLA sweep and auto-close", () => {
  it("flags a breach once and notifies the assignee and team lead", async () => {
    const longAgo = new Date(Date.now() - 40 * 24 * 3600_000);
    const ref = await file(memberA, longAgo, "Old request");
    await change(ref, { state: "in_progress", assigneeId: staff.id }, new Date(+longAgo + 60_000));
    const first = await slaSweep(t.db, ORIGIN);
    expect(first.breaches).toBeGreaterThanOrEqual(1);
    const row = await t.db
      .selectFrom("service_request")
      .select(["sla_breached", "breach_notified_at"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.sla_breached).toBe(true);
    expect(row.breach_notified_at).not.toBeNull();
    const notes = await listNotifications(t.db, staff.id);
    expect(notes.filter((n) => n.kind === "breach" && n.values.ref === ref)).toHaveLength(1);
    await slaSweep(t.db, ORIGIN);
    expect(
      (await listNotifications(t.db, staff.id)).filter(
        (n) => n.kind === "breach" && n.values.ref === ref,
      ),
    ).toHaveLength(1);
    const queue = await listQueue(
      t.db,
      parseFilters(new URLSearchParams("sla=breached"), staff.id),
      null,
    );
    expect(queue.items.map((i) => i.ref)).toContain(ref);
    expect(queue.items.find((i) => i.ref === ref)?.breached).toBe(true);
  });

  it("warns and reports a breach again for the next target once the first is met", async () => {
    // Monday 23 November 2026, 10:00 in Shanghai: a working day.
    const t0 = new Date("2026-11-23T10:00:00+08:00");
    const ref = await file(memberA, t0, "Two targets");
    await change(ref, { assigneeId: staff.id }, new Date(+t0 + 60_000));
    const dues = async () =>
      t.db
        .selectFrom("service_request")
        .select(["first_response_due_at", "resolution_due_at"])
        .where("ref", "=", ref)
        .executeTakeFirstOrThrow();
    const count = async (kind: string) =>
      (await listNotifications(t.db, staff.id, 500)).filter(
        (n) => n.kind === kind && n.values.ref === ref,
      ).length;
    const MIN = 60_000;

    // The first response is due soon: one warning, however often the sweep runs.
    const firstDue = (await dues()).first_response_due_at!;
    await slaSweep(t.db, ORIGIN, new Date(+firstDue - 30 * MIN));
    await slaSweep(t.db, ORIGIN, new Date(+firstDue - 20 * MIN));
    expect(await count("breach_warning")).toBe(1);

    // Staff answer in time: the resolution target is next, and it gets its own warning...
    await change(
      ref,
      { state: "in_progress", message: { body: "We are on it.", visibility: "public" } },
      new Date(+firstDue - 10 * MIN),
    );
    const resolutionDue = (await dues()).resolution_due_at!;
    expect(+resolutionDue).toBeGreaterThan(+firstDue);
    await slaSweep(t.db, ORIGIN, new Date(+resolutionDue - 30 * MIN));
    expect(await count("breach_warning")).toBe(2);
    // ...and its breach is reported once.
    expect(await count("breach")).toBe(0);
    await slaSweep(t.db, ORIGIN, new Date(+resolutionDue + MIN));
    await slaSweep(t.db, ORIGIN, new Date(+resolutionDue + 2 * MIN));
    expect(await count("breach")).toBe(1);
  });

  it("closes a request resolved more than N days ago", async () => {
    const longAgo = new Date(Date.now() - 20 * 24 * 3600_000);
    const ref = await file(memberA, longAgo);
    await change(ref, { state: "in_progress" }, new Date(+longAgo + 1000));
    await change(ref, { state: "resolved" }, new Date(+longAgo + 2000));
    expect(await autoClose(t.db, ORIGIN)).toBeGreaterThanOrEqual(1);
    const row = await t.db
      .selectFrom("service_request")
      .select("state")
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("closed");
  });
});

describe("queue", () => {
  it("pages through every request exactly once with keyset cursors, in each sort", async () => {
    for (let i = 0; i < 7; i++) await file(memberB, new Date(), `Paging ${i}`);
    for (const sort of ["due", "newest", "oldest", "priority"]) {
      const filters = parseFilters(new URLSearchParams(`state=all&sort=${sort}`), staff.id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listQueue>> = await listQueue(
          t.db,
          filters,
          after,
          new Date(),
          4,
        );
        seen.push(...page.items.map((i) => i.ref));
        after = page.next;
      } while (after);
      const total = await t.db
        .selectFrom("service_request")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      expect(seen).toHaveLength(Number(total.n));
      expect(new Set(seen).size).toBe(seen.length);
      expect((await countQueue(t.db, filters)).count).toBe(Number(total.n));
    }
    const byCompany = await listQueue(
      t.db,
      parseFilters(
        new URLSearchParams(`state=all&company=${memberB.company!.id}&q=Paging`),
        staff.id,
      ),
      null,
    );
    expect(byCompany.items).toHaveLength(7);
  });
});

describe("queue search", () => {
  it("finds requests by the company's name in English and in Chinese, not only by subject", async () => {
    const company = await t.db
      .insertInto("company")
      .values({
        name_en: "Quokka Robotics",
        name_zh: "袋鼠机器人",
        industry: "ai",
        size: "10-49",
        is_resident: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ref = await file(memberA, new Date(), "Unrelated subject");
    await t.db
      .updateTable("service_request")
      .set({ company_id: company.id })
      .where("ref", "=", ref)
      .execute();
    const search = async (q: string) =>
      (
        await listQueue(
          t.db,
          parseFilters(new URLSearchParams({ state: "all", q }), staff.id),
          null,
        )
      ).items.map((i) => i.ref);
    expect(await search("quokka")).toEqual([ref]);
    expect(await search("机器人")).toEqual([ref]);
    expect(await search("Unrelated subj")).toContain(ref);
    expect(await search("100%_")).toEqual([]);
  });
});

describe("committed targets", () => {
  it("gives each type its set normal-priority target, or the default, for the public page", async () => {
    await t.db
      .insertInto("service_sla_target")
      .values({
        type_id: residentTypeId,
        priority: "normal",
        first_response_minutes: 120,
        resolution_minutes: 1440,
      })
      .onConflict((oc) =>
        oc.columns(["type_id", "priority"]).doUpdateSet({
          first_response_minutes: 120,
          resolution_minutes: 1440,
        }),
      )
      .execute();
    const targets = await committedTargets(t.db, [typeId, residentTypeId]);
    expect(targets.get(residentTypeId)).toEqual({ firstResponse: 120, resolution: 1440 });
    expect(targets.get(typeId)).toEqual({ firstResponse: 480, resolution: 4800 });
  });
});

describe("periodic sweep scheduling", () => {
  it("enqueues one sweep per minute bucket however often it is asked", async () => {
    const { ensureSweepScheduled, SWEEP_TASK } = await import("./jobs.server");
    const at = new Date("2030-01-02T03:04:05Z");
    await ensureSweepScheduled(t.db, at);
    await ensureSweepScheduled(t.db, new Date(+at + 20_000));
    await Promise.all([ensureSweepScheduled(t.db, at), ensureSweepScheduled(t.db, at)]);
    const jobs = await t.db
      .selectFrom("job")
      .select("job_key")
      .where("task", "=", SWEEP_TASK)
      .where("job_key", "like", "%2030-01-02T03:04")
      .execute();
    expect(jobs).toHaveLength(1);
  });
});

describe("reports", () => {
  it("computes public service levels and per-type figures from live data", async () => {
    const { byType, serviceLevels } = await import("./reports.server");
    const start = new Date(Date.now() - 5 * 24 * 3600_000);
    const ref = await file(memberA, start, "Report me");
    await change(
      ref,
      { state: "in_progress", message: { body: "On it", visibility: "public" } },
      new Date(+start + 1000),
    );
    await change(ref, { state: "resolved" }, new Date(+start + 2 * 3600_000));
    const levels = await serviceLevels(t.db);
    const cat = levels.find((l) => l.code === "cat")!;
    expect(cat.resolved).toBeGreaterThanOrEqual(1);
    expect(cat.medianResolutionMinutes).not.toBeNull();
    const types = await byType(t.db, {
      from: new Date(Date.now() - 365 * 24 * 3600_000),
      to: new Date(Date.now() + 3600_000),
    });
    const ip = types.find((r) => r.code === "ip")!;
    expect(ip.filed).toBeGreaterThan(ip.resolved);
    expect(ip.slaMetShare).not.toBeNull();
    const { volumeOverTime, sumBy } = await import("./reports.server");
    const volume = await volumeOverTime(t.db, {
      from: new Date(Date.now() - 365 * 24 * 3600_000),
      to: new Date(Date.now() + 3600_000),
    });
    const shanghaiMonth = new Date(+start + 8 * 3600_000).toISOString().slice(0, 7);
    const resolvedIp = volume.find(
      (v) => v.month === shanghaiMonth && v.type === "ip" && v.state === "resolved",
    );
    expect(resolvedIp?.count).toBeGreaterThanOrEqual(1);
    const [{ count: filedIp } = { count: 0 }] = sumBy(
      volume.filter((v) => v.type === "ip"),
      "type",
    );
    expect(filedIp).toBe(ip.filed);
    expect(sumBy(volume, "state").reduce((n, r) => n + r.count, 0)).toBe(
      volume.reduce((n, r) => n + r.count, 0),
    );
  });
});

describe("the reference calendar (China's official 2026 schedule)", () => {
  it("is in every database and makes the SLA clock skip the Spring Festival and count its make-up Saturdays", async () => {
    const { loadCalendar } = await import("./catalogue.server");
    const { businessMinutesBetween, WORKING_MINUTES_PER_DAY } = await import("./business-hours");
    const calendar = await loadCalendar(t.db);
    expect(calendar.get("2026-02-17")).toBe("holiday"); // the first day of the Year of the Horse
    expect(calendar.get("2026-02-14")).toBe("workday"); // a Saturday worked in exchange
    expect(calendar.get("2026-10-10")).toBe("workday");
    // Friday 13 Feb 18:00 -> Saturday 28 Feb 18:00 (Shanghai): only the two make-up Saturdays count.
    const minutes = businessMinutesBetween(
      new Date("2026-02-13T18:00:00+08:00"),
      new Date("2026-02-28T18:00:00+08:00"),
      calendar,
    );
    // 14 Feb (Sat, worked), 15-23 Feb holiday, 24-27 Feb Tue-Fri, 28 Feb (Sat, worked).
    expect(minutes).toBe(WORKING_MINUTES_PER_DAY * 6);
  });
});
