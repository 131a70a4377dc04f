/**
 * Issue 6 faults, the quick CI version (both database modes): 100 concurrent conflicting staff
 * updates of one service request (same version) -> exactly one wins, 99 get "conflict" and
 * nothing else changes; 100 concurrent identical filings (same idempotency key, as a double
 * click or a retried POST sends them) -> exactly one request, one event trail, one email.
 * bench/fault-concurrency.ts does the same over HTTP against the production build.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { fileRequest, staffChange } from "./service-requests.server";

const N = 100;
const ORIGIN = "http://portal.test";
let t: TestDatabase;
let staff: SessionUser;
let member: SessionUser;
let typeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db, { name: "Staff" });
  member = await insertCompanyMember(t.db, {
    user: { name: "Member" },
    company: { nameEn: "Race Co", nameZh: "竞速公司" },
    resident: true,
  });
  typeId = await insertServiceType(t.db, { code: "race", nameEn: "Race", nameZh: "竞速" });
});
afterAll(() => t.close());

const input = (idempotencyKey: string, subject = "Raced filing") => ({
  typeId,
  subject,
  description: "Filed many times at once.",
  idempotencyKey,
  fields: {},
});

describe(`${N} concurrent calls`, () => {
  it("identical filings (one idempotency key) make exactly one request", async () => {
    const k = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: N }, () => fileRequest(t.db, member, input(k), ORIGIN)),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const refs = new Set(results.map((r) => (r.ok ? r.ref : "")));
    expect(refs.size).toBe(1);
    const rows = await t.db
      .selectFrom("service_request")
      .select("id")
      .where("idempotency_key", "=", k)
      .execute();
    expect(rows).toHaveLength(1);
    const emails = await t.db
      .selectFrom("email")
      .select("id")
      .where("to_address", "=", member.email)
      .where("text_body", "like", `%${[...refs][0]}%`)
      .execute();
    expect(emails).toHaveLength(1);
  });

  it("conflicting staff updates with one version: exactly one wins, the others conflict", async () => {
    const filed = await fileRequest(t.db, member, input(crypto.randomUUID(), "Contended"), ORIGIN);
    if (!filed.ok) throw new Error(filed.error);
    const before = await t.db
      .selectFrom("service_request")
      .select(["version", "priority"])
      .where("ref", "=", filed.ref)
      .executeTakeFirstOrThrow();
    const priorities = ["low", "normal", "high", "urgent"] as const;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        staffChange(
          t.db,
          staff,
          filed.ref,
          {
            version: before.version,
            priority: priorities[(priorities.indexOf(before.priority as never) + 1 + (i % 3)) % 4],
          },
          ORIGIN,
        ),
      ),
    );
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: N - 1 }, () => ({ ok: false, error: "conflict" })),
    );
    const after = await t.db
      .selectFrom("service_request")
      .select(["version", "priority"])
      .where("ref", "=", filed.ref)
      .executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version + 1);
    const events = await t.db
      .selectFrom("service_request_event as e")
      .innerJoin("service_request as r", "r.id", "e.request_id")
      .select("e.kind")
      .where("r.ref", "=", filed.ref)
      .where("e.kind", "=", "priority")
      .execute();
    expect(events).toHaveLength(1);
  });
});
