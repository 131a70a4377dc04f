/**
 * Workflows cannot skip states (ASVS 2.3.1), over HTTP: staff asking to resolve a request that
 * was just filed (new -> resolved skips triage and work) get 400 with a clear message on the
 * page, and the state does not move. The full transition tables are unit-tested in
 * app/service-requests/workflow.test.ts and app/incubation/workflow.test.ts.
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { PERSONAS, query, sessionTokenFor } from "../support/e2e";

test("an illegal state change is refused with a clear message and changes nothing", async ({
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const post = async (path: string, cookie: string, form: Record<string, string>) =>
    fetch(new URL(path, baseURL), {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { Cookie: `${cookie}; lang=en`, Origin: origin },
      redirect: "manual",
    });
  const member = `session=${await sessionTokenFor(PERSONAS.memberA)}`;
  const staff = `session=${await sessionTokenFor(PERSONAS.staff)}`;
  const [type] = await query<{ id: string }>(
    "SELECT id FROM service_type WHERE code = 'policy-subsidy'",
  );
  const subject = `Workflow probe ${crypto.randomBytes(4).toString("hex")}`;
  const filed = await post("/requests/new", member, {
    typeId: type!.id,
    idempotencyKey: crypto.randomUUID(),
    subject,
    description: "Please tell us which subsidies apply to our photonics lab.",
  });
  expect(filed.status).toBe(302);
  const [row] = await query<{ ref: string; version: number; priority: string }>(
    "SELECT ref, version, priority FROM service_request WHERE subject = $1",
    [subject],
  );
  const refused = await post(`/desk/requests/${row!.ref}`, staff, {
    intent: "properties",
    version: String(row!.version),
    state: "resolved",
    priority: row!.priority,
  });
  expect(refused.status).toBe(422);
  expect(await refused.text()).toContain(
    "That change of state is not allowed from the current state.",
  );
  const [after] = await query<{ state: string; version: number }>(
    "SELECT state, version FROM service_request WHERE ref = $1",
    [row!.ref],
  );
  expect(after).toEqual({ state: "new", version: row!.version });
  // The allowed next step goes through.
  const triaged = await post(`/desk/requests/${row!.ref}`, staff, {
    intent: "properties",
    version: String(row!.version),
    state: "triaged",
    priority: row!.priority,
  });
  expect(triaged.status).toBe(302);
});
