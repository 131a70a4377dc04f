import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPdf } from "#db/seed/demo-incubation.server";
import { getStoredFile } from "~/uploads/uploads.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCall, insertCompany, insertUser } from "../../tests/support/factories";
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
  owner = (await insertUser(t.db)).id;
  companyId = (await insertCompany(t.db, { owner })).id;
  const callId = await insertCall(t.db, {
    closesInDays: 1,
    places: 1,
    documents: [{ key: "business_plan", labelEn: "Plan", labelZh: "计划", required: true }],
  });
  const started = await startApplication(t.db, ctx(), { id: companyId }, callId);
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
