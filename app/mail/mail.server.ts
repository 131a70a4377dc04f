/**
 * Email through an outbox (ADR 0005): `queueEmail` writes the rendered email and its send job
 * in the caller's transaction, so an email exists exactly when the change that caused it
 * committed; the worker sends it (SMTP) or leaves it in the development mailbox.
 */
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import type { Executor } from "#db/executor";
import type { DB } from "#db/client.server";
import { env } from "~/env.server";
import type { Locale } from "~/i18n/i18n";
import { createI18n } from "~/i18n/i18n.server";
import { enqueue, type JobRun } from "~/jobs/queue.server";
import { isUuid } from "~/lib/ids";

export type EmailTemplate =
  | "verifyEmail"
  | "changeEmail"
  | "resetPassword"
  | "passwordChanged"
  | "invitation"
  | "addressInUse"
  | "incubationStatus"
  | "incubationDecision"
  | "incubationEnded"
  | "milestoneReminder"
  | "milestoneLate"
  // Service requests (issue 5)
  | "serviceRequestFiled"
  | "serviceRequestReply"
  | "serviceRequestState"
  | "serviceRequestRequesterReply"
  | "serviceRequestAssigned"
  | "serviceRequestBreach"
  | "serviceRequestWarning"
  | "serviceRequestMerged"
  | "serviceRequestEscalated"
  | "serviceRequestMentioned"
  | "serviceRequestWatchedMessage"
  | "serviceRequestWatchedState"
  // Promotion (issue 3)
  | "inquiryReceived"
  | "inquiryReply"
  // Investment-promotion pipeline (issue 13)
  | "projectReminder"
  // Company statistics (issue 14)
  | "reportTask"
  | "reportReminder"
  | "reportLate"
  | "reportEscalated"
  // The investor's view (ADR 0029)
  | "projectInvestorInvite"
  | "projectInvestorLinked"
  | "projectMessageToOwner"
  | "projectDocumentToOwner"
  | "projectMessageToInvestor"
  | "projectDocumentToInvestor"
  | "projectLandedInvite"
  | "projectLandedOwner"
  // Inbound mail that could not be posted (issue 17, ADR 0034)
  | "inboundUnmatched"
  | "inboundClosed"
  // Policies (issue 15, ADR 0036)
  | "policyClaim"
  | "policyAward"
  // Site visits of investment projects (ADR 0041)
  | "projectVisitPlanned"
  | "projectVisitUpdated"
  | "projectVisitCancelled";

export interface QueueEmailInput {
  to: string;
  locale: Locale;
  template: EmailTemplate;
  values: Record<string, string>;
  /** Threading (ADR 0034): the request it is about, its reply address and headers. */
  thread?: EmailThread;
  /** An iCalendar part sent with the email (a visit's invitation, update or cancellation). */
  calendar?: { ics: string; method: "REQUEST" | "CANCEL" };
}

export interface EmailThread {
  requestId?: string;
  replyTo?: string;
  /** The domain of this email's own Message-ID (`<email id@domain>`). */
  messageIdDomain?: string;
  /** In-Reply-To, References, Auto-Submitted. */
  headers?: Record<string, string>;
}

/**
 * Values that are the park's own words: links it built, references, dates, labels and what
 * staff wrote. Every other value (a person's or company's name, a request's subject, ...) is
 * a stranger's text: it is quoted (URL-looking parts broken up so that no mail client makes a
 * link of it, escaped and never linked in HTML) and never reaches a subject (issue 11).
 */
const LINK_VALUES = new Set(["link", "signIn", "reset"]);
export const PARK_VALUES: ReadonlySet<string> = new Set([
  ...LINK_VALUES,
  "reference",
  "ref",
  // The request a duplicate was merged into (ADR 0038): a reference.
  "target",
  "expires",
  "expected",
  "state",
  "status",
  "next",
  "call",
  "reply",
  "message",
  // Company statistics: a report form's name and a period's label and due date, staff's words.
  "form",
  "period",
  "due",
  "days",
  // Site visits: the time (built by the park), the place and agenda (staff's words).
  "when",
  "place",
  "agenda",
]);
/** Park values that may appear in a subject (short labels and references, no free text). */
const SUBJECT_VALUES = new Set([
  "reference",
  "ref",
  "target",
  "state",
  "status",
  "call",
  "form",
  "period",
  "due",
]);

/**
 * A stranger's text made inert for a mail client: one line, no control characters, and every
 * URL-looking part broken (`https[:]//evil[.]example`, `www[.]x[.]com`, `a@b[.]cn`).
 */
export function quoteStranger(value: string): string {
  return value

    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/:\/\//g, "[:]//")
    .replace(/([\p{L}\p{N}_-])[.\u3002\uff0e\uff61](?=[\p{L}][\p{L}\p{N}-])/gu, "$1[.]")
    .trim();
}

/** Text of a subject: only the park's short values; never a line break. */
function subjectValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    out[key] = SUBJECT_VALUES.has(key) ? value.replace(/[\r\n]+/g, " ") : "";
  return out;
}

export function renderEmail(input: Omit<QueueEmailInput, "to">): {
  subject: string;
  text: string;
  html: string;
} {
  const i18n = createI18n(input.locale);
  // Keys are built from the template name; i18next's typed keys cannot follow that.
  const t = i18n.getFixedT(input.locale, "emails") as unknown as (
    key: string,
    values?: Record<string, string>,
  ) => string;
  const subject = t(`${input.template}.subject`, subjectValues(input.values));
  const textValues: Record<string, string> = {};
  const markers: Record<string, string> = {};
  const htmlOf = new Map<string, string>();
  Object.entries(input.values).forEach(([key, value], i) => {
    const park = PARK_VALUES.has(key);
    textValues[key] = park ? value : quoteStranger(value);
    // In HTML, a marker stands for the value until the template's own text is escaped.
    const marker = `\u0001${i}\u0002`;
    markers[key] = marker;
    const escaped = escapeHtml(textValues[key]).replace(/\n/g, "<br>");
    htmlOf.set(
      marker,
      LINK_VALUES.has(key)
        ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`
        : park
          ? linkify(escaped)
          : `<span class="quoted">${escaped}</span>`,
    );
  });
  const body = t(`${input.template}.body`, textValues);
  const text = `${body}\n\n--\n${t("signature")}`;
  const html =
    `<div style="font-family:system-ui,sans-serif;line-height:1.6;max-width:560px">` +
    t(`${input.template}.body`, markers)
      .split("\n\n")
      .map(
        (p) =>
          `<p>${escapeHtml(p)
            .replace(/\n/g, "<br>")
            .replace(/\u0001\d+\u0002/g, (m) => htmlOf.get(m) ?? "")}</p>`,
      )
      .join("") +
    `<p style="color:#64748b">${escapeHtml(t("signature"))}</p></div>`;
  return { subject, text, html };
}

export async function queueEmail(db: Executor, input: QueueEmailInput): Promise<string> {
  const { subject, text, html } = renderEmail(input);
  const id = crypto.randomUUID();
  const thread = input.thread;
  const row = await db
    .insertInto("email")
    .values({
      id,
      message_id: thread?.messageIdDomain ? `<${id}@${thread.messageIdDomain}>` : null,
      reply_to: thread?.replyTo ?? null,
      headers: JSON.stringify(thread?.headers ?? {}),
      request_id: thread?.requestId ?? null,
      to_address: input.to,
      locale: input.locale,
      subject,
      text_body: text,
      html_body: html,
      template: input.template,
      ics: input.calendar?.ics ?? null,
      ics_method: input.calendar?.method ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await enqueue(db, "send-email", { emailId: row.id }, { jobKey: `email:${row.id}` });
  return row.id;
}

let transport: nodemailer.Transporter | undefined;

/** The worker's task: send one queued email. Without SMTP_URL it stays in the dev mailbox. */
export async function sendEmailTask(
  db: DB,
  payload: Record<string, unknown>,
  run?: JobRun,
): Promise<void> {
  const emailId = String(payload.emailId);
  const email = await db
    .selectFrom("email")
    .selectAll()
    .where("id", "=", emailId)
    .executeTakeFirst();
  if (!email || email.status === "sent") return;
  // A lease lost while this worker stalled: the worker that took the job over sends it.
  // (Sending is outside the database, so delivery stays at-least-once: ADR 0005.)
  if (run?.signal.aborted) return;
  const smtpUrl = env().SMTP_URL;
  if (smtpUrl) {
    transport ??= nodemailer.createTransport(smtpUrl);
    const {
      "In-Reply-To": inReplyTo,
      References: references,
      ...headers
    } = headersOf(email.headers);
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: email.to_address,
      replyTo: email.reply_to ?? undefined,
      messageId: email.message_id ?? undefined,
      inReplyTo,
      references,
      headers,
      subject: email.subject,
      text: email.text_body,
      html: email.html_body ?? undefined,
      // A visit's invitation: a text/calendar alternative (and attachment) calendars act on.
      icalEvent: email.ics
        ? {
            method: email.ics_method ?? "REQUEST",
            filename: "invite.ics",
            content: email.ics,
          }
        : undefined,
    });
  }
  await db
    .updateTable("email")
    .set({ status: "sent", sent_at: new Date(), last_error: null })
    .where("id", "=", emailId)
    .where("status", "!=", "sent")
    .execute();
}

const THREAD_HEADERS = new Set(["In-Reply-To", "References", "Auto-Submitted"]);

/** The stored threading headers of an email (only the ones we write). */
export function headersOf(value: unknown): Record<string, string> {
  const v = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  const out: Record<string, string> = {};
  if (v && typeof v === "object")
    for (const [key, header] of Object.entries(v))
      if (THREAD_HEADERS.has(key) && typeof header === "string") out[key] = header;
  return out;
}

export async function listMailbox(db: Executor, limit = 100) {
  return db
    .selectFrom("email")
    .select(["id", "to_address", "subject", "template", "status", "created_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function getMailboxEmail(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("email").selectAll().where("id", "=", id).executeTakeFirst();
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
