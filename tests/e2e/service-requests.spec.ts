import type { Page } from "@playwright/test";
import { expect, PERSONAS, contextFor, query, test } from "../support/e2e";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

function refFrom(page: Page): string {
  const m = /\/requests\/(SR-\d{4}-\d+)/.exec(page.url());
  if (!m) throw new Error(`no request ref in ${page.url()}`);
  return m[1]!;
}

async function fileIpRequest(page: Page, subject: string) {
  await page.goto("/requests/new");
  await page.getByRole("link", { name: "Intellectual property" }).click();
  await page.getByLabel("Subject").fill(subject);
  await page
    .getByLabel("Describe what you need")
    .fill("We would like advice on filing our photonic coupler patent abroad.");
  await page.getByLabel("Kind of IP").selectOption("patent");
  await page
    .locator("#request-files")
    .setInputFiles({ name: "draft-claims.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
}

test("a company files a request with a file; staff triage, ask, resolve; the requester answers and rates it", async ({
  browser,
  baseURL,
}) => {
  const subject = `PCT filing ${Date.now()}`;
  const member = await contextFor(browser, baseURL!, PERSONAS.memberA);
  const requester = await member.newPage();
  await fileIpRequest(requester, subject);
  const ref = refFrom(requester);
  await expect(requester.getByRole("heading", { name: subject })).toBeVisible();
  await expect(requester.locator("[data-state=new]")).toBeVisible();
  await expect(requester.getByRole("link", { name: "draft-claims.pdf" })).toBeVisible();
  const [mail] = await query<{ text_body: string }>(
    "SELECT text_body FROM email WHERE template = 'serviceRequestFiled' AND text_body LIKE $1",
    [`%${ref}%`],
  );
  expect(mail?.text_body).toContain(`/requests/${ref}`);
  // The file downloads as an attachment, never rendered.
  const download = await requester.request.get(
    await requester
      .getByRole("link", { name: "draft-claims.pdf" })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
  // The download's own CSP replaces the page default (one header, not two).
  expect(download.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(download.headers()["x-content-type-options"]).toContain("nosniff");

  // Company B cannot see it.
  const other = await contextFor(browser, baseURL!, PERSONAS.memberB);
  const otherPage = await other.newPage();
  expect((await otherPage.goto(`/requests/${ref}`))!.status()).toBe(404);
  await other.close();

  // Staff: find it in the queue, triage and assign.
  const staffContext = await contextFor(browser, baseURL!, PERSONAS.staff);
  const staff = await staffContext.newPage();
  await staff.goto(`/desk/requests?state=all&q=${ref}`);
  await staff.getByRole("link", { name: ref }).click();
  await expect(staff).toHaveURL(new RegExp(`/desk/requests/${ref}$`));
  const properties = staff.locator("form#properties");
  await properties.locator("select[name=state]").selectOption("triaged");
  await properties.locator("select[name=assigneeId]").selectOption({ label: "Chen Jing" });
  await properties.getByRole("button", { name: "Save changes" }).click();
  await expect(staff.locator("header [data-state=triaged]")).toBeVisible();

  // Staff watch it; an internal note (the default) @mentions a colleague, picked from the
  // suggestions, who then watches it too (ADR 0056). Then a public question that waits on the requester.
  await staff.getByRole("button", { name: "Watch this request" }).click();
  await expect(staff.getByText("You watch this request.")).toBeVisible();
  const composer = staff.locator("form#composer");
  await expect(composer.getByLabel("Internal note (park staff only)")).toBeChecked();
  const note = composer.locator("textarea[name=body]");
  await note.fill("Internal: check the priority date with the IP firm. ");
  await note.pressSequentially("@wan");
  await staff.getByRole("option", { name: "@Wang Min (admin)" }).click();
  await expect(note).toHaveValue(
    "Internal: check the priority date with the IP firm. @Wang Min (admin) ",
  );
  await composer.getByRole("button", { name: "Post" }).click();
  await expect(
    staff.getByText("Internal: check the priority date with the IP firm."),
  ).toBeVisible();
  await expect(staff.getByTestId("watcher-list")).toContainText("Wang Min (admin) (mentioned)");
  await composer.getByLabel("Public reply", { exact: true }).check();
  await expect(composer.getByText(/Public reply: emailed to Liu Yang/)).toBeVisible();
  await composer.locator("textarea[name=body]").fill("Which countries do you want to cover?");
  await composer.locator("select[name=thenState]").selectOption("waiting_on_requester");
  await composer.getByRole("button", { name: "Post" }).click();
  await expect(staff.locator("header [data-state=waiting_on_requester]")).toBeVisible();

  // The requester sees the question, not the note, and answers.
  await requester.reload();
  await expect(requester.getByText("Which countries do you want to cover?")).toBeVisible();
  await expect(requester.getByText("Internal: check the priority date")).toHaveCount(0);
  expect(await requester.content()).not.toContain("check the priority date");
  await expect(requester.locator("[data-state=waiting_on_requester]").first()).toBeVisible();
  await requester.locator("form#reply textarea[name=body]").fill("Europe and the United States.");
  await requester.getByRole("button", { name: "Send reply" }).click();
  await expect(requester.getByText("Europe and the United States.")).toBeVisible();
  await expect(requester.locator("[data-state=in_progress]").first()).toBeVisible();
  const emails = await query<{ text_body: string }>(
    "SELECT text_body FROM email WHERE lower(to_address) = lower($1)",
    [PERSONAS.memberA],
  );
  expect(emails.some((e) => e.text_body.includes("Which countries do you want to cover?"))).toBe(
    true,
  );
  expect(emails.some((e) => e.text_body.includes("check the priority date"))).toBe(false);

  // Staff resolve with a public reply.
  await staff.reload();
  await composer.getByLabel("Public reply", { exact: true }).check();
  await composer
    .locator("textarea[name=body]")
    .fill("We have booked a PCT filing with our partner firm; details follow by email.");
  await composer.locator("select[name=thenState]").selectOption("resolved");
  await composer.getByRole("button", { name: "Post" }).click();
  await expect(staff.locator("header [data-state=resolved]")).toBeVisible();

  // The requester rates it.
  await requester.reload();
  await requester.locator("form#rate select[name=rating]").selectOption("5");
  await requester.locator("form#rate textarea[name=comment]").fill("Fast and clear.");
  await requester.getByRole("button", { name: "Send rating" }).click();
  await expect(requester.getByText("You rated this request 5 out of 5.")).toBeVisible();

  // History holds every change, with who.
  await staff.reload();
  await expect(staff.getByText("Rated 5 out of 5")).toBeVisible();
  await expect(staff.getByText("State: Triaged → Waiting on requester")).toBeVisible();
  await member.close();
  await staffContext.close();
});

test("two staff changing one request at once: the second is told and keeps their input", async ({
  browser,
  baseURL,
}) => {
  const member = await contextFor(browser, baseURL!, PERSONAS.ownerA);
  const page = await member.newPage();
  await fileIpRequest(page, `Conflict ${Date.now()}`);
  const ref = refFrom(page);
  await member.close();
  const a = await (await contextFor(browser, baseURL!, PERSONAS.staff)).newPage();
  const b = await (await contextFor(browser, baseURL!, PERSONAS.admin)).newPage();
  await a.goto(`/desk/requests/${ref}`);
  await b.goto(`/desk/requests/${ref}`);
  await a.locator("form#properties select[name=priority]").selectOption("high");
  await a.locator("form#properties").getByRole("button", { name: "Save changes" }).click();
  await expect(a.getByText("Request updated.")).toBeVisible();
  await b
    .locator("form#composer textarea[name=body]")
    .fill("My careful note that must not be lost.");
  await b.locator("form#composer").getByRole("button", { name: "Post" }).click();
  await expect(b.getByText(/Someone else changed this request/)).toBeVisible();
  await expect(b.locator("form#composer textarea[name=body]")).toHaveValue(
    "My careful note that must not be lost.",
  );
});

test("a breach shows in the staff queue", async ({ browser, baseURL }) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await context.newPage();
  await page.goto("/desk/requests?sla=breached");
  const row = page.locator("tr.sr-row-breached", {
    hasText: "Joint lab with a university optics group",
  });
  await expect(row).toBeVisible();
  await expect(row.getByText("Breached")).toBeVisible();
  await context.close();
});

test("the requester journey works without JavaScript", async ({ browser, baseURL }) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.ownerA, {
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto("/requests/new?type=policy-subsidy");
  // An invalid submit keeps the input and shows the error next to the field.
  await page.getByLabel("Subject").fill("Subsidies without JS");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByLabel("Subject")).toHaveValue("Subsidies without JS");
  await expect(page.locator(".field.has-error textarea[name=description]")).toBeVisible();
  await page
    .getByLabel("Describe what you need")
    .fill("Which subsidies apply to a photonics company of 40 people?");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/requests\/SR-\d{4}-\d+$/);
  const ref = refFrom(page);
  await page
    .locator("form#reply textarea[name=body]")
    .fill("One more detail: we hired 12 researchers this year.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("One more detail: we hired 12 researchers this year.")).toBeVisible();
  await page.getByRole("button", { name: "Close this request" }).click();
  await expect(page.locator("[data-state=closed]").first()).toBeVisible();
  await page.getByRole("button", { name: "Reopen this request" }).click();
  await expect(page.locator("[data-state=reopened]").first()).toBeVisible();
  await page.goto("/requests");
  await expect(page.getByRole("link", { name: ref })).toBeVisible();
  const rows = await query<{ n: string }>(
    "SELECT count(*)::text AS n FROM service_request WHERE ref = $1",
    [ref],
  );
  expect(rows[0]!.n).toBe("1");
  await context.close();
});

test("staff change several requests at once after a confirmation, and save a view", async ({
  browser,
  baseURL,
}) => {
  const rows = await query<{ ref: string }>(
    "SELECT ref FROM service_request WHERE idempotency_key IN ('demo-seed-new', 'demo-seed-triaged') ORDER BY ref",
  );
  expect(rows).toHaveLength(2);
  // Other specs (the bulk-versions case of idempotency.spec) may have raised these demo requests
  // already: start them from "normal", as a colleague's earlier change would leave them.
  await query(
    "UPDATE service_request SET priority = 'normal', version = version + 1 WHERE ref = ANY($1)",
    [rows.map((r) => r.ref)],
  );
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await context.newPage();
  await page.goto("/desk/requests?state=open&sort=newest");
  for (const r of rows) await page.getByLabel(`Select ${r.ref}`).check();
  await page.locator("#bulk-priority").selectOption("urgent");
  await page.getByRole("button", { name: "Review bulk change" }).click();
  await expect(page.getByRole("heading", { name: "Confirm the bulk change" })).toBeVisible();
  const before = await query<{ priority: string }>(
    "SELECT priority FROM service_request WHERE ref = $1",
    [rows[0]!.ref],
  );
  expect(before[0]!.priority).not.toBe("urgent");
  await page.getByRole("button", { name: "Apply to 2 requests" }).click();
  await expect(page.getByText("2 requests changed, 0 skipped.")).toBeVisible();
  const after = await query<{ priority: string }>(
    "SELECT priority FROM service_request WHERE ref = ANY($1)",
    [rows.map((r) => r.ref)],
  );
  expect(after.map((r) => r.priority)).toEqual(["urgent", "urgent"]);

  await page.goto("/desk/requests?priority=urgent");
  await page.locator("summary", { hasText: "Save this view" }).click();
  await page.getByLabel("View name").fill("Urgent work");
  await page.getByRole("button", { name: "Save this view" }).click();
  await expect(page.getByText("View saved.")).toBeVisible();
  await page.goto("/desk/requests");
  await page.getByRole("link", { name: "Urgent work" }).click();
  await expect(page).toHaveURL(/priority=urgent/);
  await expect(page.getByRole("link", { name: rows[0]!.ref })).toBeVisible();
  await context.close();
});

test("staff read the reports: volume per month and state, per type, and download both CSVs", async ({
  browser,
  baseURL,
}) => {
  const context = await contextFor(browser, baseURL!, PERSONAS.staff);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/desk/reports");
  await expect(page.getByRole("heading", { name: "Service reports" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Requests filed per month/ })).toBeVisible();
  await expect(page.locator("figure.chart svg.chart-wide").first()).toBeVisible();
  // The demo data holds six months of finished requests besides this month's open ones.
  await page.getByText("Table: per month and state").click();
  const rows = page
    .locator("table", { has: page.getByRole("columnheader", { name: "Closed" }) })
    .locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(6);
  const [counted] = await query<{ n: string }>(
    "SELECT count(*) AS n FROM service_request WHERE state = 'closed' AND created_at > now() - interval '365 days'",
  );
  const closedColumn = await rows.evaluateAll((trs) => {
    const table = trs[0]!.closest("table")!;
    const index = [...table.querySelectorAll("thead th")].findIndex(
      (th) => th.textContent === "Closed",
    );
    return trs.reduce((n, tr) => n + Number(tr.children[index]!.textContent), 0);
  });
  expect(closedColumn).toBe(Number(counted!.n));
  const link = page.getByRole("link", { name: /volumes per month, type and state/ });
  const response = await context.request.get((await link.getAttribute("href"))!);
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="service-volume-/,
  );
  const text = await response.text();
  expect(text).toContain('"month","type","state","count"');
  expect(text).toContain('"closed"');
  const perType = await context.request.get(
    (await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!,
  );
  expect(perType.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await perType.text()).toContain('"type","name_en","name_zh","filed"');
  expect(errors).toEqual([]);
  await context.close();
});
