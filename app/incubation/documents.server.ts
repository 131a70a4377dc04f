/**
 * Application documents on top of the generic upload store (app/uploads, ADR 0010): the bytes
 * live in PostgreSQL under a generated id (type sniffed from the content, never trusted from
 * the name); application_document links them to an application and a document kind.
 */
import type { DB } from "#db/client.server";
import { inTransaction } from "#db/executor";
import { getStoredFile, storeUpload } from "~/uploads/uploads.server";
import { fail, NotFound, ok, type Result } from "~/lib/result";
import { addDocument, type Ctx } from "./incubation.server";

export const MAX_DOCUMENT_BYTES = 10_000_000;
export const DOCUMENT_TYPES = ["application/pdf"];

/** Why an upload is refused (ADR 0025), and the form field it is shown at. */
export type UploadError = "kind" | "fileRequired" | "fileTooLarge" | "fileType" | "notEditable";
export type UploadDocumentResult = Result<{ id: string }, UploadError, { field: "file" | "kind" }>;

/** A refusal found inside the transaction: thrown to roll back the stored bytes, then answered. */
class Refused extends Error {
  constructor(readonly failure: Extract<UploadDocumentResult, { ok: false }>) {
    super(failure.error);
  }
}

/**
 * Stores one document of an editable application of the company: a refusal names the field;
 * an application that is not the company's is `NotFound` (thrown).
 */
export async function uploadApplicationDocument(
  db: DB,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  kind: string,
  file: FormDataEntryValue | null,
): Promise<UploadDocumentResult> {
  if (!kind) return fail("kind", { field: "kind" });
  if (!file || typeof file === "string" || file.size === 0)
    return fail("fileRequired", { field: "file" });
  if (file.size > MAX_DOCUMENT_BYTES) return fail("fileTooLarge", { field: "file" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return await inTransaction(db, async (trx) => {
      const stored = await storeUpload(trx, {
        bytes,
        filename: file.name,
        declaredType: file.type,
        allowedTypes: DOCUMENT_TYPES,
        maxBytes: MAX_DOCUMENT_BYTES,
        uploadedBy: ctx.userId,
        context: "incubation",
        ownerId: applicationId,
      });
      if (!stored.ok)
        throw new Refused(
          fail(stored.error === "tooLarge" ? "fileTooLarge" : "fileType", { field: "file" }),
        );
      const doc = await addDocument(trx, ctx, companyId, applicationId, kind, {
        storedFileId: stored.file.id,
        filename: stored.file.filename,
        contentType: stored.file.contentType,
        sizeBytes: stored.file.sizeBytes,
      });
      if (doc.ok) return ok({ id: doc.id });
      if (doc.error === "notFound") throw new NotFound();
      throw new Refused(
        doc.error === "unknownKind"
          ? fail("kind", { field: "kind" })
          : fail("notEditable", { field: "file" }),
      );
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}

export async function readStoredBytes(db: DB, storedFileId: string) {
  return getStoredFile(db, storedFileId);
}
