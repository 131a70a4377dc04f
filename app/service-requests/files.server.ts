/**
 * Files on service requests, on top of the generic upload store (app/uploads, ADR 0010): the
 * bytes live in stored_file under a generated id, the type is sniffed from the content;
 * service_request_file links them to a request (and a message or a field).
 */
import type { Executor } from "#db/executor";
import type { SessionUser } from "~/auth/session.server";
import { readUploadForm } from "~/lib/form.server";
import { getStoredFile, storeUpload } from "~/uploads/uploads.server";
import { FileRejected, type FileRef, type FileStore } from "./service-requests.server";

export const MAX_FILE_BYTES = 10_000_000;
export const MAX_FILES = 5;
export const MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 200_000;
export const FILE_TYPES = ["application/pdf", "image/png", "image/jpeg"];

/** Why a form was refused before validation (an i18n key, shown at the file input). */
export type RefusedForm = "services:errors.file" | "services:errors.tooManyFiles";

export interface Upload {
  bytes: Uint8Array;
  filename: string;
  declaredType: string;
  fieldKey?: string | null;
}

/**
 * Reads a form that may be multipart (app/lib/form.server.ts): a file over the per-file limit,
 * or too many files, is refused with the text kept; other limits are a 400/413 page.
 */
export async function readRequestForm(
  request: Request,
): Promise<{ form: FormData; uploads: Upload[] } | { refused: RefusedForm }> {
  const read = await readUploadForm(request, {
    maxFileBytes: MAX_FILE_BYTES,
    // Attachments plus one file per file field of the type (checked precisely below).
    maxFiles: MAX_FILES + 20,
  });
  if (read.refused)
    return {
      refused:
        read.refused.reason === "tooMany" ? "services:errors.tooManyFiles" : "services:errors.file",
    };
  const { form } = read;
  const uploads: Upload[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" || value.size === 0) continue;
    const fieldKey = name === "files" ? null : name.startsWith("f_") ? name.slice(2) : undefined;
    if (fieldKey === undefined) continue;
    uploads.push({
      bytes: new Uint8Array(await value.arrayBuffer()),
      filename: value.name || "file",
      declaredType: value.type,
      fieldKey,
    });
  }
  // Attachments are limited; each file field of the request type holds one file. Refusing more
  // (rather than dropping some) tells the sender, who keeps their text.
  const fieldKeys = new Set(uploads.map((u) => u.fieldKey).filter((k) => k !== null));
  const attachments = uploads.filter((u) => u.fieldKey === null).length;
  if (attachments > MAX_FILES || uploads.length - attachments > fieldKeys.size)
    return { refused: "services:errors.tooManyFiles" };
  return { form, uploads };
}

/** A form posted on one request's page, read by `readRequestForm`, with who posted it. */
export interface RequestPost {
  user: SessionUser;
  ref: string;
  form: FormData;
  uploads: Upload[];
  origin: string;
}

/** A FileStore for a change: nothing when there are no uploads. */
export function storeFor(uploads: readonly Upload[], userId: string): FileStore | undefined {
  return uploads.length ? (trx) => storeUploads(trx, uploads, userId) : undefined;
}

/** Stores uploads in the caller's transaction; throws FileRejected for a refused file. */
export async function storeUploads(
  trx: Executor,
  uploads: readonly Upload[],
  userId: string,
): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const u of uploads) {
    const stored = await storeUpload(trx, {
      bytes: u.bytes,
      filename: u.filename,
      declaredType: u.declaredType,
      allowedTypes: FILE_TYPES,
      maxBytes: MAX_FILE_BYTES,
      uploadedBy: userId,
      context: "service_request",
    });
    if (!stored.ok) throw new FileRejected(u.fieldKey ?? null);
    refs.push({
      storedFileId: stored.file.id,
      fileName: stored.file.filename,
      contentType: stored.file.contentType,
      sizeBytes: stored.file.sizeBytes,
      fieldKey: u.fieldKey ?? null,
    });
  }
  return refs;
}

/** The response for a download: always an attachment, never rendered, never cached. */
export async function fileResponse(
  db: Executor,
  storedFileId: string,
  fileName: string,
  contentType: string,
): Promise<Response | undefined> {
  const file = await getStoredFile(db, storedFileId);
  if (!file) return undefined;
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.bytes, {
    status: 200,
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
