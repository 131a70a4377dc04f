/**
 * The new text of an emailed reply (ADR 0034): what the person wrote above the quoted message,
 * without their signature. English and Chinese clients' formats:
 * - "On <date>, <name> wrote:" (Gmail, Apple Mail, Thunderbird; may wrap onto two lines);
 * - "在 <date>，<name> 写道：" (Apple Mail, NetEase) and "<name> 于<date>写道：" (Gmail in Chinese);
 * - "-----Original Message-----", "-----原始邮件-----", QQ Mail's "------------------ 原始邮件 ------------------";
 * - Outlook's header block: "From:/发件人:" followed by "Sent:/Date:/发送时间:/日期:/To:/收件人:/Subject:/主题:",
 *   often after a line of underscores;
 * - lines quoted with ">" (anywhere: inline answers keep the answer, not the quote);
 * - signatures after "-- " (RFC 3676) and "Sent from my iPhone" / "发自我的iPhone" style lines at the end.
 * Pure and linear (every pattern is anchored to one line, no nested repetition), so hostile
 * input cannot make it slow. No server imports.
 */

const MAX_LINES = 5000;

const QUOTE_HEADERS: readonly RegExp[] = [
  /^\s*on\b.{0,300}\bwrote:\s*$/i,
  /^\s*在.{0,300}写道[:：]\s*$/,
  /^.{0,300}于.{0,100}写道[:：]\s*$/,
  /^\s*-{2,}\s*(original message|forwarded message|原始邮件|转发邮件)\s*-{2,}\s*$/i,
  /^\s*begin forwarded message:\s*$/i,
];

const HEADER_FIELD =
  /^\s*\*?(from|sent|date|to|cc|subject|发件人|发送时间|日期|时间|收件人|抄送|主题)\*?\s*[:：]/i;
const FROM_FIELD = /^\s*\*?(from|发件人)\*?\s*[:：]/i;
const UNDERSCORES = /^\s*_{8,}\s*$/;

const SIGNATURE_START = /^-- ?$/;
const SENT_FROM: readonly RegExp[] = [
  /^\s*sent from my \S.{0,60}$/i,
  /^\s*get outlook for \S.{0,40}$/i,
  /^\s*(发自|来自)我的\s?\S.{0,40}$/,
  /^\s*从我的\s?\S.{0,40}发送\s*$/,
  /^\s*sent from (mail|outlook) for windows.{0,20}$/i,
];

/** Whether line i starts an Outlook-style header block (From: then other fields). */
function outlookBlockAt(lines: readonly string[], i: number): boolean {
  if (!FROM_FIELD.test(lines[i]!)) return false;
  let fields = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++)
    if (HEADER_FIELD.test(lines[j]!)) fields++;
  return fields >= 2;
}

function quoteHeaderAt(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (QUOTE_HEADERS.some((re) => re.test(line))) return true;
  // "On Sat, 5 Dec 2026 at 10:00, Zizhu Park Portal <request+...@...>" / "wrote:" on the next line.
  const next = lines[i + 1];
  if (next !== undefined && /^\s*on\b/i.test(line) && /^\s*\S.{0,200}\bwrote:\s*$/i.test(next))
    return QUOTE_HEADERS[0]!.test(`${line} ${next}`);
  if (UNDERSCORES.test(line) && lines[i + 1] !== undefined && outlookBlockAt(lines, i + 1))
    return true;
  return outlookBlockAt(lines, i);
}

export function stripReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").slice(0, MAX_LINES);
  // 1. Cut at the first quote header.
  let end = lines.length;
  for (let i = 0; i < lines.length; i++)
    if (quoteHeaderAt(lines, i)) {
      end = i;
      break;
    }
  let kept = lines.slice(0, end);
  // 2. Quoted lines go, wherever they are.
  kept = kept.filter((l) => !/^\s*>/.test(l));
  // 3. The signature: from a "-- " line; then "Sent from my ..." lines at the end.
  const sig = kept.findIndex((l) => SIGNATURE_START.test(l));
  if (sig >= 0) kept = kept.slice(0, sig);
  while (kept.length) {
    const last = kept[kept.length - 1]!;
    if (!last.trim() || SENT_FROM.some((re) => re.test(last))) kept.pop();
    else break;
  }
  while (kept.length && !kept[0]!.trim()) kept.shift();
  return kept
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}

/**
 * Why a message must get no automatic answer and must not be posted: an auto-reply or bulk
 * mail (RFC 3834 Auto-Submitted, Precedence, list and auto-responder headers), or a bounce
 * (empty envelope sender, mailer-daemon). null: a person wrote it.
 */
export function automatedReason(
  headers: ReadonlyMap<string, string>,
  envelopeFrom: string | null,
  fromAddress: string | null,
): "autoReply" | "bulk" | "bounce" | null {
  const h = (name: string) => (headers.get(name) ?? "").toLowerCase().trim();
  const from = (fromAddress ?? "").toLowerCase();
  if (envelopeFrom === "" || /^(mailer-daemon|postmaster)@/.test(from)) return "bounce";
  if (h("content-type").startsWith("multipart/report")) return "bounce";
  const auto = h("auto-submitted");
  if (auto && auto !== "no") return "autoReply";
  if (headers.has("x-autoreply") || headers.has("x-autorespond") || headers.has("x-autoresponder"))
    return "autoReply";
  if (
    /^(all|oof|autoreply)\b/.test(h("x-auto-response-suppress")) &&
    /^(auto|automatic)/.test(h("subject"))
  )
    return "autoReply";
  if (["bulk", "junk", "list", "auto_reply"].includes(h("precedence"))) return "bulk";
  if (headers.has("list-id") || headers.has("list-unsubscribe")) return "bulk";
  if (/^(no-?reply|do-?not-?reply)@/.test(from)) return "autoReply";
  return null;
}

/** Text with CJK characters answers in Chinese. */
export function looksChinese(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}
