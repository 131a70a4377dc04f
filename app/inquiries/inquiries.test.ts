import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertStaff } from "../../tests/support/factories";
import type { NewsActor } from "~/news/news.server";
import { Forbidden } from "~/lib/result";
import { changeInquiry, getInquiry, listInquiries, submitInquiry } from "./inquiries.server";

let t: TestDatabase;
let staff: NewsActor;
const meta = { ip: "203.0.113.7", locale: "en" as const, origin: "https://portal.example" };
const input = {
  name: "Li Wei",
  organisation: "Acme",
  email: "li.wei@example.com",
  interest: "space" as const,
  message: "We would like to rent a laboratory.",
};

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
});
afterAll(() => t.close());

describe("inquiries", () => {
  it("files an inquiry with a reference, a history entry and a confirmation email", async () => {
    const r = await submitInquiry(t.db, input, meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.reference).toMatch(/^INQ-\d{4}-\d{5}$/);
    const email = await t.db
      .selectFrom("email")
      .select(["to_address", "subject", "text_body"])
      .where("template", "=", "inquiryReceived")
      .executeTakeFirstOrThrow();
    expect(email.to_address).toBe("li.wei@example.com");
    expect(email.subject).toContain(r.reference);
    const found = await getInquiry(t.db, staff, r.id);
    expect(found?.events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("limits inquiries per IP in PostgreSQL", async () => {
    const policy = { limit: 3, windowSeconds: 3600 };
    const ip = { ...meta, ip: "198.51.100.9" };
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await submitInquiry(t.db, input, ip, policy)).ok);
    expect(results).toEqual([true, true, true, false]);
    expect((await submitInquiry(t.db, input, { ...meta, ip: "198.51.100.10" }, policy)).ok).toBe(
      true,
    );
  });

  it("records every staff change, emails replies and refuses stale versions", async () => {
    const r = await submitInquiry(
      t.db,
      { ...input, email: "reply@example.com" },
      { ...meta, ip: null },
    );
    if (!r.ok) throw new Error("not filed");
    const o = { origin: meta.origin };
    expect(
      await changeInquiry(t.db, staff, r.id, 1, { kind: "assign", assigneeId: staff.id }, o),
    ).toEqual({ ok: true });
    expect(
      await changeInquiry(t.db, staff, r.id, 2, { kind: "status", status: "in_progress" }, o),
    ).toEqual({ ok: true });
    expect(
      await changeInquiry(t.db, staff, r.id, 3, { kind: "note", body: "Call them on Monday" }, o),
    ).toEqual({ ok: true });
    expect(await changeInquiry(t.db, staff, r.id, 3, { kind: "note", body: "stale" }, o)).toEqual({
      ok: false,
      error: "conflict",
    });
    expect(
      await changeInquiry(
        t.db,
        staff,
        r.id,
        4,
        { kind: "reply", body: "Thank you, we have lab space." },
        o,
      ),
    ).toEqual({ ok: true });
    const found = await getInquiry(t.db, staff, r.id);
    expect(found?.inquiry.status).toBe("answered");
    expect(found?.inquiry.assignee_id).toBe(staff.id);
    expect(found?.events.map((e) => e.kind)).toEqual([
      "created",
      "assigned",
      "status",
      "note",
      "reply",
    ]);
    const reply = await t.db
      .selectFrom("email")
      .select("text_body")
      .where("to_address", "=", "reply@example.com")
      .where("template", "=", "inquiryReply")
      .executeTakeFirstOrThrow();
    expect(reply.text_body).toContain("Thank you, we have lab space.");
    expect(
      (await listInquiries(t.db, staff, { status: "answered" })).items.map((i) => i.id),
    ).toContain(r.id);
  });

  it("keeps the inbox from people without the permission", async () => {
    const member: NewsActor = { id: staff.id, roles: [], company: { role: "owner" } };
    await expect(listInquiries(t.db, member)).rejects.toBeInstanceOf(Forbidden);
  });
});
