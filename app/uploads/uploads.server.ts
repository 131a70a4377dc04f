/**
 * The generic upload store (ADR 0010): every area keeps uploaded files in PostgreSQL
 * (`stored_file`, bytea) under a generated id, so any app process can serve them and a backup
 * of the database is a backup of the files. The type is sniffed from the first bytes, never
 * trusted from the file name or the browser; images also get their width and height.
 * Areas link stored files to their own records (e.g. news_article.cover_file_id).
 */
import crypto from "node:crypto";
import type { Executor } from "#db/executor";
import { isUuid } from "~/lib/ids";

export type SniffedType =
  | "application/pdf"
  | "image/png"
  | "image/jpeg"
  | "image/webp"
  | "image/gif"
  | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
  | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
  | "application/zip";

export const IMAGE_TYPES: readonly string[] = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
];

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** Names inside a ZIP archive (local file headers), enough to tell the Office formats apart. */
function zipEntryNames(bytes: Uint8Array, max = 64): string[] {
  const names: string[] = [];
  let i = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (i + 30 <= bytes.length && names.length < max) {
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04], i)) break;
    const compressed = view.getUint32(i + 18, true);
    const nameLen = view.getUint16(i + 26, true);
    const extraLen = view.getUint16(i + 28, true);
    const flags = view.getUint16(i + 6, true);
    const name = Buffer.from(bytes.subarray(i + 30, i + 30 + nameLen)).toString("utf8");
    names.push(name);
    // With a data descriptor (bit 3) the size is not known here: stop, we have enough.
    if (flags & 0x08) break;
    i += 30 + nameLen + extraLen + compressed;
  }
  return names;
}

/** The content type of the bytes by their magic numbers, or null when unknown. */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n.startsWith("word/")))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (names.some((n) => n.startsWith("xl/")))
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (names.some((n) => n.startsWith("ppt/")))
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return "application/zip";
  }
  return null;
}

/** Width and height of a PNG, JPEG, GIF or WebP image, or null. */
export function imageSize(
  bytes: Uint8Array,
  type: string,
): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (type === "image/png" && bytes.length >= 24)
      return { width: view.getUint32(16), height: view.getUint32(20) };
    if (type === "image/gif" && bytes.length >= 10)
      return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
    if (type === "image/webp" && bytes.length >= 30) {
      const chunk = Buffer.from(bytes.subarray(12, 16)).toString("ascii");
      if (chunk === "VP8X")
        return {
          width: 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16)),
          height: 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16)),
        };
      if (chunk === "VP8 ")
        return {
          width: view.getUint16(26, true) & 0x3fff,
          height: view.getUint16(28, true) & 0x3fff,
        };
      if (chunk === "VP8L") {
        const b = view.getUint32(21, true);
        return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
      }
      return null;
    }
    if (type === "image/jpeg") {
      let i = 2;
      while (i + 9 < bytes.length) {
        if (bytes[i] !== 0xff) return null;
        const marker = bytes[i + 1]!;
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          i += 2;
          continue;
        }
        const len = view.getUint16(i + 2);
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (
          marker >= 0xc0 &&
          marker <= 0xcf &&
          marker !== 0xc4 &&
          marker !== 0xc8 &&
          marker !== 0xcc
        ) {
          return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
        }
        i += 2 + len;
      }
    }
  } catch {
    return null;
  }
  return null;
}

export interface StoreUploadInput {
  bytes: Uint8Array;
  filename: string;
  /** What the browser said; recorded nowhere and trusted for nothing (the bytes decide). */
  declaredType?: string;
  allowedTypes: readonly string[];
  maxBytes: number;
  uploadedBy: string | null;
  /** Which area and record the file belongs to, e.g. "news" + article id (optional). */
  context?: string | null;
  ownerId?: string | null;
}

export interface StoredFileInfo {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

export type StoreUploadResult =
  { ok: true; file: StoredFileInfo } | { ok: false; error: "empty" | "tooLarge" | "type" };

/** A safe display name: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || "file";
}

/** Checks size and sniffed type, then stores the file. Call inside the caller's transaction. */
export async function storeUpload(
  db: Executor,
  input: StoreUploadInput,
): Promise<StoreUploadResult> {
  const { bytes } = input;
  if (bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (bytes.byteLength > input.maxBytes) return { ok: false, error: "tooLarge" };
  const type = sniffContentType(bytes);
  if (!type || !input.allowedTypes.includes(type)) return { ok: false, error: "type" };
  const size = IMAGE_TYPES.includes(type) ? imageSize(bytes, type) : null;
  if (IMAGE_TYPES.includes(type) && !size) return { ok: false, error: "type" };
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const filename = cleanFilename(input.filename);
  const row = await db
    .insertInto("stored_file")
    .values({
      uploaded_by: input.uploadedBy,
      context: input.context ?? null,
      owner_id: input.ownerId ?? null,
      filename,
      content_type: type,
      size_bytes: bytes.byteLength,
      sha256,
      width: size?.width ?? null,
      height: size?.height ?? null,
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    file: {
      id: row.id,
      filename,
      contentType: type,
      sizeBytes: bytes.byteLength,
      sha256,
      width: size?.width ?? null,
      height: size?.height ?? null,
    },
  };
}

export interface StoredFileWithBytes extends StoredFileInfo {
  bytes: Uint8Array<ArrayBuffer>;
  uploadedBy: string | null;
  context: string | null;
  ownerId: string | null;
  createdAt: Date;
}

/** One stored file with its bytes, or undefined (also for a malformed id). */
export async function getStoredFile(
  db: Executor,
  id: string,
): Promise<StoredFileWithBytes | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom("stored_file")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const raw = row.bytes as unknown as Uint8Array;
  return {
    ...infoOf(row),
    bytes: new Uint8Array(raw),
    uploadedBy: row.uploaded_by,
    context: row.context,
    ownerId: row.owner_id,
    createdAt: row.created_at,
  };
}

/** Metadata only (no bytes): for pages that show an image with its width and height. */
export async function getStoredFileInfo(
  db: Executor,
  id: string,
): Promise<StoredFileInfo | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom("stored_file")
    .select(["id", "filename", "content_type", "size_bytes", "sha256", "width", "height"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && infoOf(row);
}

function infoOf(row: {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
}): StoredFileInfo {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
  };
}

/**
 * A Response serving a stored image inline (public images such as news covers): immutable
 * cache (the id never points at other bytes), nosniff, and no active content.
 */
export function inlineImageResponse(file: StoredFileWithBytes): Response {
  return new Response(file.bytes, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${file.sha256}"`,
      ...(file.width && file.height
        ? { "X-Image-Width": String(file.width), "X-Image-Height": String(file.height) }
        : {}),
    },
  });
}
