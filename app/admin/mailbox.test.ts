/**
 * The development mailbox routes: they list and show the outbox while SMTP_URL is unset, and
 * do not exist (404) once it is set; on a shared start (ADR 0018) they are for admins only.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";

let t: TestDatabase;
const saved = process.env.SMTP_URL;
const savedPublicUrl = process.env.PUBLIC_URL;

async function routes(smtpUrl: string | undefined, publicUrl?: string) {
  vi.resetModules();
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  if (publicUrl) process.env.PUBLIC_URL = publicUrl;
  else delete process.env.PUBLIC_URL;
  const { setDatabase } = await import("~/db.server");
  setDatabase(t);
  const { queueEmail } = await import("~/mail/mail.server");
  const list = await import("~/routes/dev.mailbox._index");
  const detail = await import("~/routes/dev.mailbox.$emailId");
  return { queueEmail, list, detail };
}

const args = (params: Record<string, string> = {}): LoaderFunctionArgs => ({
  request: new Request("http://portal.test/dev/mailbox"),
  params,
  context: { nonce: "n", requestId: "test", ip: "127.0.0.1" },
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  if (savedPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = savedPublicUrl;
  if (saved === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = saved;
  await t.close();
});

describe("development mailbox", () => {
  it("lists the outbox newest first and shows one email, its HTML made safe for a sandboxed frame", async () => {
    const { queueEmail, list, detail } = await routes(undefined);
    const first = await queueEmail(t.db, {
      to: "first@example.com",
      locale: "en",
      template: "resetPassword",
      values: { name: "First", link: "https://portal.test/reset-password?token=abc" },
    });
    await new Promise((r) => setTimeout(r, 5));
    const second = await queueEmail(t.db, {
      to: "second@example.com",
      locale: "zh-CN",
      template: "resetPassword",
      values: { name: "Second", link: "https://portal.test/reset-password?token=def" },
    });
    const page = await list.loader(args());
    expect(page.emails.map((e) => e.id).slice(0, 2)).toEqual([second, first]);
    const one = await detail.loader(args({ emailId: first }));
    expect(one.email.text).toContain("https://portal.test/reset-password?token=abc");
    expect(one.email.html).toContain(
      '<a target="_blank" rel="noopener noreferrer" href="https://portal.test/reset-password?token=abc"',
    );
    expect(
      await statusOf(detail.loader(args({ emailId: "00000000-0000-4000-8000-000000000000" }))),
    ).toBe(404);
    expect(await statusOf(detail.loader(args({ emailId: "not-an-id" })))).toBe(404);
  });

  it("does not exist once SMTP_URL is set", async () => {
    const { list, detail } = await routes("smtp://mail.example:2525");
    const [email] = await t.db.selectFrom("email").select("id").limit(1).execute();
    expect(await statusOf(list.loader(args()))).toBe(404);
    expect(await statusOf(detail.loader(args({ emailId: email!.id })))).toBe(404);
  });

  it("on a shared start is a 404 for anyone but an admin", async () => {
    const { list, detail } = await routes(undefined, "https://portal.example.com");
    const [email] = await t.db.selectFrom("email").select("id").limit(1).execute();
    expect(await statusOf(list.loader(args()))).toBe(404);
    expect(await statusOf(detail.loader(args({ emailId: email!.id })))).toBe(404);
    const { mailboxOpenTo } = await import("~/env.server");
    expect(mailboxOpenTo({ roles: ["staff"] })).toBe(false);
    expect(mailboxOpenTo({ roles: ["admin", "staff"] })).toBe(true);
  });

  it("the footer links it only where the reader may open it (issue 18)", async () => {
    const footer = async () => {
      const root = await import("~/root");
      const response = (await root.loader({
        request: new Request("http://localhost:3000/"),
        params: {},
        context: { nonce: "n", requestId: "test", ip: "127.0.0.1" },
      })) as unknown as { data: { mailbox: boolean } };
      return response.data.mailbox;
    };
    // A shared start: a visitor sees no link (an admin does: mailboxOpenTo above).
    await routes(undefined, "https://portal.example.com");
    expect(await footer()).toBe(false);
    const { mailboxOpenTo } = await import("~/env.server");
    expect(mailboxOpenTo(null)).toBe(false);
    // A local demo (only this machine reaches it): the mailbox is everyone's, linked for all.
    await routes(undefined, "http://localhost:3000");
    expect(await footer()).toBe(true);
    // With SMTP there is no mailbox, so no link, even for an admin on a local demo.
    await routes("smtp://mail.example:2525", "http://localhost:3000");
    expect(await footer()).toBe(false);
    expect((await import("~/env.server")).mailboxOpenTo({ roles: ["admin"] })).toBe(false);
  });
});
