import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  addMembership,
  insertCompany,
  insertUser,
  sessionUserOf,
} from "../../tests/support/factories";
import {
  claimFormFor,
  claimRecord,
  findClaimDocumentForViewer,
  listClaimsForDesk,
  resubmitWithFiles,
  submitClaimWithFiles,
} from "./claim-pages.server";
import { actOnClaim } from "./claims.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const NOW = new Date("2026-12-05T02:00:00Z");
const PDF = new TextEncoder().encode("%PDF-1.4\n% a test document\n");
const pdf = (docKey: string) => ({ docKey, bytes: PDF, filename: "doc.pdf", declaredType: "" });

async function policy() {
  const row = await t.db
    .insertInto("park_policy")
    .values({
      title_en: "Grant",
      title_zh: "资助",
      status: "published",
      benefit_kind: "amount",
      benefit_max_minor: 100_000_00,
      criteria: JSON.stringify([{ kind: "residency", of: "resident" }]),
      documents: JSON.stringify([{ key: "d1", en: "Licence", zh: "执照" }]),
      stages: JSON.stringify(["check", "approve"]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function owner(resident = true) {
  const user = await insertUser(t.db);
  const company = await insertCompany(t.db, { resident });
  await addMembership(t.db, company.id, user.id, "owner");
  return sessionUserOf(user, { company, role: "owner" });
}

const files = async () =>
  Number(
    (
      await t.db
        .selectFrom("stored_file")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("claim pages", () => {
  it("a claim with its files in one transaction: a refused file or claim stores nothing", async () => {
    const pid = await policy();
    const a = await owner();
    const before = await files();
    const bad = await submitClaimWithFiles(
      t.db,
      a,
      pid,
      {
        statement: "",
        uploads: [{ ...pdf("d1"), bytes: new TextEncoder().encode("MZ not a pdf") }],
      },
      NOW,
    );
    expect(bad).toMatchObject({ ok: false, error: "file", docKey: "d1" });
    const outsider = await owner(false);
    expect(
      await submitClaimWithFiles(t.db, outsider, pid, { statement: "", uploads: [pdf("d1")] }, NOW),
    ).toMatchObject({ ok: false, error: "notEligible" });
    expect(await files()).toBe(before);

    const form = await claimFormFor(t.db, a.company!.id, pid, NOW);
    expect(form?.state).toBe("open");
    expect(form?.documents.map((d) => d.key)).toEqual(["d1"]);
    expect((await claimFormFor(t.db, outsider.company!.id, pid, NOW))?.state).toBe("notEligible");

    const made = await submitClaimWithFiles(
      t.db,
      a,
      pid,
      { statement: "Please", requestedYuan: 500, uploads: [pdf("d1")] },
      NOW,
    );
    if (!made.ok) throw new Error(made.error);
    expect(await files()).toBe(before + 1);
    expect((await claimFormFor(t.db, a.company!.id, pid, NOW))?.state).toBe("claimed");

    // Only the claim's company and the policy office read its documents.
    const record = await claimRecord(t.db, made.id, { names: true });
    expect(record.documents).toHaveLength(1);
    const docId = record.documents[0]!.id;
    expect(await findClaimDocumentForViewer(t.db, a, docId)).toBeTruthy();
    expect(await findClaimDocumentForViewer(t.db, outsider, docId)).toBeUndefined();
    const staff = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    expect(await findClaimDocumentForViewer(t.db, staff, docId)).toBeTruthy();
    expect(await findClaimDocumentForViewer(t.db, staff, "nope")).toBeUndefined();

    // More information: the answer's files are stored with it; a bad one rolls it all back.
    await actOnClaim(t.db, staff, made.id, 1, { kind: "request_info", note: "Stamp it" });
    expect(
      await resubmitWithFiles(t.db, a, made.id, 2, {
        statement: "Here",
        uploads: [{ ...pdf("more"), bytes: new Uint8Array([1, 2, 3]) }],
      }),
    ).toMatchObject({ ok: false, error: "file" });
    expect(
      await resubmitWithFiles(t.db, outsider, made.id, 2, { statement: "x", uploads: [] }),
    ).toMatchObject({ ok: false, error: "notFound" });
    expect(
      await resubmitWithFiles(t.db, a, made.id, 2, { statement: "Here", uploads: [pdf("more")] }),
    ).toMatchObject({ ok: true });
    const after = await claimRecord(t.db, made.id, { names: true });
    expect(after.documents.map((d) => d.doc_key)).toEqual(["d1", "more"]);
    expect(after.events.map((e) => [e.kind, e.side])).toEqual([
      ["submitted", "company"],
      ["request_info", "park"],
      ["resubmitted", "company"],
    ]);
    expect((await claimRecord(t.db, made.id, { names: false })).events[1]!.name).toBeNull();
  });

  it("the desk's queue: filters and keyset pages without repeats", async () => {
    const staff = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
    const pid = await policy();
    for (let i = 0; i < 5; i++) {
      const a = await owner();
      const r = await submitClaimWithFiles(
        t.db,
        a,
        pid,
        { statement: "", uploads: [pdf("d1")] },
        NOW,
      );
      expect(r.ok).toBe(true);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listClaimsForDesk(t.db, staff, { policyId: pid, cursor }, 2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(
      (await listClaimsForDesk(t.db, staff, { policyId: pid, status: "approved" })).items,
    ).toHaveLength(0);
    const member = await owner();
    expect((await listClaimsForDesk(t.db, member, {})).items).toHaveLength(0);
  });
});
