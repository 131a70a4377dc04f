import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { mailboxEnabled } from "~/env.server";
import { runDueJobs } from "~/jobs/queue.server";
import { taskHandlers } from "~/jobs/tasks.server";
import { queueEmail, renderEmail, sendEmailTask } from "./mail.server";

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
      expect(mail.text).toContain("Lin Wei");
      expect(mail.text).not.toMatch(/<[a-z][^>]*>/i);
      expect(mail.text).not.toContain("{{");
      expect(mail.html).toContain('<a href="http://localhost:3000/verify-email?token=abc123">');
    }
  });

  it("escapes values in the HTML body", () => {
    const mail = renderEmail({
      locale: "en",
      template: "verifyEmail",
      values: { name: "<script>x</script>", link: "http://x.example/" },
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
  });
});
