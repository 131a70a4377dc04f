/**
 * Merging a duplicate into another request and linking related ones (ADR 0038), against a
 * real database: the duplicate is closed as merged and points at the target, its messages and
 * files are read from the target, the requester is told in their language, both histories and
 * the audit log record it; refusals; links both ways, idempotent.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import {
  linkRequests,
  mergeRequest,
  previewMerge,
  relationsOf,
  unlinkRequests,
} from "./merge.server";
import {
  fileRequest,
  getRequestForCompany,
  getRequestForStaff,
  requesterReply,
  staffChange,
} from "./service-requests.server";

const ORIGIN = "http://portal.test";
let t: TestDatabase;
let staff: SessionUser;
let member: SessionUser;
let other: SessionUser;
let typeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db, { name: "Desk" });
  member = await insertCompanyMember(t.db, {
    user: { name: "Wang", locale: "zh-CN" },
    company: { nameEn: "Merge Co", nameZh: "合并公司" },
    resident: true,
  });
  other = await insertCompanyMember(t.db, {
    user: { name: "Other" },
    company: { nameEn: "Other Co", nameZh: "其他公司" },
    resident: true,
  });
  typeId = await insertServiceType(t.db, { code: "merge", nameEn: "Merge", nameZh: "合并" });
});
afterAll(() => t.close());

async function file(by: SessionUser, subject: string) {
  const r = await fileRequest(
    t.db,
    by,
    { typeId, subject, description: "Details.", idempotencyKey: crypto.randomUUID(), fields: {} },
    ORIGIN,
  );
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}
const row = (ref: string) =>
  t.db
    .selectFrom("service_request")
    .select(["id", "state", "version", "merged_into_id", "closed_at"])
    .where("ref", "=", ref)
    .executeTakeFirstOrThrow();
const events = async (ref: string) =>
  (
    await t.db
      .selectFrom("service_request_event")
      .innerJoin("service_request", "service_request.id", "service_request_event.request_id")
      .select(["service_request_event.kind", "service_request_event.to_value"])
      .where("service_request.ref", "=", ref)
      .orderBy("service_request_event.id")
      .execute()
  ).map((e) => `${e.kind}:${e.to_value ?? ""}`);

describe("merge", () => {
  it("closes the duplicate as merged, reads its messages through the target, tells the requester", async () => {
    const target = await file(member, "Parking permit");
    const dup = await file(member, "Parking permit again");
    expect((await requesterReply(t.db, member, dup, { body: "Plate 沪A12345" }, ORIGIN)).ok).toBe(
      true,
    );
    const before = await row(dup);
    const preview = await previewMerge(t.db, dup, ` ${target.toLowerCase()} `);
    expect(preview).toMatchObject({ ok: true, target: { ref: target } });

    const merged = await mergeRequest(
      t.db,
      staff,
      dup,
      { targetRef: target, version: before.version },
      ORIGIN,
    );
    expect(merged).toEqual({ ok: true, target });
    const after = await row(dup);
    expect(after.state).toBe("closed");
    expect(after.closed_at).not.toBeNull();
    expect(after.merged_into_id).toBe((await row(target)).id);
    expect(await events(dup)).toEqual(
      expect.arrayContaining(["state:closed", `merged_into:${target}`]),
    );
    expect(await events(target)).toContain(`merged_from:${dup}`);

    // The target shows the duplicate's messages, to staff and to the company.
    const desk = await getRequestForStaff(t.db, target);
    expect(desk!.messages.map((m) => [m.body, m.from_ref])).toContainEqual(["Plate 沪A12345", dup]);
    const company = await getRequestForCompany(t.db, member, target);
    expect(company!.messages.map((m) => m.body)).toContain("Plate 沪A12345");
    const dupView = await getRequestForCompany(t.db, member, dup);
    expect(dupView!.request.merged_into_ref).toBe(target);

    // The requester: a notification and an email in their language, in the same transaction.
    const note = await t.db
      .selectFrom("notification")
      .select(["kind", "link"])
      .where("user_id", "=", member.id)
      .where("kind", "=", "merged")
      .executeTakeFirstOrThrow();
    expect(note.link).toBe(`/requests/${target}`);
    const mail = await t.db
      .selectFrom("email")
      .select(["subject", "locale", "text_body"])
      .where("template", "=", "serviceRequestMerged")
      .where("to_address", "=", member.email)
      .executeTakeFirstOrThrow();
    expect(mail.locale).toBe("zh-CN");
    expect(mail.subject).toContain(target);
    expect(mail.text_body).toContain("合并");
    const log = await t.db
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "service_request.merge")
      .where("entity_id", "=", after.id)
      .executeTakeFirstOrThrow();
    expect(log.details).toMatchObject({ ref: dup, into: target });

    // A merged request stays closed: neither side can reopen it or reply on it.
    expect(
      await staffChange(t.db, staff, dup, { version: after.version, state: "reopened" }, ORIGIN),
    ).toEqual({ ok: false, error: "transition" });
    expect(await requesterReply(t.db, member, dup, { body: "Hello?" }, ORIGIN)).toEqual({
      ok: false,
      error: "transition",
    });
    expect((await relationsOf(t.db, after.id)).mergedInto?.ref).toBe(target);
    expect((await relationsOf(t.db, (await row(target)).id)).mergedFrom.map((r) => r.ref)).toEqual([
      dup,
    ]);
  });

  it("refuses itself, a missing target, another company, a merged one, a stale version", async () => {
    const a = await file(member, "A");
    const b = await file(member, "B");
    const foreign = await file(other, "Foreign");
    const v = (await row(a)).version;
    const merge = (into: string, version = v) =>
      mergeRequest(t.db, staff, a, { targetRef: into, version }, ORIGIN);
    expect(await merge(a)).toEqual({ ok: false, error: "self" });
    expect(await merge("SR-1999-999999")).toEqual({ ok: false, error: "target" });
    expect(await merge("not a ref")).toEqual({ ok: false, error: "target" });
    expect(await merge(foreign)).toEqual({ ok: false, error: "company" });
    expect(await merge(b, v + 5)).toEqual({ ok: false, error: "conflict" });
    expect((await merge(b)).ok).toBe(true);
    expect(await merge(b)).toEqual({ ok: false, error: "merged" });
    // Merging into a merged request is refused, pointing at its target.
    const c = await file(member, "C");
    expect(
      await mergeRequest(t.db, staff, c, { targetRef: a, version: (await row(c)).version }, ORIGIN),
    ).toEqual({ ok: false, error: "targetMerged" });
    expect((await row(a)).state).toBe("closed");
  });
});

describe("link", () => {
  it("links both ways once, records both histories, and removes the link", async () => {
    const a = await file(member, "Lease");
    const b = await file(other, "Lease neighbour");
    expect(await linkRequests(t.db, staff, a, b.toLowerCase())).toEqual({
      ok: true,
      other: b,
      created: true,
    });
    expect(await linkRequests(t.db, staff, b, a)).toEqual({ ok: true, other: a, created: false });
    const idA = (await row(a)).id;
    const idB = (await row(b)).id;
    expect((await relationsOf(t.db, idA)).related.map((r) => r.ref)).toEqual([b]);
    expect((await relationsOf(t.db, idB)).related.map((r) => r.ref)).toEqual([a]);
    expect(await events(a)).toContain(`linked:${b}`);
    expect(await events(b)).toContain(`linked:${a}`);
    expect(await linkRequests(t.db, staff, a, a)).toEqual({ ok: false, error: "self" });
    expect(await linkRequests(t.db, staff, a, "SR-1999-000001")).toEqual({
      ok: false,
      error: "target",
    });
    expect((await unlinkRequests(t.db, staff, b, a)).ok).toBe(true);
    expect((await relationsOf(t.db, idA)).related).toEqual([]);
    expect(await events(a)).toContain(`unlinked:${b}`);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "in", [idA, idB])
      .execute();
    expect(audits.map((x) => x.action).sort()).toEqual([
      "service_request.link",
      "service_request.unlink",
    ]);
  });
});
