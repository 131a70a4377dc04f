/**
 * "Was this helpful" and "this solved it" from /help/<slug> (ADR 0030): counted once per
 * browser (the kb_feedback cookie lists what it answered), and at most VOTE_LIMIT an hour per
 * client address (ADR 0024's counters; the address only as a truncated hash, pruned hourly).
 */
import { createHash } from "node:crypto";
import type { Executor } from "#db/executor";
import { hitWindowLimit, type WindowPolicy } from "~/auth/throttle.server";
import { kbFeedbackCookie } from "~/lib/cookies.server";
import { recordKbEvents, voteKb } from "./kb.server";

export const VOTE_LIMIT: WindowPolicy = { limit: 60, windowSeconds: 60 * 60 };
const MAX_REMEMBERED = 60;

export async function readFeedback(cookieHeader: string | null): Promise<string[]> {
  const value: unknown = await kbFeedbackCookie().parse(cookieHeader);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export type FeedbackKind = "helpful-yes" | "helpful-no" | "solved";

/**
 * Counts one answer unless this browser gave it already or its address is over the limit;
 * answers the `Set-Cookie` line that remembers it (or null when nothing changed).
 */
export async function giveFeedback(
  db: Executor,
  articleId: string,
  kind: FeedbackKind,
  cookieHeader: string | null,
  ip: string | null,
): Promise<string | null> {
  const given = await readFeedback(cookieHeader);
  const mark = `${kind === "solved" ? "s" : "v"}:${articleId}`;
  if (given.includes(mark)) return null;
  const ipKey = createHash("sha256")
    .update(ip ?? "unknown")
    .digest("hex")
    .slice(0, 16);
  if (!(await hitWindowLimit(db, `kb-feedback:${ipKey}`, VOTE_LIMIT))) return null;
  const counted =
    kind === "solved"
      ? (await recordKbEvents(db, [articleId], "solved")) > 0
      : await voteKb(db, articleId, kind === "helpful-yes");
  if (!counted) return null;
  return kbFeedbackCookie().serialize([...given, mark].slice(-MAX_REMEMBERED));
}
