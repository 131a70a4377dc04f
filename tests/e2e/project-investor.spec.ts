/**
 * The investor's view (issue 13, ADR 0029): promotion staff give an investor's account access
 * (at once, or by an invitation link); the investor sees their project without the internal
 * notes (neither on the page nor in its loader data), their visits (Beijing time, the .ics,
 * never staff's visit notes), uploads a document and sends a message;
 * the owner is told; the park's reply reaches the investor by email in their language. Another
 * account gets 404. With and without JavaScript; at phone width nothing scrolls sideways.
 */
import crypto from "node:crypto";
import ICAL from "ical.js";
import {
  contextFor,
  createAccount,
  expect,
  latestEmail,
  linkIn,
  query,
  test,
} from "../support/e2e";

const PROMOTION_EN = "promotion2@demo.zizhupark.example";
const SECRET = "INTERNAL-ONLY: they would accept 20% less rent";

async function newProject(org: string) {
  const [owner] = await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [
    PROMOTION_EN,
  ]);
  const [p] = await query<{ id: string; reference: string }>(
    `INSERT INTO project (reference, organisation, country, source, owner_id, notes, stage,
       next_step, next_step_due)
     VALUES ('PRJ-E2E-' || substr(md5(random()::text), 1, 8), $1, 'DE', 'event', $2, $3,
       'qualified', 'Send the site visit proposal', '2027-01-15')
     RETURNING id, reference`,
    [org, owner!.id, SECRET],
  );
  await query(
    `INSERT INTO project_event (project_id, actor_id, kind, to_stage, note)
     VALUES ($1, $2, 'stage', 'qualified', $3)`,
    [p!.id, owner!.id, `History note ${SECRET}`],
  );
  // A visit to come (10:00 Beijing time) and one held, whose staff notes stay internal.
  await query(
    `INSERT INTO project_visit (project_id, uid, starts_at, duration_minutes, place, agenda, state,
       outcome)
     VALUES ($1, 'visit-' || gen_random_uuid() || '@e2e', '2030-04-20T02:00:00Z', 90,
       'Building 7 lobby', 'Lab floor of Building 7', 'planned', ''),
     ($1, 'visit-' || gen_random_uuid() || '@e2e', '2026-03-02T02:00:00Z', 60,
       'Service Centre, Room 301', '', 'held', $2)`,
    [p!.id, `Visit notes ${SECRET}`],
  );
  await query(
    `INSERT INTO project_visit_unit (visit_id, unit_id)
     SELECT v.id, (SELECT id FROM space_unit ORDER BY building, unit_no LIMIT 1)
       FROM project_visit v WHERE v.project_id = $1 AND v.state = 'planned'`,
    [p!.id],
  );
  return p!;
}

const PDF = Buffer.from("%PDF-1.4\n%investor upload\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

for (const javaScriptEnabled of [true, false]) {
  test(`an investor follows their project, uploads a document and writes (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    const org = `Helio Robotics ${crypto.randomBytes(3).toString("hex")}`;
    const project = await newProject(org);
    const investor = await createAccount({ prefix: "investor", name: "Anna Weber" });

    // Staff give the existing account access from the project's investor page.
    const staff = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled });
    const desk = await staff.newPage();
    await desk.goto(`/desk/projects/${project.id}`);
    await desk.getByRole("link", { name: "Investor's view" }).click();
    await expect(desk.getByRole("heading", { level: 1 })).toContainText(org);
    await desk.getByLabel("Investor's email address").fill(investor.email);
    await desk.getByRole("button", { name: "Give access" }).click();
    await expect(desk.getByText("The investor's account now has access")).toBeVisible();
    await expect(desk.getByTestId("investor-access")).toContainText("Has access");
    const linked = await latestEmail(investor.email, "projectInvestorLinked");
    expect(linkIn(linked.text_body)).toContain(`/projects/${project.id}`);

    // The investor sees the project in plain words, without notes or history.
    const context = await contextFor(browser, baseURL!, investor.email, { javaScriptEnabled });
    const page = await context.newPage();
    // "My projects" is in the account menu of an account linked to a project.
    await page.goto("/");
    await page.locator("summary", { hasText: "Anna Weber" }).click();
    await page.getByRole("link", { name: "My projects" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.getByRole("link", { name: org }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(org);
    await expect(page.getByTestId("investor-stage")).toContainText("Fit confirmed");
    await expect(page.getByText("Send the site visit proposal")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("INTERNAL-ONLY");
    // Its visits: the one to come in Beijing time with its .ics, the past one without notes.
    const upcoming = page.getByTestId("visits-upcoming");
    await expect(upcoming).toContainText("2030-04-20 10:00");
    await expect(upcoming).toContainText("Building 7 lobby");
    await expect(upcoming).toContainText(/Building \w+, unit \w+/);
    await expect(page.getByTestId("visits-past")).toContainText("Service Centre, Room 301");
    const ics = await page.request.get(
      (await upcoming.getByTestId("investor-visit-ics").getAttribute("href"))!,
    );
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent("vevent")!,
    );
    expect(event.startDate.toJSDate().toISOString()).toBe("2030-04-20T02:00:00.000Z");
    expect(event.location).toBe("Building 7 lobby");
    for (const path of [`/projects/${project.id}`, `/projects/${project.id}.data`]) {
      const body = await (await page.request.get(path)).text();
      expect(body).toContain(project.reference);
      expect(body, path).not.toContain("INTERNAL-ONLY");
    }

    // A document, checked by its bytes: HTML named .pdf is refused, a PDF is taken.
    await page.getByLabel("Add a document").setInputFiles({
      name: "plan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    await page.getByRole("button", { name: "Upload document" }).click();
    await expect(page.getByText("This type of file is not accepted").first()).toBeVisible();
    await page.getByLabel("Add a document").setInputFiles({
      name: "Helio business plan.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByRole("button", { name: "Upload document" }).click();
    await expect(page.getByText("Document uploaded.")).toBeVisible();
    const docLink = page.getByTestId("project-documents").getByRole("link", {
      name: "Helio business plan.pdf",
    });
    const download = await page.request.get((await docLink.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

    // A message: an empty one is a field error; then it is sent and the owner is told.
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText("Write a message.").first()).toBeVisible();
    await page.getByLabel("Your message").fill("Could we visit in the second week of January?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText("Message sent.")).toBeVisible();
    await expect(page.getByTestId("project-messages")).toContainText(
      "Could we visit in the second week of January?",
    );
    const ownerMail = await latestEmail(PROMOTION_EN, "projectMessageToOwner");
    expect(ownerMail.subject).toContain(project.reference);

    // The park replies; the investor (now reading Chinese) gets the email in Chinese.
    await query("UPDATE app_user SET locale = 'zh-CN' WHERE id = $1", [investor.id]);
    await desk.reload();
    await expect(desk.getByTestId("project-messages")).toContainText(
      "Could we visit in the second week of January?",
    );
    await expect(desk.getByTestId("project-documents")).toContainText("from the investor");
    await desk.getByLabel("Your message").fill("Tuesday 12 January at 10:00 suits us.");
    await desk.getByRole("button", { name: "Send message" }).click();
    await expect(desk.getByText("Message sent.")).toBeVisible();
    const reply = await latestEmail(investor.email, "projectMessageToInvestor");
    expect(reply.subject).toContain("紫竹高新区");
    expect(reply.text_body).toContain("Tuesday 12 January at 10:00 suits us.");
    await page.reload();
    await expect(page.getByTestId("project-messages")).toContainText("Tuesday 12 January");

    // Another account: 404, for the page and the document.
    const stranger = await createAccount({ prefix: "stranger" });
    const other = await contextFor(browser, baseURL!, stranger.email);
    const otherPage = await other.newPage();
    expect((await otherPage.goto(`/projects/${project.id}`))!.status()).toBe(404);
    expect((await otherPage.request.get((await docLink.getAttribute("href"))!)).status()).toBe(404);
    await other.close();
    await context.close();
    await staff.close();
  });
}

test("an invitation link brings a new account to the project; at phone width nothing scrolls sideways", async ({
  browser,
  baseURL,
}) => {
  const org = `Nordwind Energy ${crypto.randomBytes(3).toString("hex")}`;
  const project = await newProject(org);
  const email = `cfo-${crypto.randomBytes(4).toString("hex")}@nordwind.example`;
  const staff = await contextFor(browser, baseURL!, PROMOTION_EN);
  const desk = await staff.newPage();
  await desk.goto(`/desk/projects/${project.id}/investor`);
  await desk.getByLabel("Investor's email address").fill(email);
  await desk.getByLabel("Language of the invitation").selectOption("zh-CN");
  await desk.getByRole("button", { name: "Give access" }).click();
  await expect(desk.getByText("Invitation sent.")).toBeVisible();
  await expect(desk.getByTestId("investor-access")).toContainText("Invited");
  const invite = await latestEmail(email, "projectInvestorInvite");
  expect(invite.subject).toContain(project.reference);
  expect(invite.text_body).toContain("紫竹");
  const link = new URL(linkIn(invite.text_body));

  const [row] = await query<{ id: string }>(
    `INSERT INTO app_user (email, name, password_hash, locale, email_verified_at)
     VALUES ($1, 'Jonas Berg', 'x', 'en', now()) RETURNING id`,
    [email],
  );
  expect(row).toBeDefined();
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const anon = await context.newPage();
  await anon.goto(link.pathname);
  await expect(anon.getByRole("link", { name: "Create an account" })).toBeVisible();
  await context.close();

  const signed = await contextFor(browser, baseURL!, email);
  const page = await signed.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link.pathname);
  await page.getByRole("button", { name: "Follow the project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(org);
  await expect(page.getByText("You now follow this project.")).toBeVisible();
  for (const path of [`/projects/${project.id}`, "/projects"]) {
    await page.goto(path);
    const [scroll, width] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      innerWidth,
    ]);
    expect(scroll, path).toBeLessThanOrEqual(width);
  }
  // The link works once.
  expect((await page.goto(link.pathname))!.status()).toBe(410);
  await staff.close();
  await signed.close();
});
