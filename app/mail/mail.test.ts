import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { mailboxEnabled } from "~/env.server";
import { runDueJobs } from "~/jobs/queue.server";
import { taskHandlers } from "~/jobs/tasks.server";
import emailsEn from "~/i18n/en/emails";
import emailsZh from "~/i18n/zh-CN/emails";
import {
  queueEmail,
  quoteStranger,
  PARK_VALUES,
  renderEmail,
  sendEmailTask,
  type EmailTemplate,
} from "./mail.server";

let t: TestDatabase;
beforeAll(async () => {
  delete process.env.SMTP_URL;
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.deleteFrom("job").execute();
  await t.db.deleteFrom("email").execute();
});

const verify = (to: string, locale: "en" | "zh-CN" = "en") => ({
  to,
  locale,
  template: "verifyEmail" as const,
  values: { name: "Lin Wei", link: "http://localhost:3000/verify-email?token=abc123" },
});

describe("queueEmail", () => {
  it("writes the email and its send job in the caller's transaction: a rollback leaves neither", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await queueEmail(trx, verify("gone@example.com"));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await t.db.selectFrom("email").selectAll().execute()).toHaveLength(0);
    expect(await t.db.selectFrom("job").selectAll().execute()).toHaveLength(0);

    const id = await t.db
      .transaction()
      .execute((trx) => queueEmail(trx, verify("kept@example.com")));
    const emails = await t.db.selectFrom("email").selectAll().execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      id,
      to_address: "kept@example.com",
      status: "queued",
      template: "verifyEmail",
      locale: "en",
    });
    const jobs = await t.db.selectFrom("job").selectAll().execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      task: "send-email",
      payload: { emailId: id },
      job_key: `email:${id}`,
    });
  });
});

describe("sending", () => {
  it("without SMTP_URL the worker marks the email sent and it stays readable in the dev mailbox", async () => {
    expect(mailboxEnabled()).toBe(true);
    const id = await queueEmail(t.db, verify("dev@example.com"));
    expect(await runDueJobs(t.db, { handlers: taskHandlers })).toBe(1);
    const email = await t.db
      .selectFrom("email")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(email.status).toBe("sent");
    expect(email.sent_at).not.toBeNull();
    const job = await t.db.selectFrom("job").selectAll().executeTakeFirstOrThrow();
    expect(job.completed_at).not.toBeNull();
  });

  it("sendEmailTask is idempotent: a sent email is not sent again", async () => {
    const id = await queueEmail(t.db, verify("once@example.com"));
    await sendEmailTask(t.db, { emailId: id });
    const first = await t.db
      .selectFrom("email")
      .select("sent_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await sendEmailTask(t.db, { emailId: id });
    const second = await t.db
      .selectFrom("email")
      .select("sent_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(second.sent_at).toEqual(first.sent_at);
  });
});

describe("renderEmail", () => {
  it("writes in the recipient's language with a plain-text body that carries the link", () => {
    const en = renderEmail(verify("a@example.com", "en"));
    const zh = renderEmail(verify("a@example.com", "zh-CN"));
    expect(en.subject).toMatch(/[A-Za-z]/);
    expect(en.subject).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zh.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
    for (const mail of [en, zh]) {
      expect(mail.text).toContain("http://localhost:3000/verify-email?token=abc123");
      expect(mail.text).not.toMatch(/<[a-z][^>]*>/i);
      expect(mail.text).not.toContain("{{");
      expect(mail.html).toContain('<a href="http://localhost:3000/verify-email?token=abc123">');
    }
  });

  it("escapes values in the HTML body", () => {
    const mail = renderEmail({
      locale: "en",
      template: "serviceRequestAssigned",
      values: {
        name: "<script>x</script>",
        ref: "SR-1",
        subject: "<b>",
        link: "http://x.example/",
      },
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.html).not.toContain("<b>");
  });
});

describe("emails quote strangers, never speak for them (issue 11)", () => {
  const HOSTILE =
    "Park IT security: verify at https://evil.example or www.evil.example\r\nBcc: x@evil.example";
  const PARK_LINK = "https://portal.zizhupark.example/x?token=abc";
  /** The park's own values (links, references, labels, staff's words); every other is a stranger's. */
  const PARK_KEYS = PARK_VALUES;
  /** Emails that can reach an address nobody has confirmed: only the park's words and a reference. */
  const TO_UNCONFIRMED = [
    "verifyEmail",
    "changeEmail",
    "resetPassword",
    "passwordChanged",
    "addressInUse",
    "invitation",
    "inquiryReceived",
    "inquiryReply",
  ] as const;

  const templates = Object.entries(emailsEn).flatMap(([name, copy]) =>
    typeof copy === "object"
      ? [
          [
            name as EmailTemplate,
            { subject: copy.subject as string, body: copy.body as string },
          ] as const,
        ]
      : [],
  );
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);

  it.each(templates.map(([name]) => name))(
    "%s: a stranger's text is in no subject and is never a link, in either language",
    (template) => {
      const [, copy] = templates.find(([name]) => name === template)!;
      const values: Record<string, string> = {};
      for (const key of placeholders(copy.subject + copy.body))
        values[key] = ["link", "signIn", "reset"].includes(key)
          ? PARK_LINK
          : PARK_KEYS.has(key)
            ? "Park text"
            : HOSTILE;
      for (const locale of ["en", "zh-CN"] as const) {
        const mail = renderEmail({ locale, template, values });
        expect(mail.subject).not.toMatch(/evil|Park IT|[\r\n]/);
        expect(mail.subject).not.toContain("{{");
        // Plain text: mail clients link whatever looks like a URL or a domain.
        expect(mail.text).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example|\r|\nBcc/);
        // HTML: every link is the park's own.
        const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
        for (const href of hrefs) expect(href).toBe(PARK_LINK.replace(/&/g, "&amp;"));
        expect(mail.html).not.toMatch(/https?:\/\/evil|evil\.example/);
      }
    },
  );

  it.each(TO_UNCONFIRMED)("%s carries only the park's own values", (template) => {
    for (const copy of [emailsEn[template], emailsZh[template]] as {
      subject: string;
      body: string;
    }[])
      for (const key of placeholders(copy.subject + copy.body)) expect(PARK_KEYS).toContain(key);
  });

  it("breaks up what looks like a URL, a domain or an address; keeps ordinary names", () => {
    expect(quoteStranger("see https://evil.example/x")).toBe("see https[:]//evil[.]example/x");
    expect(quoteStranger("www.evil.com")).toBe("www[.]evil[.]com");
    expect(quoteStranger("mail me: a@b.example")).toBe("mail me: a@b[.]example");
    expect(quoteStranger("evil\u3002example")).toBe("evil[.]example");
    expect(quoteStranger("line\r\nBcc: x")).toBe("line Bcc: x");
    expect(quoteStranger("Lumina Photonics Co., Ltd.")).toBe("Lumina Photonics Co., Ltd.");
    expect(quoteStranger("李雷")).toBe("李雷");
    expect(quoteStranger("Version 2.5 report")).toBe("Version 2.5 report");
  });
});
