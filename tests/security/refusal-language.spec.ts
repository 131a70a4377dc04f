/**
 * A form that an action refuses (a field over the 64 KiB limit, ADR 0023) is answered with the
 * refusal page in the reader's language. The root error boundary renders it without the root
 * loader (React Router runs no loader at or below the boundary), so the page takes its language
 * from the request (RequestLocaleProvider in entry.server.tsx), and hydrates in the same one.
 */
import { expect, test } from "../support/e2e";

for (const [lang, title, html] of [
  ["zh-CN", "提交内容过大", "zh-CN"],
  ["en", "Too much at once", "en"],
] as const) {
  test(`an over-long field answers 413 in the reader's language (${lang})`, async ({ request }) => {
    const response = await request.post("/contact", {
      headers: {
        "Accept-Language": lang,
        Origin: new URL(test.info().project.use.baseURL!).origin,
      },
      form: { name: "x".repeat(70_000), email: "a@example.com", message: "hello" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
    const body = await response.text();
    expect(body).toContain(`<html lang="${html}"`);
    expect(body).toContain(title);
  });
}
