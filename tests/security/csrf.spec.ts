/**
 * Cross-site request check in server.js (ADR 0008): a non-GET request that says it comes from
 * another site is refused with 403 before any route runs; same-origin requests go through.
 */
import { expect, test } from "@playwright/test";

const form = { email: "nobody@example.com", password: "not-the-password" };

test("a POST with a foreign Origin is refused", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form,
  });
  expect(response.status()).toBe(403);
});

test("a POST with Origin: null is refused", async ({ request }) => {
  const response = await request.post("/login", { headers: { Origin: "null" }, form });
  expect(response.status()).toBe(403);
});

test("a POST marked Sec-Fetch-Site: cross-site or same-site is refused", async ({ request }) => {
  for (const site of ["cross-site", "same-site"]) {
    const response = await request.post("/login", { headers: { "Sec-Fetch-Site": site }, form });
    expect(response.status(), site).toBe(403);
  }
});

test("a same-origin POST goes through to the route", async ({ request, baseURL }) => {
  const response = await request.post("/login", {
    headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "same-origin" },
    form,
    maxRedirects: 0,
  });
  expect(response.status()).not.toBe(403);
  expect(response.status()).toBe(400); // wrong password: the form answers, not the guard
});

test("a GET is never refused for its Origin", async ({ request }) => {
  const response = await request.get("/login", {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(response.status()).toBe(200);
});
