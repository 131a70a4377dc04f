/**
 * Email into the service desk (ADR 0034). Two doors, one path:
 * - the SMTP listener (inbound-smtp.server.ts) and the webhook (`POST /hooks/inbound-mail`)
 *   only *store* the raw message (`storeInbound`: one row and its job, one transaction), so
 *   any number of app processes can share the work and a crash loses nothing;
 * - the job (`inboundMailTask`) parses it and decides, in one transaction with the row lock:
 *   - automated mail (auto-replies, bulk, bounces) and our own mail coming back: `ignored`,
 *     never answered (no loops);
 *   - a reply to a request (its reply address, or In-Reply-To/References naming it) from the
 *     requester's verified address: posted as their public message (quoted text and signature
 *     stripped, attachments checked as uploads are), reopening a resolved request;
 *   - anything else (unknown sender or address, a closed request, nothing left to post):
 *     `unmatched`, shown to staff at /desk/mail, and answered politely at most once per sender
 *     per day (never a bounce).
 */
import { sql } from "kysely";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { inTransaction, type Executor } from "#db/executor";
import type { DB } from "#db/client.server";
import { audit } from "~/audit/audit.server";
import { env } from "~/env.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { enqueue, type JobRun } from "~/jobs/queue.server";
import { cursorAt, decodeCursor, keysetPage, olderThan } from "~/lib/cursor.server";
import { isUuid } from "~/lib/ids";
import type { Result } from "~/lib/result";
import { withoutControlChars } from "~/lib/text";
import { queueEmail } from "~/mail/mail.server";
import { sniffContentType } from "~/uploads/uploads.server";
import { localDate } from "./business-hours";
import { FILE_TYPES, MAX_FILE_BYTES, MAX_FILES, storeUploads, type Upload } from "./files.server";
import { parseThreadAddress } from "./mail-thread.server";
import { automatedReason, looksChinese, stripReply } from "./reply-text";
import { requesterReply } from "./service-requests.server";

export const INBOUND_TASK = "inbound-mail";
/** Longest text kept from one message (the reply form's limit). */
export const MAX_BODY_CHARS = 10_000;
/** More messages than this from one address in an hour are ignored (a loop or a flood). */
export const MAX_PER_SENDER_HOUR = 30;

export const INBOUND_STATUSES = ["pending", "posted", "unmatched", "ignored", "dismissed"] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export type InboundReason =
  | "autoReply"
  | "bulk"
  | "bounce"
  | "loop"
  | "duplicate"
  | "rate"
  | "unreadable"
  | "noRequest"
  | "sender"
  | "closed"
  | "empty"
  | "refused";

// ---------------------------------------------------------------------------------------------
// Storing (the listener and the webhook)

export interface InboundInput {
  raw: Uint8Array;
  source: "smtp" | "webhook";
  envelopeFrom?: string | null;
  envelopeTo?: readonly string[];
}

export async function storeInbound(
  db: Executor,
  input: InboundInput,
): Promise<Result<{ id: string }, "empty" | "tooLarge">> {
  if (!input.raw.byteLength) return { ok: false, error: "empty" };
  if (input.raw.byteLength > env().INBOUND_MAX_BYTES) return { ok: false, error: "tooLarge" };
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("inbound_email")
      .values({
        source: input.source,
        envelope_from: input.envelopeFrom?.slice(0, 320) ?? null,
        envelope_to: (input.envelopeTo ?? []).slice(0, 50).map((a) => a.slice(0, 320)),
        raw: Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength),
        size_bytes: input.raw.byteLength,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueue(
      trx,
      INBOUND_TASK,
      { id: row.id },
      { jobKey: `inbound:${row.id}`, maxAttempts: 5 },
    );
    return { ok: true as const, id: row.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Processing (the job)

export async function inboundMailTask(
  db: DB,
  payload: Record<string, unknown>,
  run?: JobRun,
): Promise<void> {
  if (run?.signal.aborted) return;
  const id = String(payload.id ?? "");
  if (!isUuid(id)) return;
  await processInbound(db, id, env().PUBLIC_URL.replace(/\/$/, ""));
}

interface Parsed {
  from: string | null;
  fromName: string | null;
  subject: string;
  body: string;
  messageId: string | null;
  refs: string[];
  addresses: string[];
  headers: Map<string, string>;
  attachments: { filename: string; contentType: string; size: number; bytes: Uint8Array }[];
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

/** One line of text from a stranger: no control characters or breaks, at most `max`. */
function oneLine(value: string, max: number): string {
  return withoutControlChars(value)
    .replace(/[\r\n\t]+/g, " ")
    .trim()
    .slice(0, max);
}

export async function parseInbound(
  raw: Uint8Array,
  envelopeTo: readonly string[],
): Promise<Parsed> {
  const mail: ParsedMail = await simpleParser(Buffer.from(raw), {
    maxHtmlLengthToParse: 2_000_000,
    skipTextToHtml: true,
    keepCidLinks: true,
  });
  const headers = new Map<string, string>();
  for (const h of mail.headerLines) {
    const value = h.line.slice(h.line.indexOf(":") + 1).trim();
    if (!headers.has(h.key)) headers.set(h.key, value.slice(0, 1000));
  }
  const sender = mail.from?.value[0];
  const refs = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...(Array.isArray(mail.references)
      ? mail.references
      : mail.references
        ? [mail.references]
        : []),
  ]
    .flatMap((r) => r.split(/\s+/))
    .filter(Boolean)
    .slice(0, 100);
  const text = withoutControlChars(mail.text ?? "");
  let body = stripReply(text).trim();
  if (body.length > MAX_BODY_CHARS) body = `${body.slice(0, MAX_BODY_CHARS - 1)}…`;
  return {
    from: sender?.address ? sender.address.toLowerCase().slice(0, 320) : null,
    fromName: sender?.name ? oneLine(sender.name, 200) : null,
    subject: oneLine(mail.subject ?? "", 300),
    body,
    messageId: mail.messageId ? oneLine(mail.messageId, 500) : null,
    refs,
    addresses: [...envelopeTo, ...addressesOf(mail.to), ...addressesOf(mail.cc)].map((a) =>
      a.toLowerCase(),
    ),
    headers,
    // Inline images of a signature (multipart/related) are not attachments anyone sent.
    attachments: mail.attachments
      .filter((a) => !a.related)
      .map((a) => ({
        filename: a.filename ?? "attachment",
        contentType: a.contentType,
        size: a.size,
        bytes: new Uint8Array(a.content),
      })),
  };
}

/** The attachments an upload would accept (size, type by magic bytes, count), and the rest. */
export function checkAttachments(attachments: Parsed["attachments"]) {
  const accepted: Upload[] = [];
  const refused: string[] = [];
  for (const a of attachments) {
    const type = a.bytes.byteLength <= MAX_FILE_BYTES ? sniffContentType(a.bytes) : null;
    if (type && FILE_TYPES.includes(type) && accepted.length < MAX_FILES)
      accepted.push({ bytes: a.bytes, filename: a.filename, declaredType: a.contentType });
    else refused.push(oneLine(a.filename, 200) || "attachment");
  }
  return { accepted, refused };
}

interface Outcome {
  status: InboundStatus;
  reason: InboundReason | null;
  requestId?: string | null;
  messageId?: string | null;
}

export async function processInbound(
  db: Executor,
  id: string,
  origin: string,
  now = new Date(),
): Promise<Outcome | undefined> {
  const found = await db
    .selectFrom("inbound_email")
    .select(["raw", "status", "envelope_from", "envelope_to"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found || found.status !== "pending") return undefined;
  let parsed: Parsed;
  try {
    parsed = await parseInbound(found.raw, found.envelope_to);
  } catch {
    return finish(db, id, null, { status: "ignored", reason: "unreadable" }, now);
  }
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("inbound_email")
      .select("status")
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.status !== "pending") return undefined;
    const outcome = await decide(trx, id, found.envelope_from, parsed, origin, now);
    return finish(trx, id, parsed, outcome, now);
  });
}

async function finish(
  db: Executor,
  id: string,
  parsed: Parsed | null,
  outcome: Outcome,
  now: Date,
): Promise<Outcome> {
  await db
    .updateTable("inbound_email")
    .set({
      status: outcome.status,
      reason: outcome.reason,
      request_id: outcome.requestId ?? null,
      message_id: outcome.messageId ?? null,
      processed_at: now,
      ...(parsed
        ? {
            from_address: parsed.from,
            from_name: parsed.fromName,
            subject: parsed.subject,
            body_text: parsed.body,
            header_message_id: parsed.messageId,
            attachments: JSON.stringify(
              parsed.attachments.map((a) => ({ name: oneLine(a.filename, 200), size: a.size })),
            ),
          }
        : {}),
    })
    .where("id", "=", id)
    .execute();
  return outcome;
}

function ourOwnAddress(address: string | null): boolean {
  if (!address) return false;
  const domain = env().REPLY_TO_DOMAIN?.toLowerCase();
  const from = /<([^>]+)>/.exec(env().MAIL_FROM)?.[1] ?? env().MAIL_FROM;
  return address === from.trim().toLowerCase() || (!!domain && address.endsWith(`@${domain}`));
}

async function decide(
  trx: Executor,
  id: string,
  envelopeFrom: string | null,
  p: Parsed,
  origin: string,
  now: Date,
): Promise<Outcome> {
  const automated = automatedReason(p.headers, envelopeFrom, p.from);
  if (automated) return { status: "ignored", reason: automated };
  if (!p.from) return { status: "ignored", reason: "unreadable" };
  if (ourOwnAddress(p.from)) return { status: "ignored", reason: "loop" };
  if (p.messageId) {
    const twin = await trx
      .selectFrom("inbound_email")
      .select("id")
      .where("header_message_id", "=", p.messageId)
      .where("id", "!=", id)
      .where("status", "in", ["posted", "unmatched", "dismissed"])
      .executeTakeFirst();
    if (twin) return { status: "ignored", reason: "duplicate" };
  }
  const recent = await trx
    .selectFrom("inbound_email")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where(sql<string>`lower(from_address)`, "=", p.from)
    .where("received_at", ">", new Date(+now - 3600_000))
    .where("id", "!=", id)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_PER_SENDER_HOUR) return { status: "ignored", reason: "rate" };

  const request = await matchRequest(trx, p);
  if (!request) {
    await answerOnce(trx, p, "inboundUnmatched", null, origin, now);
    return { status: "unmatched", reason: "noRequest" };
  }
  const requester = request.requester_id
    ? await trx
        .selectFrom("app_user")
        .innerJoin("company_member", "company_member.user_id", "app_user.id")
        .select([
          "app_user.id",
          "app_user.name",
          "app_user.email",
          "app_user.locale",
          "app_user.email_verified_at",
          "app_user.disabled_at",
        ])
        .where("app_user.id", "=", request.requester_id)
        .where("company_member.company_id", "=", request.company_id)
        .executeTakeFirst()
    : undefined;
  const isRequester =
    !!requester &&
    !requester.disabled_at &&
    !!requester.email_verified_at &&
    requester.email.toLowerCase() === p.from;
  if (!requester || !isRequester) {
    await answerOnce(trx, p, "inboundUnmatched", null, origin, now);
    return { status: "unmatched", reason: "sender", requestId: request.id };
  }
  const locale: Locale = isLocale(requester.locale) ? requester.locale : "en";
  if (request.state === "closed") {
    await answerOnce(trx, p, "inboundClosed", { ref: request.ref, locale }, origin, now);
    return { status: "unmatched", reason: "closed", requestId: request.id };
  }
  const { accepted, refused } = checkAttachments(p.attachments);
  let body = p.body;
  if (refused.length) body = `${body}\n\n${refusedLine(locale, refused)}`.trim();
  if (!p.body && !accepted.length)
    return { status: "unmatched", reason: "empty", requestId: request.id };

  const result = await requesterReply(
    trx,
    {
      id: requester.id,
      name: requester.name,
      roles: [],
      company: {
        id: request.company_id,
        role: "member",
        nameEn: "",
        nameZh: "",
        isResident: false,
      },
    },
    request.ref,
    {
      body: body || attachmentsOnly(locale),
      store: accepted.length ? (t) => storeUploads(t, accepted, requester.id) : undefined,
      via: "email",
      reopen: true,
    },
    origin,
    now,
  );
  if (!result.ok) return { status: "unmatched", reason: "refused", requestId: request.id };
  const message = await trx
    .selectFrom("service_request_message")
    .select("id")
    .where("request_id", "=", request.id)
    .where("author_id", "=", requester.id)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return { status: "posted", reason: null, requestId: request.id, messageId: message?.id ?? null };
}

function refusedLine(locale: Locale, names: string[]): string {
  return locale === "zh-CN"
    ? `（以下附件未被接受，仅支持不超过 10 MB 的 PDF、PNG 或 JPEG 文件：${names.join("、")}）`
    : `(Attachments not accepted, only PDF, PNG or JPEG files up to 10 MB are: ${names.join(", ")})`;
}

function attachmentsOnly(locale: Locale): string {
  return locale === "zh-CN" ? "（通过邮件发送了附件）" : "(Sent attachments by email)";
}

/** The request a message answers: its reply address, else a thread header naming it. */
async function matchRequest(trx: Executor, p: Parsed) {
  const domain = env().REPLY_TO_DOMAIN;
  if (!domain) return undefined;
  const candidates = [...p.addresses, ...p.refs]
    .map((a) => parseThreadAddress(a, domain))
    .filter((x) => x !== null);
  for (const c of candidates) {
    const r = await requestByRef(trx, c.ref);
    if (r && r.reply_token === c.token) return r;
  }
  // In-Reply-To / References naming an email we sent about a request.
  const ours = p.refs.filter((r) => r.toLowerCase().endsWith(`@${domain.toLowerCase()}>`));
  if (ours.length) {
    const sent = await trx
      .selectFrom("email")
      .innerJoin("service_request", "service_request.id", "email.request_id")
      .select("service_request.ref")
      .where("email.message_id", "in", ours)
      .executeTakeFirst();
    if (sent) return requestByRef(trx, sent.ref);
  }
  return undefined;
}

async function requestByRef(trx: Executor, ref: string) {
  return trx
    .selectFrom("service_request")
    .select(["id", "ref", "state", "company_id", "requester_id", "reply_token"])
    .where("ref", "=", ref)
    .executeTakeFirst();
}

/**
 * The polite answer to mail that could not be posted, at most once per sender per (Shanghai)
 * day, marked `Auto-Submitted: auto-replied` so that well-behaved systems do not answer it.
 */
async function answerOnce(
  trx: Executor,
  p: Parsed,
  template: "inboundUnmatched" | "inboundClosed",
  known: { ref: string; locale: Locale } | null,
  origin: string,
  now: Date,
) {
  if (!p.from) return;
  const claimed = await trx
    .insertInto("inbound_email_answer")
    .values({ address: p.from, day: localDate(now) })
    .onConflict((oc) => oc.columns(["address", "day"]).doNothing())
    .returning("address")
    .executeTakeFirst();
  if (!claimed) return;
  const locale: Locale = known?.locale ?? (looksChinese(`${p.subject} ${p.body}`) ? "zh-CN" : "en");
  const domain = env().REPLY_TO_DOMAIN;
  const headers: Record<string, string> = { "Auto-Submitted": "auto-replied" };
  if (p.messageId) {
    headers["In-Reply-To"] = p.messageId;
    headers.References = p.messageId;
  }
  await queueEmail(trx, {
    to: p.from,
    locale,
    template,
    values: known
      ? { ref: known.ref, link: `${origin}/requests/${known.ref}` }
      : { link: `${origin}/requests/new` },
    thread: { headers, messageIdDomain: domain },
  });
}

// ---------------------------------------------------------------------------------------------
// Staff: the mail that was not posted

export async function listInbound(
  db: Executor,
  opts: {
    status: "unmatched" | "ignored" | "posted" | "dismissed";
    cursor?: string;
    limit?: number;
  },
) {
  const limit = opts.limit ?? 50;
  let q = db
    .selectFrom("inbound_email")
    .leftJoin("service_request", "service_request.id", "inbound_email.request_id")
    .select([
      "inbound_email.id",
      "inbound_email.received_at",
      "inbound_email.status",
      "inbound_email.reason",
      "inbound_email.from_address",
      "inbound_email.from_name",
      "inbound_email.subject",
      "service_request.ref as request_ref",
      cursorAt("inbound_email.received_at").as("cursor_at"),
    ])
    .where("inbound_email.status", "=", opts.status)
    .orderBy("inbound_email.received_at", "desc")
    .orderBy("inbound_email.id", "desc")
    .limit(limit + 1);
  const after = decodeCursor(opts.cursor);
  if (after) q = q.where(olderThan("inbound_email.received_at", "inbound_email.id", after));
  return keysetPage(await q.execute(), limit);
}

export async function countUnmatched(db: Executor): Promise<number> {
  const row = await db
    .selectFrom(
      db
        .selectFrom("inbound_email")
        .select("id")
        .where("status", "=", "unmatched")
        .limit(1000)
        .as("u"),
    )
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getInbound(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom("inbound_email")
    .leftJoin("service_request", "service_request.id", "inbound_email.request_id")
    .leftJoin("app_user", "app_user.id", "inbound_email.handled_by")
    .select([
      "inbound_email.id",
      "inbound_email.received_at",
      "inbound_email.source",
      "inbound_email.status",
      "inbound_email.reason",
      "inbound_email.from_address",
      "inbound_email.from_name",
      "inbound_email.subject",
      "inbound_email.body_text",
      "inbound_email.attachments",
      "inbound_email.size_bytes",
      "inbound_email.handled_at",
      "service_request.ref as request_ref",
      "app_user.name as handled_by_name",
    ])
    .where("inbound_email.id", "=", id)
    .executeTakeFirst();
}

/** Staff set an unmatched message aside (it stays, marked with who and when). */
export async function dismissInbound(
  db: Executor,
  actor: { id: string },
  id: string,
  now = new Date(),
): Promise<Result<object, "notFound">> {
  if (!isUuid(id)) return { ok: false, error: "notFound" };
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable("inbound_email")
      .set({ status: "dismissed", handled_by: actor.id, handled_at: now })
      .where("id", "=", id)
      .where("status", "in", ["unmatched", "ignored"])
      .returning("id")
      .executeTakeFirst();
    if (!updated) return { ok: false as const, error: "notFound" as const };
    await audit(trx, {
      actorId: actor.id,
      action: "inbound_mail.dismissed",
      entityType: "inbound_email",
      entityId: id,
    });
    return { ok: true as const };
  });
}
