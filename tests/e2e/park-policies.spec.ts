import { contextFor, expect, PERSONAS, query, test } from "../support/e2e";

// A policy's deadline is a DATE, which pg hands over as a Date: the list shows it as a day in
// the reader's language, and the desk's date field gets YYYY-MM-DD (not "Sat Oct 31", which a
// date field would drop, losing the deadline on the next save).
test("policy deadlines: a day in the reader's language, and a date field's value on the desk", async ({
  browser,
  baseURL,
}) => {
  const [policy] = await query<{ title_zh: string; day: string }>(
    `SELECT title_zh, to_char(deadline, 'YYYY-MM-DD') AS day FROM park_policy
      WHERE deadline IS NOT NULL AND status = 'published' ORDER BY deadline LIMIT 1`,
  );
  expect(policy, "a demo policy with a deadline").toBeTruthy();
  const [year, month, day] = policy!.day.split("-").map(Number);

  const visitor = await browser.newContext({ baseURL });
  await visitor.addCookies([{ name: "lang", value: "zh-CN", url: baseURL!, sameSite: "Lax" }]);
  const page = await visitor.newPage();
  await page.goto("/park/policies");
  const card = page.locator("li.card", { hasText: policy!.title_zh });
  await expect(card).toContainText(`${year}年${month}月${day}日`);
  await expect(card).not.toContainText(/Mon|Tue|Wed|Thu|Fri|Sat|Sun/);
  await visitor.close();

  const staff = await contextFor(browser, baseURL!, PERSONAS.staff);
  const desk = await staff.newPage();
  await desk.goto("/desk/park");
  const values = await desk
    .locator('input[name="deadline"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean));
  expect(values.length).toBeGreaterThan(0);
  for (const v of values) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(values).toContain(policy!.day);
  await staff.close();
});
