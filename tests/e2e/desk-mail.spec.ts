/**
 * Email both ways (issue 17, ADR 0034): the requester answers a park reply from their mail
 * client (a real SMTP conversation with the portal's listener) and the answer appears on the
 * request; mail from a stranger goes through the webhook to the desk's "Incoming mail", is read
 * as text and set aside without JavaScript; the pages fit a phone.
 */
import nodemailer from "nodemailer";
import type { Page } from "@playwright/test";
import { contextFor, expect, PERSONAS, query, test } from "../support/e2e";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 20000);
const SECRET = "e2e-inbound-secret-0123456789abcdef";
const SHOTS = process.env.SHOTS ? `${process.env.SHOTS}/` : null;

async function noSidewaysScroll(page: Page) {
  const [scroll, inner] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

async function waitProcessed(where: string, values: unknown[]): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const rows = await query<{ status: string }>(
      `SELECT status FROM inbound_email WHERE ${where} ORDER BY received_at DESC LIMIT 1`,
      values,
    );
    if (rows[0] && rows[0].status !== "pending") return rows[0].status;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the inbound job did not run");
}

test("the requester replies by email and the reply appears on the request", async ({
  browser,
  baseURL,
}) => {
  // The park asks the requester a question on a request of company A's owner.
  const staff = await contextFor(browser, baseURL!, PERSONAS.staff);
  const [request] = await query<{ ref: string; id: string }>(
    `SELECT r.ref, r.id FROM service_request r JOIN app_user u ON u.id = r.requester_id
      WHERE lower(u.email) = lower($1) AND r.state NOT IN ('resolved', 'closed')
      ORDER BY r.created_at DESC LIMIT 1`,
    [PERSONAS.ownerA],
  );
  expect(request).toBeTruthy();
  const desk = await staff.newPage();
  await desk.goto(`/desk/requests/${request!.ref}`);
  const question = `Which day suits you for the site visit? ${Date.now()}`;
  await desk.getByLabel("Public reply").check();
  await desk.locator(".sr-composer textarea[name=body]").fill(question);
  await desk.locator(".sr-composer button[name=intent][value=message]").click();
  await expect(desk.locator(".sr-messages").getByText(question)).toBeVisible();

  // The email the requester got carries the request's reply address.
  const [sent] = await query<{ reply_to: string; message_id: string; text_body: string }>(
    `SELECT reply_to, message_id, text_body FROM email
      WHERE request_id = $1 AND template = 'serviceRequestReply' ORDER BY created_at DESC LIMIT 1`,
    [request!.id],
  );
  expect(sent!.reply_to).toMatch(/^request\+SR-\d{4}-\d+\.[0-9a-f]{32}@reply\.portal\.test$/);

  // They answer from their mail client, above the quoted email, with a signature.
  const answer = `Tuesday at 10:00 works for us ${Date.now()}`;
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: SMTP_PORT,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: PERSONAS.ownerA,
    to: sent!.reply_to,
    subject: "Re: a reply from the park",
    inReplyTo: sent!.message_id,
    references: sent!.message_id,
    text: `${answer}\n\n-- \nZhang Wei\nLumina Photonics\n\nOn Sat, 5 Dec 2026 at 10:00, Zizhu Park Portal <${sent!.reply_to}> wrote:\n> ${question}`,
  });
  transport.close();
  expect(await waitProcessed("lower(from_address) = lower($1)", [PERSONAS.ownerA])).toBe("posted");

  const owner = await contextFor(browser, baseURL!, PERSONAS.ownerA);
  const page = await owner.newPage();
  await page.goto(`/requests/${request!.ref}`);
  const message = page.locator(".sr-message", { hasText: answer });
  await expect(message).toBeVisible();
  await expect(message).toContainText("by email");
  await expect(message).not.toContainText("Zhang Wei");
  await expect(message).not.toContainText("wrote:");
  await desk.reload();
  await expect(desk.locator(".sr-message", { hasText: answer })).toBeVisible();
  await owner.close();
  await staff.close();
});

test("mail from a stranger reaches Incoming mail as text and is set aside without JavaScript", async ({
  browser,
  baseURL,
  request,
}) => {
  const marker = `stranger-${Date.now()}`;
  const hostileSubject = `<img src=x onerror="alert(1)"> ${marker} <script>alert(2)</script>`;
  const raw =
    `From: "<b>Mallory</b>" <mallory-${marker}@evil.example>\r\n` +
    `To: request+SR-2026-000001.${"0".repeat(32)}@reply.portal.test\r\n` +
    `Subject: ${hostileSubject}\r\nMessage-ID: <${marker}@evil.example>\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\n\r\n` +
    `<script>alert(3)</script>\r\nPlease let me into request SR-2026-000001.\r\n`;
  // Without the secret: refused before the body is read.
  const refused = await request.post("/hooks/inbound-mail", {
    multipart: { message: { name: "m.eml", mimeType: "message/rfc822", buffer: Buffer.from(raw) } },
  });
  expect(refused.status()).toBe(401);
  const accepted = await request.post("/hooks/inbound-mail", {
    headers: { "X-Inbound-Secret": SECRET },
    multipart: { message: { name: "m.eml", mimeType: "message/rfc822", buffer: Buffer.from(raw) } },
  });
  expect(accepted.status()).toBe(202);
  expect(await waitProcessed("header_message_id = $1", [`<${marker}@evil.example>`])).toBe(
    "unmatched",
  );

  // Staff read it, at phone width, without JavaScript; the hostile text is text.
  const staff = await contextFor(browser, baseURL!, PERSONAS.staff, { javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto("/desk/mail");
  const link = page.getByRole("link", { name: new RegExp(marker) });
  await expect(link).toBeVisible();
  await expect(link).toContainText('<img src=x onerror="alert(1)">');
  await noSidewaysScroll(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}mail-list-390-en.png`, fullPage: true });
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<script>alert(2)</script>");
  await expect(page.getByText("<script>alert(3)</script>")).toBeVisible();
  await expect(page.getByText("The address names no request")).toBeVisible();
  expect(await page.locator("img[src=x], b").count()).toBe(0);
  await noSidewaysScroll(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}mail-one-390-en.png`, fullPage: true });
  await page.getByRole("button", { name: "Set aside" }).click();
  await expect(page).toHaveURL(/\/desk\/mail$/);
  await expect(page.getByRole("link", { name: new RegExp(marker) })).toHaveCount(0);
  await page.goto("/desk/mail?status=dismissed");
  await expect(page.getByRole("link", { name: new RegExp(marker) })).toBeVisible();
  expect(dialogs).toBe(0);
  await staff.close();

  // The stranger got one polite automatic answer, marked as such.
  const answers = await query<{ headers: Record<string, string> }>(
    "SELECT headers FROM email WHERE to_address = $1 AND template = 'inboundUnmatched'",
    [`mallory-${marker}@evil.example`],
  );
  expect(answers).toHaveLength(1);
  expect(answers[0]!.headers["Auto-Submitted"]).toBe("auto-replied");
});

test("the incoming-mail pages in both languages and at both widths", async ({
  browser,
  baseURL,
}) => {
  for (const lang of ["en", "zh-CN"] as const) {
    const context = await contextFor(browser, baseURL!, PERSONAS.staff);
    await context.addCookies([{ name: "lang", value: lang, url: baseURL!, sameSite: "Lax" }]);
    const page = await context.newPage();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/desk/mail");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        lang === "en" ? "Incoming mail" : "收到的邮件",
      );
      await noSidewaysScroll(page);
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}mail-list-${width}-${lang}.png`, fullPage: true });
      await page.locator(".inbound-item a").first().click();
      await expect(page.locator(".details")).toBeVisible();
      await noSidewaysScroll(page);
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}mail-one-${width}-${lang}.png`, fullPage: true });
    }
    await context.close();
  }
});
