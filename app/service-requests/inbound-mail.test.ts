import type net from "node:net";
import MailComposer from "nodemailer/lib/mail-composer";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { createInboundSmtp } from "./inbound-smtp.server";
import { dismissInbound, listInbound, processInbound, storeInbound } from "./inbound-mail.server";
import { replyAddress } from "./mail-thread.server";
import {
  fileRequest,
  getRequestForCompany,
  requesterSetState,
  staffChange,
} from "./service-requests.server";

const DOMAIN = "reply.portal.test";
const ORIGIN = "http://portal.test";
// Read once by env() (cached per test file): set before anything asks.
process.env.REPLY_TO_DOMAIN = DOMAIN;
process.env.INBOUND_MAX_BYTES = "300000";

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3,
  0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0,
]);

let t: TestDatabase;
let staff: SessionUser;
let requester: SessionUser;
let typeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db, { name: "Desk Person" });
  requester = await insertCompanyMember(t.db, { user: { name: "Alice", verified: true } });
  typeId = await insertServiceType(t.db, {});
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function newRequest(): Promise<{ ref: string; token: string; address: string }> {
  const filed = await fileRequest(
    t.db,
    requester,
    {
      typeId,
      subject: `Meeting room ${++n}`,
      description: "We need a room for ten people.",
      idempotencyKey: `key-${n}-${Date.now()}`,
      fields: {},
    },
    ORIGIN,
  );
  if (!filed.ok) throw new Error(filed.error);
  const row = await t.db
    .selectFrom("service_request")
    .select("reply_token")
    .where("ref", "=", filed.ref)
    .executeTakeFirstOrThrow();
  return {
    ref: filed.ref,
    token: row.reply_token,
    address: replyAddress(filed.ref, row.reply_token, DOMAIN),
  };
}

interface Mail {
  from?: string;
  to: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  inReplyTo?: string;
  references?: string;
  messageId?: string;
  attachments?: { filename: string; content: Buffer }[];
}

function compose(mail: Mail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from ?? requester.email,
    subject: "Re: your request",
    ...mail,
  })
    .compile()
    .build();
}

async function deliver(mail: Mail, envelopeFrom?: string) {
  const raw = await compose(mail);
  const stored = await storeInbound(t.db, {
    raw,
    source: "webhook",
    envelopeFrom: envelopeFrom ?? mail.from ?? requester.email,
    envelopeTo: [mail.to],
  });
  if (!stored.ok) throw new Error(stored.error);
  const outcome = await processInbound(t.db, stored.id, ORIGIN);
  return { id: stored.id, outcome };
}

async function answersTo(address: string) {
  return t.db
    .selectFrom("email")
    .select(["template", "headers", "locale"])
    .where("to_address", "=", address)
    .where("template", "in", ["inboundUnmatched", "inboundClosed"])
    .execute();
}

describe("outgoing emails carry a reply address and thread", () => {
  it("every email about a request has Reply-To, its own Message-ID and the thread root", async () => {
    const r = await newRequest();
    const emails = await t.db
      .selectFrom("email")
      .select(["reply_to", "message_id", "headers", "request_id"])
      .where("to_address", "=", requester.email)
      .where("template", "=", "serviceRequestFiled")
      .orderBy("created_at", "desc")
      .execute();
    const filed = emails[0]!;
    expect(filed.reply_to).toBe(r.address);
    expect(filed.message_id).toMatch(
      new RegExp(`^<[0-9a-f-]{36}@${DOMAIN.replace(/\./g, "\\.")}>$`),
    );
    expect(filed.headers).toMatchObject({ References: `<${r.ref}.${r.token}@${DOMAIN}>` });
    expect(r.token).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("a reply by email", () => {
  it("from the requester becomes a public message without the quote, and moves a waiting request on", async () => {
    const r = await newRequest();
    const v = (
      await t.db
        .selectFrom("service_request")
        .select("version")
        .where("ref", "=", r.ref)
        .executeTakeFirstOrThrow()
    ).version;
    const asked = await staffChange(
      t.db,
      staff,
      r.ref,
      {
        version: v,
        message: { body: "Which day?", visibility: "public" },
        state: "waiting_on_requester",
      },
      ORIGIN,
    );
    expect(asked.ok).toBe(true);
    const { outcome } = await deliver({
      to: r.address,
      text: "Monday morning, please.\n\n-- \nAlice\n\nOn Sat, Dec 5, 2026 at 10:02 AM Park <x@y> wrote:\n> Which day?",
    });
    expect(outcome).toMatchObject({ status: "posted" });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    const last = view!.messages[view!.messages.length - 1]!;
    expect(last.body).toBe("Monday morning, please.");
    expect(last.via).toBe("email");
    expect(last.from_staff).toBe(false);
    expect(view!.request.state).toBe("in_progress");
  });

  it("threads by In-Reply-To when the address is not the reply address", async () => {
    const r = await newRequest();
    const sent = await t.db
      .selectFrom("email")
      .select("message_id")
      .where("to_address", "=", requester.email)
      .where("reply_to", "=", r.address)
      .executeTakeFirstOrThrow();
    const { outcome } = await deliver({
      to: `desk@${DOMAIN}`,
      inReplyTo: sent.message_id!,
      references: sent.message_id!,
      text: "Threaded by the header.",
    });
    expect(outcome).toMatchObject({ status: "posted" });
  });

  it("from a Chinese client keeps only the new text", async () => {
    const r = await newRequest();
    await deliver({
      to: r.address,
      text: "好的，周一上午可以。\n\n发件人: 紫竹园区门户 <no-reply@portal.test>\n发送时间: 2026年12月5日 10:02\n收件人: 王丽\n主题: 回复\n\n旧内容",
    });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.messages.at(-1)!.body).toBe("好的，周一上午可以。");
  });

  it("reopens a resolved request; a closed one is not posted and the sender is told once", async () => {
    const r = await newRequest();
    let v = (
      await t.db
        .selectFrom("service_request")
        .select("version")
        .where("ref", "=", r.ref)
        .executeTakeFirstOrThrow()
    ).version;
    const started = await staffChange(
      t.db,
      staff,
      r.ref,
      { version: v, state: "in_progress" },
      ORIGIN,
    );
    expect(started.ok).toBe(true);
    const resolved = await staffChange(
      t.db,
      staff,
      r.ref,
      { version: v + 1, state: "resolved" },
      ORIGIN,
    );
    expect(resolved.ok).toBe(true);
    await deliver({ to: r.address, text: "It broke again." });
    let view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.request.state).toBe("reopened");

    v = view!.request.version;
    const closed = await requesterSetState(t.db, requester, r.ref, "closed", v, ORIGIN);
    expect(closed.ok).toBe(true);
    const before = (await answersTo(requester.email)).length;
    const { outcome } = await deliver({ to: r.address, text: "One more thing." });
    expect(outcome).toMatchObject({ status: "unmatched", reason: "closed" });
    view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.messages.at(-1)!.body).not.toBe("One more thing.");
    const answers = await answersTo(requester.email);
    expect(answers.length).toBe(before + 1);
    expect(answers.some((a) => a.template === "inboundClosed")).toBe(true);
  });

  it("checks attachments as uploads are: a PNG is attached, an executable is refused and named", async () => {
    const r = await newRequest();
    const { outcome } = await deliver({
      to: r.address,
      text: "The floor plan is attached.",
      attachments: [
        { filename: "plan.png", content: Buffer.from(PNG) },
        { filename: "setup.pdf.exe", content: Buffer.from("MZ\x90\x00 not a pdf") },
      ],
    });
    expect(outcome).toMatchObject({ status: "posted" });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    const message = view!.messages.at(-1)!;
    expect(message.body).toContain("The floor plan is attached.");
    expect(message.body).toContain("setup.pdf.exe");
    const files = view!.files.filter((f) => f.message_id === message.id);
    expect(files.map((f) => f.file_name)).toEqual(["plan.png"]);
  });
});

describe("mail that is not posted", () => {
  it("from an unknown sender (right address) is unmatched, answered at most once a day", async () => {
    const r = await newRequest();
    const stranger = "mallory@evil.example";
    const first = await deliver({ from: stranger, to: r.address, text: "Let me in." });
    expect(first.outcome).toMatchObject({ status: "unmatched", reason: "sender" });
    const second = await deliver({ from: stranger, to: r.address, text: "Again." });
    expect(second.outcome).toMatchObject({ status: "unmatched", reason: "sender" });
    const answers = await answersTo(stranger);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.headers).toMatchObject({ "Auto-Submitted": "auto-replied" });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.messages).toHaveLength(0);
  });

  it("with a guessed token or only a reference names no request", async () => {
    const r = await newRequest();
    const guessed = replyAddress(r.ref, "0".repeat(32), DOMAIN);
    const { outcome } = await deliver({ to: guessed, text: "Guessing." });
    expect(outcome).toMatchObject({ status: "unmatched", reason: "noRequest" });
    const bare = await deliver({ to: `request+${r.ref}@${DOMAIN}`, text: "Guessing." });
    expect(bare.outcome).toMatchObject({ status: "unmatched", reason: "noRequest" });
  });

  it("auto-replies, bulk mail, bounces and our own mail are ignored and never answered", async () => {
    const r = await newRequest();
    const before = await t.db
      .selectFrom("email")
      .select("id")
      .where("template", "in", ["inboundUnmatched", "inboundClosed"])
      .execute();
    const ooo = await deliver({
      to: r.address,
      subject: "Automatic reply: out of office",
      headers: { "Auto-Submitted": "auto-replied" },
      text: "I am away until Monday.",
    });
    expect(ooo.outcome).toMatchObject({ status: "ignored", reason: "autoReply" });
    const bulk = await deliver({ to: r.address, headers: { Precedence: "bulk" }, text: "News" });
    expect(bulk.outcome).toMatchObject({ status: "ignored", reason: "bulk" });
    const bounce = await deliver({ to: r.address, text: "Undeliverable" }, "");
    expect(bounce.outcome).toMatchObject({ status: "ignored", reason: "bounce" });
    const loop = await deliver({ from: `request+x@${DOMAIN}`, to: r.address, text: "loop" });
    expect(loop.outcome).toMatchObject({ status: "ignored", reason: "loop" });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.messages).toHaveLength(0);
    const after = await t.db
      .selectFrom("email")
      .select("id")
      .where("template", "in", ["inboundUnmatched", "inboundClosed"])
      .execute();
    expect(after).toHaveLength(before.length);
  });

  it("the same message twice is posted once", async () => {
    const r = await newRequest();
    const messageId = `<twice-${Date.now()}@mail.example.com>`;
    const first = await deliver({ to: r.address, messageId, text: "Only once." });
    const second = await deliver({ to: r.address, messageId, text: "Only once." });
    expect(first.outcome).toMatchObject({ status: "posted" });
    expect(second.outcome).toMatchObject({ status: "ignored", reason: "duplicate" });
  });

  it("a message over INBOUND_MAX_BYTES is refused before it is stored", async () => {
    const raw = await compose({ to: `x@${DOMAIN}`, text: "x".repeat(400_000) });
    const stored = await storeInbound(t.db, { raw, source: "webhook" });
    expect(stored).toEqual({ ok: false, error: "tooLarge" });
  });

  it("processing twice does nothing the second time", async () => {
    const r = await newRequest();
    const { id } = await deliver({ to: r.address, text: "Once." });
    expect(await processInbound(t.db, id, ORIGIN)).toBeUndefined();
  });

  it("staff list unmatched mail and set it aside (audited)", async () => {
    const r = await newRequest();
    const { id } = await deliver({ from: "someone@else.example", to: r.address, text: "Hi" });
    const page = await listInbound(t.db, { status: "unmatched" });
    expect(page.items.map((m) => m.id)).toContain(id);
    expect(await dismissInbound(t.db, staff, id)).toEqual({ ok: true });
    expect(await dismissInbound(t.db, staff, id)).toEqual({ ok: false, error: "notFound" });
    const entry = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .executeTakeFirst();
    expect(entry?.action).toBe("inbound_mail.dismissed");
  });
});

describe("the SMTP listener", () => {
  it("stores a message sent over SMTP and refuses other domains and oversized mail", async () => {
    const r = await newRequest();
    const logs: string[] = [];
    const server = createInboundSmtp(t.db, {
      port: 0,
      host: "127.0.0.1",
      domain: DOMAIN,
      maxBytes: 300_000,
      log: (_level, msg) => logs.push(msg),
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.server.address() as net.AddressInfo).port;
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const info = await transport.sendMail({
        from: requester.email,
        to: r.address,
        subject: "Re: meeting room",
        text: "Sent over SMTP.",
      });
      expect(info.response).toMatch(/^250 /);
      await expect(
        transport.sendMail({
          from: requester.email,
          to: "someone@elsewhere.example",
          text: "relay?",
        }),
      ).rejects.toThrow(/550/);
      await expect(
        transport.sendMail({ from: requester.email, to: r.address, text: "x".repeat(400_000) }),
      ).rejects.toThrow(/552/);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const row = await t.db
      .selectFrom("inbound_email")
      .select(["id", "source"])
      .where("source", "=", "smtp")
      .executeTakeFirstOrThrow();
    expect(await processInbound(t.db, row.id, ORIGIN)).toMatchObject({ status: "posted" });
    const view = await getRequestForCompany(t.db, requester, r.ref);
    expect(view!.messages.at(-1)!.body).toBe("Sent over SMTP.");
  });
});
