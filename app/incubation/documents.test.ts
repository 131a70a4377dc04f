import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPdf } from "#db/seed/demo-incubation.server";
import { getStoredFile } from "~/uploads/uploads.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { MAX_DOCUMENT_BYTES, uploadApplicationDocument } from "./documents.server";
import {
  getDocumentForUser,
  removeDocument,
  startApplication,
  type Ctx,
} from "./incubation.server";

let t: TestDatabase;
let owner: string, companyId: string, applicationId: string;
const ctx = (): Ctx => ({ userId: owner, origin: "http://portal.test" });
const file = (bytes: Uint8Array | Buffer, name: string, type = "application/pdf") =>
  new File([new Uint8Array(bytes)], name, { type });

beforeAll(async () => {
  t = await createTestDatabase();
  owner = (
    await t.db
      .insertInto("app_user")
      .values({ email: "o@test.example", name: "O", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  companyId = (
    await t.db
      .insertInto("company")
      .values({ name_en: "C", name_zh: "C", industry: "ai", size: "1-9" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  await t.db
    .insertInto("company_member")
    .values({ company_id: companyId, user_id: owner, role: "owner" })
    .execute();
  const programme = await t.db
    .insertInto("incubation_programme")
    .values({ slug: "p-docs", name_en: "P", name_zh: "P" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const call = await t.db
    .insertInto("incubation_call")
    .values({
      programme_id: programme.id,
      slug: "c-docs",
      title_en: "C",
      title_zh: "C",
      opens_at: new Date(Date.now() - 86400_000),
      closes_at: new Date(Date.now() + 86400_000),
      places: 1,
      documents: JSON.stringify([
        { key: "business_plan", labelEn: "Plan", labelZh: "计划", required: true },
      ]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const started = await startApplication(t.db, ctx(), { id: companyId }, call.id);
  if (!started.ok) throw new Error(started.error);
  applicationId = started.id;
});
afterAll(() => t.close());

describe("document uploads", () => {
  it("refuses an HTML file renamed .pdf (the content decides, not the name or declared type)", async () => {
    const html = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");
    const res = await uploadApplicationDocument(
      t.db,
      ctx(),
      companyId,
      applicationId,
      "business_plan",
      file(html, "plan.pdf"),
    );
    expect(res).toEqual({
      ok: false,
      field: "file",
      error: "fileType",
    });
    expect(
      await t.db
        .selectFrom("application_document")
        .select("id")
        .where("application_id", "=", applicationId)
        .execute(),
    ).toEqual([]);
  });

  it("refuses an oversized file with a clear message, storing nothing", async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(Buffer.from("%PDF-1.4\n"));
    const res = await uploadApplicationDocument(
      t.db,
      ctx(),
      companyId,
      applicationId,
      "business_plan",
      file(big, "big.pdf"),
    );
    expect(res).toEqual({
      ok: false,
      field: "file",
      error: "fileTooLarge",
    });
    const stored = await t.db
      .selectFrom("stored_file")
      .select("id")
      .where("owner_id", "=", applicationId)
      .execute();
    expect(stored).toEqual([]);
  });

  it("stores a path in the file name as a plain name, and the bytes under a generated id", async () => {
    const pdf = demoPdf("Plan");
    const res = await uploadApplicationDocument(
      t.db,
      ctx(),
      companyId,
      applicationId,
      "business_plan",
      file(pdf, "../../etc/passwd/..\\plan.pdf", "text/html"),
    );
    expect(res.ok).toBe(true);
    const doc = await t.db
      .selectFrom("application_document")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(doc.filename).toBe("plan.pdf");
    expect(doc.content_type).toBe("application/pdf");
    expect(doc.stored_file_id).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await getStoredFile(t.db, doc.stored_file_id);
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(pdf))).toBe(true);
  });

  it("refuses an unknown document kind and a missing file", async () => {
    expect(
      (
        await uploadApplicationDocument(
          t.db,
          ctx(),
          companyId,
          applicationId,
          "passport",
          file(demoPdf("x"), "x.pdf"),
        )
      ).ok,
    ).toBe(false);
    expect(
      await uploadApplicationDocument(t.db, ctx(), companyId, applicationId, "business_plan", null),
    ).toMatchObject({ ok: false, error: "fileRequired" });
  });

  it("serves a document only to its company, staff and assigned reviewers; removal deletes the bytes", async () => {
    const doc = await t.db
      .selectFrom("application_document")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(
      await getDocumentForUser(
        t.db,
        { id: crypto.randomUUID(), roles: [], company: { id: crypto.randomUUID() } },
        applicationId,
        doc.id,
      ),
    ).toBeUndefined();
    expect(
      await getDocumentForUser(
        t.db,
        { id: crypto.randomUUID(), roles: ["reviewer"], company: null },
        applicationId,
        doc.id,
      ),
    ).toBeUndefined();
    expect(
      await getDocumentForUser(
        t.db,
        { id: owner, roles: [], company: { id: companyId } },
        applicationId,
        doc.id,
      ),
    ).toBeDefined();
    expect(await removeDocument(t.db, crypto.randomUUID(), applicationId, doc.id)).toBe(false);
    expect(await removeDocument(t.db, companyId, applicationId, doc.id)).toBe(true);
    expect(await getStoredFile(t.db, doc.stored_file_id)).toBeUndefined();
  });
});
