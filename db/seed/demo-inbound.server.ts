/**
 * Demo incoming mail (ADR 0034): what the desk's "Incoming mail" page shows on a fresh demo:
 * a stranger's question in Chinese (no request), a partner answering a request they are not
 * the requester of, and an out-of-office auto-reply. Stored as the job would leave them
 * (already processed); idempotent by their Message-IDs.
 */
import type { DB } from "#db/client.server";

interface DemoMail {
  messageId: string;
  from: string;
  fromName: string;
  to: string;
  subject: string;
  body: string;
  status: "unmatched" | "ignored";
  reason: string;
  hoursAgo: number;
  extraHeaders?: string;
}

const MAILS: DemoMail[] = [
  {
    messageId: "<demo-inbound-1@mail.example.cn>",
    from: "chen.wei@example.cn",
    fromName: "陈伟",
    to: "service@reply.portal.zizhupark.example",
    subject: "咨询：园区是否还有 200 平方米左右的办公室出租？",
    body: "您好！\n\n我们是一家做工业视觉检测的初创公司，团队 25 人，想在明年三月前入驻紫竹园区，需要 200 平方米左右的办公室，最好带一间小型实验室。请问目前还有合适的房源吗？租金大概是多少？\n\n谢谢！\n陈伟",
    status: "unmatched",
    reason: "noRequest",
    hoursAgo: 3,
  },
  {
    messageId: "<demo-inbound-2@partner-lab.example>",
    from: "j.miller@partner-lab.example",
    fromName: "Jordan Miller",
    to: "service@reply.portal.zizhupark.example",
    subject: "Re: sample shipment for the optics test",
    body: "Hello,\n\nOur courier will deliver the two sample lenses to the park's front desk on Tuesday between 10:00 and 12:00. Could someone sign for them on behalf of Lumina Photonics?\n\nBest regards,\nJordan Miller",
    status: "unmatched",
    reason: "noRequest",
    hoursAgo: 20,
  },
  {
    messageId: "<demo-inbound-3@demo.zizhupark.example>",
    from: "member@demo.zizhupark.example",
    fromName: "Li Na",
    to: "service@reply.portal.zizhupark.example",
    subject: "Automatic reply: 外出 / Out of office",
    body: "I am out of the office until Monday and will answer when I am back.\n我周一前不在办公室，回来后回复您。",
    status: "ignored",
    reason: "autoReply",
    hoursAgo: 30,
    extraHeaders: "Auto-Submitted: auto-replied\r\n",
  },
];

function raw(m: DemoMail, at: Date): Buffer {
  const subject = `=?UTF-8?B?${Buffer.from(m.subject).toString("base64")}?=`;
  const name = `=?UTF-8?B?${Buffer.from(m.fromName).toString("base64")}?=`;
  const body = Buffer.from(m.body).toString("base64").replace(/.{76}/g, "$&\r\n");
  return Buffer.from(
    `From: ${name} <${m.from}>\r\nTo: ${m.to}\r\nSubject: ${subject}\r\n` +
      `Date: ${at.toUTCString()}\r\nMessage-ID: ${m.messageId}\r\n${m.extraHeaders ?? ""}` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${body}\r\n`,
  );
}

export async function seedDemoInbound(db: DB, now = new Date()): Promise<void> {
  for (const m of MAILS) {
    const exists = await db
      .selectFrom("inbound_email")
      .select("id")
      .where("header_message_id", "=", m.messageId)
      .executeTakeFirst();
    if (exists) continue;
    const at = new Date(+now - m.hoursAgo * 3600_000);
    const bytes = raw(m, at);
    await db
      .insertInto("inbound_email")
      .values({
        received_at: at,
        source: "smtp",
        envelope_from: m.from,
        envelope_to: [m.to],
        raw: bytes,
        size_bytes: bytes.byteLength,
        status: m.status,
        reason: m.reason,
        from_address: m.from,
        from_name: m.fromName,
        subject: m.subject,
        body_text: m.body,
        header_message_id: m.messageId,
        processed_at: at,
      })
      .execute();
  }
}
