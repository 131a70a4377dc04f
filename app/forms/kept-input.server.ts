/**
 * Input kept across a sign-in (ADR 0018): one mechanism for every form that needs a session.
 *
 * When a form is posted without a valid session, the guard (`requireSession`) answers 307 to
 * `/keep?to=<the form's path>`, so the browser posts the same body there. That route reads the
 * text fields (bounded here; files cannot be kept) and stores them in `kept_input` under the
 * SHA-256 of a random key held in an HttpOnly cookie, for two hours. After signing in, the
 * person lands on `/resume`, sees what was kept and posts it, with the original field names,
 * back to the original action (a 307 from `/resume`, which takes the row: single use).
 *
 * Anonymous writes are bounded: per client address (a window in `attempt_counter`), per
 * browser (the newest few), and globally (rows and bytes); expired rows are deleted on write.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { Executor } from "#db/executor";
import { hitWindowLimit, type WindowPolicy } from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { clearCookie, KEPT_TTL_SECONDS, keptCookie } from "~/lib/cookies.server";
import { isUuid } from "~/lib/ids";

export const ENCTYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;
export type Enctype = (typeof ENCTYPES)[number];
/** One posted text field, in the order the form sent it (a name may repeat). */
export type KeptField = [name: string, value: string];

export interface KeepLimits {
  /** Fields kept from one form; further ones are counted as dropped. */
  maxFields: number;
  maxNameChars: number;
  /** Longer than any form's own limit (news bodies take 100,000 characters). */
  maxValueChars: number;
  /** All names and values together, in UTF-8 bytes; also the most of a body that is read. */
  maxBytes: number;
  /** File names listed back to the person ("not kept: attach again"). */
  maxFileNames: number;
}
export const KEEP_LIMITS: KeepLimits = {
  maxFields: 60,
  maxNameChars: 100,
  maxValueChars: 100_000,
  maxBytes: 1_000_000,
  maxFileNames: 20,
};

export interface KeepPolicy {
  ttlMs: number;
  /** Kept forms per browser (the oldest go first). */
  perBrowser: number;
  /** Kept forms per client address in a window. */
  perClient: WindowPolicy;
  /** Live rows and their bytes across everyone: past either, nothing more is kept. */
  maxLive: number;
  maxLiveBytes: number;
}
export const KEEP_POLICY: KeepPolicy = {
  ttlMs: KEPT_TTL_SECONDS * 1000,
  perBrowser: 5,
  perClient: { limit: 20, windowSeconds: 60 * 60 },
  maxLive: 2_000,
  maxLiveBytes: 64_000_000,
};

/** Fields a form carries for the app, not typed by the person (kept, but not shown). */
export const TECHNICAL_FIELDS: ReadonlySet<string> = new Set([
  "intent",
  "version",
  "idempotencyKey",
  "redirectTo",
  "__intent__",
]);

export interface PostedForm {
  enctype: Enctype;
  fields: KeptField[];
  /** Names of the files chosen (their bytes are never kept). */
  droppedFiles: string[];
  /** Fields over a limit (count, name or value length, total size), not kept. */
  droppedFields: number;
}

// ---------------------------------------------------------------- reading a posted form, bounded

export function enctypeOf(request: Request): Enctype | null {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return ENCTYPES[0];
  if (/^multipart\/form-data\s*;.*\bboundary=/.test(type)) return ENCTYPES[1];
  return null;
}

/** Whether a request carries a web form body worth reading (a guard decides on this alone). */
export function hasFormBody(request: Request): boolean {
  if (!request.body || !enctypeOf(request)) return false;
  return request.headers.get("Content-Length") !== "0";
}

/** Text without NUL (PostgreSQL cannot hold it) and without lone surrogates. */
function clean(value: string): string {
  return value
    .replaceAll("\u0000", "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

class Collector {
  fields: KeptField[] = [];
  droppedFiles: string[] = [];
  droppedFields = 0;
  private bytes = 0;
  constructor(private limits: KeepLimits) {}

  add(name: string, value: string): void {
    const size = Buffer.byteLength(name) + Buffer.byteLength(value);
    if (
      this.fields.length >= this.limits.maxFields ||
      name.length === 0 ||
      name.length > this.limits.maxNameChars ||
      value.length > this.limits.maxValueChars ||
      this.bytes + size > this.limits.maxBytes
    ) {
      this.droppedFields++;
      return;
    }
    this.bytes += size;
    this.fields.push([clean(name), clean(value)]);
  }

  file(filename: string): void {
    if (filename && this.droppedFiles.length < this.limits.maxFileNames)
      this.droppedFiles.push(clean(filename).slice(0, 200));
  }
}

/** Reads at most `max` bytes of a stream; undefined when it holds more (the rest is drained). */
async function readAtMost(
  stream: AsyncIterable<Uint8Array>,
  max: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total <= max) chunks.push(chunk);
  }
  return total > max ? undefined : Buffer.concat(chunks);
}

/** A request body as an async iterable of chunks; stops reading once `max` bytes have come. */
async function* bodyChunks(body: ReadableStream<Uint8Array>, max: number) {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      yield value;
      if (total > max) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * The text fields of a posted web form, bounded by `limits`; files are named, never kept.
 * Null when the body is not a web form, is malformed or is larger than can be kept.
 */
export async function readPostedForm(
  request: Request,
  limits: KeepLimits = KEEP_LIMITS,
): Promise<PostedForm | null> {
  const enctype = enctypeOf(request);
  if (!enctype || !request.body || request.bodyUsed) return null;
  const collector = new Collector(limits);
  try {
    if (enctype === "application/x-www-form-urlencoded") {
      // Percent-encoding takes up to 9 bytes for a character of 3: allow for it.
      const max = limits.maxBytes * 3;
      const bytes = await readAtMost(bodyChunks(request.body, max), max);
      if (!bytes) return null;
      for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes)))
        collector.add(name, value);
    } else {
      const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
        // A file part has a type (a browser sends none for text), its name may be empty.
        if (filename !== undefined || contentType) {
          for await (const chunk of data) void chunk; // a file's bytes are read and dropped
          collector.file(filename ?? "");
          return undefined;
        }
        const bytes = await readAtMost(data, limits.maxValueChars * 4);
        if (bytes) collector.add(name, new TextDecoder().decode(bytes));
        else collector.droppedFields++;
        return undefined;
      };
      await unstable_parseMultipartFormData(request, handler);
    }
  } catch {
    // A malformed body (never from a browser's form): nothing to keep.
    return null;
  }
  return {
    enctype,
    fields: collector.fields,
    droppedFiles: collector.droppedFiles,
    droppedFields: collector.droppedFields,
  };
}

/** Whether the person typed or chose anything (not only the app's own hidden fields). */
export function hasTypedInput(fields: readonly KeptField[]): boolean {
  return fields.some(([name, value]) => !TECHNICAL_FIELDS.has(name) && value.trim() !== "");
}

/**
 * A path on this site that a kept form may be posted back to: a plain absolute path (no
 * scheme, host, backslash or control character), and not one of the sign-in pages.
 */
export function isKeepableTarget(target: string): boolean {
  if (target.length > 2000 || !target.startsWith("/") || target.startsWith("//")) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return false;
  let url: URL;
  try {
    url = new URL(target, "http://portal.invalid");
  } catch {
    return false;
  }
  if (url.origin !== "http://portal.invalid") return false;
  return !/^\/(keep|resume|login|logout|signup)(\/|$)/.test(url.pathname);
}

/**
 * The URL the kept form is posted back to. Remix strips `?index` before an action sees its
 * URL, so it is added back: a POST with `?index` reaches an index route's action, and any other
 * route ignores it (no layout route with an index child has an action: a test checks this).
 */
export function postBackUrl(target: string): string {
  const query = target.includes("?") ? target.slice(target.indexOf("?") + 1) : null;
  if (query !== null && new URLSearchParams(query).getAll("index").includes("")) return target;
  return `${target}${query === null ? "?" : "&"}index`;
}

// ---------------------------------------------------------------- the browser's cookie

const KEY_PATTERN = /^[a-z2-7]{32}$/;

/** The browser's key from its cookie, or null. */
export async function readKeptKey(request: Request): Promise<string | null> {
  const value: unknown = await keptCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && KEY_PATTERN.test(value) ? value : null;
}

export function keptKeyCookie(key: string): Promise<string> {
  return keptCookie().serialize(key);
}

export function clearKeptKeyCookie(): Promise<string> {
  return clearCookie(keptCookie());
}

// ---------------------------------------------------------------- the store

export type KeepResult =
  { ok: true; key: string } | { ok: false; error: "nothing" | "target" | "throttled" | "full" };

/** Deletes expired rows, a bounded batch at a time (on every write; readers skip them). */
export async function deleteExpiredKept(db: Executor, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom("kept_input")
    .where(
      "id",
      "in",
      db.selectFrom("kept_input").select("id").where("expires_at", "<=", now).limit(500),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The per-client counters of keeping whose window has passed (one row per address seen). */
async function deleteStaleCounters(db: Executor, window: WindowPolicy, now: Date) {
  const before = new Date(now.getTime() - window.windowSeconds * 1000);
  await db
    .deleteFrom("attempt_counter")
    .where(
      "key",
      "in",
      db
        .selectFrom("attempt_counter")
        .select("key")
        .where("key", "like", "kept:%")
        .where("window_started_at", "<", before)
        .limit(500),
    )
    .execute();
}

/**
 * Keeps a posted form for the browser whose cookie held `previousKey` (null for none).
 * Returns the browser's new key (a new one every time; earlier kept forms move to it, so a
 * key someone else planted stops working). Refuses when nothing was typed, the target is not
 * a page of this site, the client address has kept too many, or the store is full.
 */
export async function keepInput(
  db: DB,
  input: {
    previousKey: string | null;
    clientKey: string;
    target: string;
    form: PostedForm;
  },
  now = new Date(),
  policy: KeepPolicy = KEEP_POLICY,
): Promise<KeepResult> {
  const { form } = input;
  if (!hasTypedInput(form.fields)) return { ok: false, error: "nothing" };
  if (!isKeepableTarget(input.target)) return { ok: false, error: "target" };
  if (!(await hitWindowLimit(db, `kept:${input.clientKey}`, policy.perClient, now)))
    return { ok: false, error: "throttled" };
  const size = form.fields.reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );
  return db.transaction().execute(async (trx) => {
    await deleteExpiredKept(trx, now);
    await deleteStaleCounters(trx, policy.perClient, now);
    const live = await trx
      .selectFrom("kept_input")
      .select([
        sql<number>`count(*)::int`.as("rows"),
        sql<number>`coalesce(sum(size_bytes), 0)::int`.as("bytes"),
      ])
      .where("expires_at", ">", now)
      .executeTakeFirstOrThrow();
    if (live.rows >= policy.maxLive || live.bytes + size > policy.maxLiveBytes)
      return { ok: false as const, error: "full" as const };
    const key = generateToken();
    const keyHash = hashToken(key);
    if (input.previousKey && KEY_PATTERN.test(input.previousKey))
      await trx
        .updateTable("kept_input")
        .set({ key_hash: keyHash })
        .where("key_hash", "=", hashToken(input.previousKey))
        .where("expires_at", ">", now)
        .execute();
    await trx
      .insertInto("kept_input")
      .values({
        key_hash: keyHash,
        target: input.target,
        enctype: form.enctype,
        fields: JSON.stringify(form.fields),
        dropped_files: JSON.stringify(form.droppedFiles),
        dropped_fields: form.droppedFields,
        size_bytes: size,
        created_at: now,
        expires_at: new Date(now.getTime() + policy.ttlMs),
      })
      .execute();
    // The newest few per browser.
    await trx
      .deleteFrom("kept_input")
      .where("key_hash", "=", keyHash)
      .where(
        "id",
        "not in",
        trx
          .selectFrom("kept_input")
          .select("id")
          .where("key_hash", "=", keyHash)
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(policy.perBrowser),
      )
      .execute();
    return { ok: true as const, key };
  });
}

export interface KeptForm {
  id: string;
  target: string;
  /** Where the kept form is posted back to (`target` with `?index`). */
  postTo: string;
  enctype: Enctype;
  fields: KeptField[];
  droppedFiles: string[];
  droppedFields: number;
  createdAt: string;
  expiresAt: string;
}

function asFields(value: unknown): KeptField[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (f): f is KeptField =>
      Array.isArray(f) && f.length === 2 && typeof f[0] === "string" && typeof f[1] === "string",
  );
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function parseJson(value: unknown): unknown {
  return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

type Row = {
  id: string;
  target: string;
  enctype: string;
  fields: unknown;
  dropped_files: unknown;
  dropped_fields: number;
  created_at: Date | string;
  expires_at: Date | string;
};

function toKept(row: Row): KeptForm {
  return {
    id: row.id,
    target: row.target,
    postTo: postBackUrl(row.target),
    enctype: row.enctype === ENCTYPES[1] ? ENCTYPES[1] : ENCTYPES[0],
    fields: asFields(parseJson(row.fields)),
    droppedFiles: asStrings(parseJson(row.dropped_files)),
    droppedFields: row.dropped_fields,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

const COLUMNS = [
  "id",
  "target",
  "enctype",
  "fields",
  "dropped_files",
  "dropped_fields",
  "created_at",
  "expires_at",
] as const;

/**
 * The forms kept for this browser's key, newest first. Only for a signed-in user: the caller
 * passes the user it has checked (the key alone is not enough), and this reads, never writes.
 */
export async function listKept(
  db: Executor,
  key: string | null,
  signedIn: { id: string } | null,
  now = new Date(),
): Promise<KeptForm[]> {
  if (!key || !KEY_PATTERN.test(key) || !signedIn) return [];
  const rows = await db
    .selectFrom("kept_input")
    .select(COLUMNS)
    .where("key_hash", "=", hashToken(key))
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(toKept);
}

/**
 * Takes one kept form (deletes it and returns it): single use. Undefined when the key does
 * not hold it, it has expired or it was taken already, or no user is signed in.
 */
export async function takeKept(
  db: Executor,
  key: string | null,
  signedIn: { id: string } | null,
  id: string,
  now = new Date(),
): Promise<KeptForm | undefined> {
  if (!key || !KEY_PATTERN.test(key) || !signedIn || !isUuid(id)) return undefined;
  const row = await db
    .deleteFrom("kept_input")
    .where("id", "=", id)
    .where("key_hash", "=", hashToken(key))
    .where("expires_at", ">", now)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toKept(row) : undefined;
}
