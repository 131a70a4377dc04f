/**
 * Site visits (issue 13, ADR 0041): promotion staff plan a visit on a project without
 * JavaScript; the history records it; the .ics downloaded from the project page and the one
 * queued with the investor's email parse as the same event (UID, time in UTC, place); a
 * reschedule sends SEQUENCE 1; marking it held moves the project from visit planned to visited.
 */
import crypto from "node:crypto";
import ICAL from "ical.js";
import { contextFor, expect, query, test } from "../support/e2e";

const PROMOTION_EN = "promotion2@demo.zizhupark.example";

async function newProject(stage: string) {
  const org = `Nordkap Robotics ${crypto.randomBytes(3).toString("hex")}`;
  const [p] = await query<{ id: string }>(
    `INSERT INTO project (reference, organisation, country, source, owner_id, stage, created_by)
     SELECT 'PRJ-E2E-' || substr(md5(random()::text), 1, 8), $1, 'NO', 'event', id, $2, id
       FROM app_user WHERE email = $3
     RETURNING id`,
    [org, stage, PROMOTION_EN],
  );
  const contact = `ingrid-${crypto.randomBytes(3).toString("hex")}@nordkap.example`;
  await query(
    `INSERT INTO project_contact (project_id, position, name, title, email, phone)
     VALUES ($1, 0, 'Ingrid Berg', 'CEO', $2, '')`,
    [p!.id, contact],
  );
  return { id: p!.id, org, contact };
}

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(cal.getFirstSubcomponent("vevent")!);
  return { method: cal.getFirstPropertyValue("method"), event };
}

test("a visit is planned without JavaScript, its .ics downloads and the investor's email carries it", async ({
  browser,
  baseURL,
}) => {
  const { id, contact } = await newProject("visit_planned");
  const context = await contextFor(browser, baseURL!, PROMOTION_EN, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/desk/projects/${id}`);
  const visits = page.locator("#visits");
  await visits.getByText("Plan a visit").click();
  // A form with an error keeps what was typed.
  await visits.getByLabel("Place").fill("Zizhu Park Service Centre, Room 301");
  await visits.getByRole("button", { name: "Send invitation" }).click();
  await expect(visits.getByText("Enter the date and time").first()).toBeVisible();
  await expect(visits.getByLabel("Place")).toHaveValue("Zizhu Park Service Centre, Room 301");
  await visits.getByLabel("Date and time (Beijing time, UTC+8)").fill("2027-04-20T10:00");
  await visits.getByLabel("Length").selectOption("90");
  await visits.getByRole("checkbox", { name: "Gao Fei" }).check();
  await visits.getByLabel("The investor's visitors").fill("Ingrid Berg, CEO");
  await visits.getByLabel("Agenda").fill("Park tour\nLab units in Building 7");
  await visits.getByLabel("Invitation to (the investor's contact)").selectOption(contact);
  await visits.getByLabel("Their language").selectOption("zh-CN");
  await visits.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Visit planned; invitations queued.")).toBeVisible();
  await expect(page.getByTestId("project-history")).toContainText(
    "Visit planned: 2027-04-20 10:00, Zizhu Park Service Centre, Room 301",
  );
  const item = visits.getByTestId("visit");
  await expect(item).toContainText("Gao Fei");
  await expect(item).toContainText("Planned");

  // The .ics from the project page.
  const href = await item.getByTestId("visit-ics").getAttribute("href");
  const res = await context.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/calendar");
  const downloaded = parse(await res.text());
  expect(downloaded.method).toBe("REQUEST");
  expect(downloaded.event.startDate.toJSDate().toISOString()).toBe("2027-04-20T02:00:00.000Z");
  expect(downloaded.event.endDate.toJSDate().toISOString()).toBe("2027-04-20T03:30:00.000Z");
  expect(downloaded.event.location).toBe("Zizhu Park Service Centre, Room 301");

  // The investor's email: in Chinese, with the same event attached.
  const [mail] = await query<{ subject: string; ics: string; locale: string }>(
    "SELECT subject, ics, locale FROM email WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1",
    [contact],
  );
  expect(mail!.locale).toBe("zh-CN");
  expect(mail!.subject).toContain("实地考察");
  const attached = parse(mail!.ics);
  expect(attached.event.uid).toBe(downloaded.event.uid);
  expect(attached.event.sequence).toBe(0);

  // Reschedule: same UID, SEQUENCE 1.
  await item.getByText("Reschedule or change").click();
  await item.getByLabel("Date and time (Beijing time, UTC+8)").fill("2027-04-21T14:30");
  await item.getByRole("button", { name: "Send update" }).click();
  await expect(page.getByText("Visit changed; updates queued.")).toBeVisible();
  const [update] = await query<{ ics: string }>(
    "SELECT ics FROM email WHERE to_address = $1 AND template = 'projectVisitUpdated' ORDER BY created_at DESC LIMIT 1",
    [contact],
  );
  const updated = parse(update!.ics);
  expect(updated.event.uid).toBe(downloaded.event.uid);
  expect(updated.event.sequence).toBe(1);
  expect(updated.event.startDate.toJSDate().toISOString()).toBe("2027-04-21T06:30:00.000Z");

  // Held: the project moves from visit planned to visited (the move table).
  await item.getByText("Mark as held").click();
  await item.getByLabel("Notes from the visit").fill("They liked the lab floor of Building 7.");
  await item.getByRole("button", { name: "Save as held" }).click();
  await expect(page.getByText("the project moved to visited")).toBeVisible();
  await expect(page.locator("header.page-header")).toContainText("Visited");
  await context.close();
});

test("a planned visit is cancelled after a confirmation (with JavaScript), the .ics says CANCEL", async ({
  browser,
  baseURL,
}) => {
  const { id, contact } = await newProject("qualified");
  const context = await contextFor(browser, baseURL!, PROMOTION_EN);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/desk/projects/${id}`);
  const visits = page.locator("#visits");
  await visits.getByText("Plan a visit").click();
  await visits.getByLabel("Date and time (Beijing time, UTC+8)").fill("2027-05-06T09:00");
  await visits.getByLabel("Place").fill("Building 7 lobby");
  await visits.getByLabel("Invitation to (the investor's contact)").selectOption(contact);
  await visits.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Visit planned; invitations queued.")).toBeVisible();
  const item = visits.getByTestId("visit");
  await item.getByRole("link", { name: "Cancel visit" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason (sent to everyone invited)").fill("Travel postponed");
  await dialog.getByRole("button", { name: "Cancel visit and notify" }).click();
  await expect(page.getByText("Visit cancelled; cancellations queued.")).toBeVisible();
  await expect(item).toContainText("Cancelled");
  const href = await item.getByTestId("visit-ics").getAttribute("href");
  const cancelled = parse(await (await context.request.get(href!)).text());
  expect(cancelled.method).toBe("CANCEL");
  expect(cancelled.event.sequence).toBe(1);
  const [mail] = await query<{ template: string; locale: string }>(
    "SELECT template, locale FROM email WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1",
    [contact],
  );
  expect(mail).toEqual({ template: "projectVisitCancelled", locale: "en" });
  await context.close();
});
