/**
 * Bounded reading of posted forms, for every action (ADR 0023).
 *
 * `readForm` reads an urlencoded or multipart body with limits (body size, number of fields,
 * length of names and values, array indices and nesting depth in names, files) and refuses a
 * body over a limit with a fast 400/413 (the route's error boundary shows a short page in the
 * person's language). `readUploadForm` does the same for forms with files and reports a file
 * that is too large (or too many files) instead, so the action can answer with a field error and
 * keep the rest of the form. `parseForm` replaces Conform's `parseWithZod`: it gives the schema
 * only the fields it knows (plus the envelope fields), refuses control characters in any value,
 * and so its `reply()` never echoes an unknown field.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import * as z from "zod";
import type * as core from "zod/v4/core";
import { CONTROL_CHARS_ERROR, hasForbiddenChars } from "./text";

export const FORM_LIMITS = {
  /** Fields in one urlencoded body. */
  maxFields: 1000,
  /** Parts in one multipart body (forms with files are short; parsing a part costs more). */
  maxParts: 200,
  /** Characters in one field name. */
  maxNameLength: 120,
  /** Bytes of one text value (UTF-8). Longest legit text: 10,000 CJK characters + margin. */
  maxValueBytes: 64 * 1024,
  /** Bytes of an urlencoded body, or of the text parts of a multipart body. */
  maxTextBytes: 1024 * 1024,
  /** Largest array index in a field name (`rows[12].label`). */
  maxIndex: 200,
  /** Segments in a field name (`a.b[0].c` has 4). */
  maxDepth: 5,
} as const;

export type FormLimits = { -readonly [K in keyof typeof FORM_LIMITS]: number };

/**
 * Fields that every action may read from the bounded FormData although no schema lists them:
 * what the form is for, its idempotency key, where to go next, the honeypot (website_url, see
 * app/components/honeypot.tsx), the version a person saw and which of several forms on a page
 * was posted. They are kept in a submission's payload too.
 */
export const ENVELOPE_FIELDS: readonly string[] = [
  "intent",
  "idempotencyKey",
  "redirectTo",
  "website_url",
  "version",
  "formKey",
];
const ENVELOPE = new Set(ENVELOPE_FIELDS);

/** Why a body was refused: the status and a short reason (logged, never shown as is). */
export class FormRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The response that refuses a body: the route's error boundary renders the status' page. */
export function refusal(error: FormRefused): Response {
  return new Response(error.reason, {
    status: error.status,
    statusText: error.status === 413 ? "Payload Too Large" : "Bad Request",
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
  });
}

/** A field name's path as Conform reads it (`a.b[0]` -> a, b, 0), or null when it is no path. */
export function namePath(name: string): (string | number)[] | null {
  const path: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let expectKey = true;
  while (re.lastIndex < name.length && (m = re.exec(name))) {
    if (m[1] !== undefined) {
      if (!expectKey) return null;
      path.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (expectKey && path.length) return null;
      path.push(Number(m[2]));
      expectKey = false;
    } else {
      if (expectKey) return null;
      expectKey = true;
    }
  }
  if (re.lastIndex !== name.length || expectKey || !path.length) return null;
  return path;
}

/** Refuses a name over the limits: too long, too deep, an index too large. */
function checkName(name: string, limits: FormLimits): void {
  if (name.length > limits.maxNameLength) throw new FormRefused(400, "field name too long");
  // Count segments and indices on the raw name (a malformed name is merely unknown later).
  const segments = name.split(/[.[]/).length;
  if (segments > limits.maxDepth) throw new FormRefused(400, "field name too deep");
  for (const m of name.matchAll(/\[([^\]]*)\]/g)) {
    const index = m[1]!;
    if (!/^\d{1,6}$/.test(index) || Number(index) > limits.maxIndex)
      throw new FormRefused(400, "array index out of range");
  }
}

function checkValue(value: string, limits: FormLimits): number {
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > limits.maxValueBytes) throw new FormRefused(413, "field value too long");
  return bytes;
}

/** Reads a body stream up to `max` bytes; more is refused with 413 (the rest is not read). */
async function readBytes(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (declared > max) throw new FormRefused(413, "body too large");
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new FormRefused(413, "body too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function limitsOf(options: ReadOptions): FormLimits {
  return { ...FORM_LIMITS, ...options.limits };
}

export interface ReadOptions {
  /** Raise (or lower) a limit for one form, e.g. the long body of a news article. */
  limits?: Partial<FormLimits>;
}

export interface UploadOptions extends ReadOptions {
  /** Bytes of one file. */
  maxFileBytes: number;
  /** Files in one form. */
  maxFiles: number;
}

/** A file the person chose that could not be taken: the form keeps the rest. */
export interface FileRefusal {
  field: string;
  reason: "tooLarge" | "tooMany";
}

async function readUrlEncoded(request: Request, limits: FormLimits): Promise<FormData> {
  const bytes = await readBytes(request, limits.maxTextBytes);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  let fields = 0;
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 38 /* & */) fields++;
  if (fields + 1 > limits.maxFields) {
    // Empty pairs (a&&b) do not count; only then count exactly.
    const real = body.split("&").filter(Boolean).length;
    if (real > limits.maxFields) throw new FormRefused(413, "too many fields");
  }
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(body)) {
    checkName(name, limits);
    checkValue(value, limits);
    form.append(name, value);
  }
  return form;
}

/** Thrown inside the parser to stop reading after a refused file (the rest is never read). */
class StopReading extends Error {}

async function readMultipart(
  request: Request,
  limits: FormLimits,
  files: UploadOptions | null,
): Promise<{ form: FormData; refused: FileRefusal | null }> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  const fileBytes = files ? files.maxFiles * files.maxFileBytes : 0;
  if (declared > limits.maxTextBytes + fileBytes + 64 * 1024)
    throw new FormRefused(413, "body too large");
  let parts = 0;
  let textBytes = 0;
  let fileCount = 0;
  let refused: FileRefusal | null = null;
  // Values are collected here (the parser's own FormData stays empty), so that the fields read
  // before a refused file are kept when reading stops there.
  const collected = new FormData();
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (++parts > limits.maxParts) throw new FormRefused(413, "too many fields");
    checkName(name, limits);
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (filename === undefined) {
      for await (const chunk of data) {
        size += chunk.byteLength;
        textBytes += chunk.byteLength;
        if (size > limits.maxValueBytes) throw new FormRefused(413, "field value too long");
        if (textBytes > limits.maxTextBytes) throw new FormRefused(413, "body too large");
        chunks.push(chunk);
      }
      collected.append(name, Buffer.concat(chunks).toString("utf8"));
      return undefined;
    }
    if (!files) {
      // A file sent to a form without file inputs: read against the text budget, dropped.
      for await (const chunk of data) {
        textBytes += chunk.byteLength;
        if (textBytes > limits.maxTextBytes) throw new FormRefused(413, "body too large");
      }
      return undefined;
    }
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > files.maxFileBytes) {
        // Refused at once, without reading the rest of the body (the person keeps what was
        // read before: browsers send the fields in page order, file inputs come last).
        refused = { field: name, reason: "tooLarge" };
        throw new StopReading();
      }
      chunks.push(chunk);
    }
    // A file input left empty sends a part with an empty file name and no bytes.
    if (size === 0 && !filename) return undefined;
    if (++fileCount > files.maxFiles) {
      refused = { field: name, reason: "tooMany" };
      throw new StopReading();
    }
    collected.append(
      name,
      new File([Buffer.concat(chunks)], filename || "file", { type: contentType }),
    );
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
    return { form: collected, refused: null };
  } catch (error) {
    if (error instanceof FormRefused) throw error;
    if (error instanceof StopReading) return { form: collected, refused };
    // A malformed multipart body (a hand-made request, never a browser) is a client error.
    throw new FormRefused(400, "malformed multipart body");
  }
}

function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
}

/**
 * The posted form, bounded. Over a limit the action stops with a 400/413 page (a thrown
 * Response). A file sent to a form without file inputs is dropped.
 */
export async function readForm(request: Request, options: ReadOptions = {}): Promise<FormData> {
  const limits = limitsOf(options);
  try {
    if (isMultipart(request)) return (await readMultipart(request, limits, null)).form;
    return await readUrlEncoded(request, limits);
  } catch (error) {
    if (error instanceof FormRefused) throw refusal(error);
    throw error;
  }
}

/**
 * A form that may carry files (multipart or urlencoded). A file over `maxFileBytes`, or more
 * than `maxFiles` files, is reported in `refused` (the action answers with a field error and
 * the text it kept); other limits are refused as in `readForm`.
 */
export async function readUploadForm(
  request: Request,
  options: UploadOptions,
): Promise<{ form: FormData; refused: FileRefusal | null }> {
  const limits = limitsOf(options);
  try {
    if (isMultipart(request)) return await readMultipart(request, limits, options);
    return { form: await readUrlEncoded(request, limits), refused: null };
  } catch (error) {
    if (error instanceof FormRefused) throw refusal(error);
    throw error;
  }
}

// ------------------------------------------------------------------ schema-aware submission

type Path = readonly (string | number)[];

/** Whether a schema has a place for a value at this path (wrappers, unions, pipes followed). */
export function schemaAccepts(schema: core.$ZodType, path: Path): boolean {
  if (!path.length) return true;
  const def = schema._zod.def;
  const [head, ...rest] = path;
  switch (def.type) {
    case "object": {
      const shape = (def as core.$ZodObjectDef).shape;
      return (
        typeof head === "string" &&
        Object.prototype.hasOwnProperty.call(shape, head) &&
        schemaAccepts(shape[head]!, rest)
      );
    }
    case "array":
      return typeof head === "number" && schemaAccepts((def as core.$ZodArrayDef).element, rest);
    case "record":
      return schemaAccepts((def as core.$ZodRecordDef).valueType, rest);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return schemaAccepts((def as core.$ZodOptionalDef).innerType, path);
    case "pipe": {
      const pipe = def as core.$ZodPipeDef;
      return schemaAccepts(pipe.in, path) || schemaAccepts(pipe.out, path);
    }
    case "union":
      return (def as core.$ZodUnionDef).options.some((o) => schemaAccepts(o, path));
    case "intersection": {
      const both = def as core.$ZodIntersectionDef;
      return schemaAccepts(both.left, path) || schemaAccepts(both.right, path);
    }
    case "lazy":
      return schemaAccepts((def as core.$ZodLazyDef).getter(), path);
    case "any":
    case "unknown":
      return true;
    default:
      return false;
  }
}

/** Whether the schema knows a field name (`intent`, `rows[2].label`, a repeated `tagIds`). */
export function isKnownField(schema: core.$ZodType, name: string): boolean {
  const path = namePath(name);
  return !!path && schemaAccepts(schema, path);
}

export interface ParseOptions<Schema extends core.$ZodType> {
  schema: Schema;
  /** Names kept besides the schema's own (dynamic fields such as a service type's `f_<key>`). */
  keep?: (name: string) => boolean;
}

/**
 * Conform's submission for the fields the schema knows (plus envelope fields and `keep`), with
 * control characters (other than tab and line breaks) refused as field errors in any value.
 * Its `reply()` therefore echoes only known fields, each bounded by `readForm`.
 */
export function parseForm<Schema extends core.$ZodType>(
  formData: FormData,
  options: ParseOptions<Schema>,
) {
  const known = new FormData();
  const controlErrors: Record<string, string[]> = {};
  for (const [name, value] of formData) {
    if (!ENVELOPE.has(name) && !options.keep?.(name) && !isKnownField(options.schema, name))
      continue;
    known.append(name, value);
    if (typeof value === "string" && hasForbiddenChars(value, true))
      controlErrors[name] = [CONTROL_CHARS_ERROR];
  }
  const submission = parseWithZod(known, { schema: options.schema });
  if (!Object.keys(controlErrors).length) return submission;
  // The same payload, failed with the schema's errors and the control-character ones.
  const errors: Record<string, string[]> = {};
  if (submission.status === "error")
    for (const [name, messages] of Object.entries(submission.error ?? {}))
      if (Array.isArray(messages)) errors[name] = messages.map(String);
  Object.assign(errors, controlErrors);
  const failed = parseWithZod(known, {
    schema: z.any().superRefine((_, ctx) => {
      for (const [name, messages] of Object.entries(errors))
        for (const message of messages)
          ctx.addIssue({ code: "custom", path: namePath(name) ?? [name], message });
    }),
  });
  return failed as unknown as typeof submission;
}

/**
 * The string values of the fields a schema knows (the first of each name): for actions that
 * validate with `safeParse` and echo the values back.
 */
export function knownValues(
  formData: FormData,
  schema: core.$ZodType | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!schema) return out;
  for (const [name, value] of formData)
    if (typeof value === "string" && !Object.hasOwn(out, name) && isKnownField(schema, name))
      out[name] = value;
  return out;
}
