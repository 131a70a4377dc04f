import { expect, latestEmail, loginAs, query, test, uniqueEmail } from "../support/e2e";

test.beforeEach(async () => {
  // Each run starts with a fresh per-IP allowance (the limit itself is unit-tested).
  await query("DELETE FROM attempt_counter WHERE key LIKE 'inquiry:ip:%'");
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`inquiry (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("a visitor sends an inquiry and staff answer it", async ({ page, browser, baseURL }) => {
      const email = uniqueEmail("investor");
      await page.goto("/contact");
      await expect(page.getByRole("heading", { level: 1, name: "Contact the park" })).toBeVisible();
      // An incomplete form keeps what was typed and shows errors at the fields.
      await page.getByLabel("Your name").fill("Maria Rossi");
      await page.getByRole("button", { name: "Send inquiry" }).click();
      await expect(page.getByText("Enter a valid email address.").first()).toBeVisible();
      await expect(page.getByLabel("Your name")).toHaveValue("Maria Rossi");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Organisation").fill("Rossi Robotics");
      await page.getByLabel("You are interested in").selectOption("space");
      await page
        .getByLabel("Your message")
        .fill("We look for a small laboratory for our robotics team.");
      await page.getByRole("button", { name: "Send inquiry" }).click();
      await expect(
        page.getByRole("heading", { name: "Thank you: we have your inquiry" }),
      ).toBeVisible();
      const reference = (await page.locator(".inquiry-reference").textContent())!.trim();
      expect(reference).toMatch(/^INQ-\d{4}-\d{5}$/);
      const confirmation = await latestEmail(email, "inquiryReceived");
      expect(confirmation.subject).toContain(reference);

      const staffContext = await browser.newContext({ javaScriptEnabled });
      await loginAs(staffContext, baseURL!, "staff");
      const staff = await staffContext.newPage();
      await staff.goto("/desk/inquiries?status=new");
      await staff.getByRole("link", { name: reference }).click();
      await expect(staff.getByRole("heading", { level: 1 })).toHaveText(reference);
      await staff.getByLabel("Assign to").selectOption({ label: "Chen Jing" });
      await staff.getByRole("button", { name: "Update" }).nth(1).click();
      await expect(staff.getByText("Assigned to Chen Jing")).toBeVisible();
      await staff
        .getByRole("textbox", { name: "Internal note" })
        .fill("Show them building B labs.");
      await staff.getByRole("button", { name: "Add note" }).click();
      await expect(staff.locator(".inquiry-event-note")).toContainText(
        "Show them building B labs.",
      );
      await staff
        .getByRole("textbox", { name: "Reply by email" })
        .fill("Dear Maria, we have laboratory space available. When can you visit?");
      await staff.getByRole("button", { name: "Send reply" }).click();
      await expect(staff.locator(".inquiry-event-reply")).toContainText("When can you visit?");
      await expect(staff.locator(".page-header .badge")).toHaveText("Answered");
      const reply = await latestEmail(email, "inquiryReply");
      expect(reply.text_body).toContain("When can you visit?");
      await staffContext.close();
    });
  });
}

test("someone who is not staff cannot open the inbox", async ({ page, context, baseURL }) => {
  await loginAs(context, baseURL!, "memberA");
  const response = await page.goto("/desk/inquiries");
  expect(response!.status()).toBe(403);
});
