/**
 * Reply addresses and threading headers of the emails about a request (ADR 0034).
 *
 * Every request has a random 128-bit `reply_token`. Its emails carry
 * - `Reply-To: request+<ref>.<token>@<REPLY_TO_DOMAIN>`: a reply goes back to the portal;
 * - `Message-ID: <email id@domain>` (the outbox row's random id) and
 *   `References`/`In-Reply-To: <ref.token@domain>` (the request's thread root), so mail
 *   clients group them and a reply names the request even when its To was rewritten.
 * Knowing a reference (SR-2026-000123) is not enough to post into a request: the token is,
 * together with a sender that is the requester's verified address (inbound-mail.server.ts).
 */
import type { Executor } from "#db/executor";
import { env } from "~/env.server";
import type { EmailThread } from "~/mail/mail.server";
import { isRequestRef } from "~/lib/ids";

const TOKEN = /^[0-9a-f]{32}$/;

export function replyAddress(ref: string, token: string, domain: string): string {
  return `request+${ref}.${token}@${domain}`;
}

export function threadRoot(ref: string, token: string, domain: string): string {
  return `<${ref}.${token}@${domain}>`;
}

/** A reply address or thread root of ours, read back: the reference and token it names. */
export function parseThreadAddress(
  value: string,
  domain: string,
): { ref: string; token: string } | null {
  const v = value.trim().replace(/^<|>$/g, "").toLowerCase();
  const at = v.lastIndexOf("@");
  if (at < 0 || v.slice(at + 1) !== domain.toLowerCase()) return null;
  const local = v.slice(0, at).replace(/^request\+/, "");
  const m = /^(sr-\d{4}-\d{1,12})\.([0-9a-f]{32})$/.exec(local);
  if (!m) return null;
  const ref = m[1]!.toUpperCase();
  return isRequestRef(ref) && TOKEN.test(m[2]!) ? { ref, token: m[2]! } : null;
}

/** The threading of an email about request `ref` (empty headers when no reply domain is set). */
export async function threadOf(db: Executor, ref: string): Promise<EmailThread | undefined> {
  const row = await db
    .selectFrom("service_request")
    .select(["id", "reply_token"])
    .where("ref", "=", ref)
    .executeTakeFirst();
  if (!row) return undefined;
  const domain = env().REPLY_TO_DOMAIN;
  if (!domain) return { requestId: row.id };
  const root = threadRoot(ref, row.reply_token, domain);
  return {
    requestId: row.id,
    replyTo: replyAddress(ref, row.reply_token, domain),
    messageIdDomain: domain,
    headers: { "In-Reply-To": root, References: root },
  };
}
