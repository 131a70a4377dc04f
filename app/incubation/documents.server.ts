/**
 * Application documents on top of the generic upload store (app/uploads, ADR 0010): the bytes
 * live in PostgreSQL under a generated id (type sniffed from the content, never trusted from
 * the name); application_document links them to an application and a document kind.
 */
import type { DB } from "#db/client.server";
import { inTransaction } from "#db/executor";
import { getStoredFile, storeUpload } from "~/uploads/uploads.server";
import { addDocument, type Ctx } from "./incubation.server";

export const MAX_DOCUMENT_BYTES = 10_000_000;
export const DOCUMENT_TYPES = ["application/pdf"];

export type UploadDocumentResult =
  { ok: true; id: string } | { ok: false; field: "file" | "kind"; error: string; status: number };

export async function uploadApplicationDocument(
  db: DB,
  ctx: Ctx,
  companyId: string,
  applicationId: string,
  kind: string,
  file: FormDataEntryValue | null,
): Promise<UploadDocumentResult> {
  if (!kind) return { ok: false, field: "kind", error: "incubation:errors.kind", status: 400 };
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, field: "file", error: "incubation:errors.fileRequired", status: 400 };
  if (file.size > MAX_DOCUMENT_BYTES)
    return { ok: false, field: "file", error: "incubation:errors.fileTooLarge", status: 400 };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return inTransaction(db, async (trx) => {
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
    if (!stored.ok) {
      return {
        ok: false,
        field: "file",
        error:
          stored.error === "tooLarge"
            ? "incubation:errors.fileTooLarge"
            : "incubation:errors.fileType",
        status: 400,
      } as const;
    }
    const doc = await addDocument(trx, ctx, companyId, applicationId, kind, {
      storedFileId: stored.file.id,
      filename: stored.file.filename,
      contentType: stored.file.contentType,
      sizeBytes: stored.file.sizeBytes,
    });
    if (!doc.ok) {
      if (doc.error === "unknownKind")
        return { ok: false, field: "kind", error: "incubation:errors.kind", status: 400 } as const;
      throw new Error(doc.error);
    }
    return { ok: true, id: doc.id } as const;
  });
}

export async function readStoredBytes(db: DB, storedFileId: string) {
  return getStoredFile(db, storedFileId);
}
