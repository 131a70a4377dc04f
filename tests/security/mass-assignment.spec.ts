/**
 * No mass assignment over HTTP (ASVS 8.2.3, 15.3.3): a company posting fields it may not set
 * (state, assignee, priority, another company's id, residency, version tricks) changes nothing
 * beyond what the form allows. Applications are covered in app/incubation/incubation.test.ts
 * ("saves only the step's own questions ...", "reads only the rubric's scores ...").
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { PERSONAS, query, sessionTokenFor } from "../support/e2e";

async function ids() {
  const company = async (email: string) =>
    (
      await query<{ id: string }>(
        "SELECT m.company_id AS id FROM company_member m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1",
        [email],
      )
    )[0]!.id;
  const user = async (email: string) =>
    (await query<{ id: string }>("SELECT id FROM app_user WHERE email = $1", [email]))[0]!.id;
  return {
    companyA: await company(PERSONAS.memberA),
    companyB: await company(PERSONAS.memberB),
    staff: await user(PERSONAS.staff),
    memberA: await user(PERSONAS.memberA),
  };
}

test("filing a request: posted state, assignee, priority, company or requester change nothing", async ({
  playwright,
  baseURL,
}) => {
  const known = await ids();
  const [type] = await query<{ id: string }>(
    "SELECT id FROM service_type WHERE code = 'policy-subsidy'",
  );
  const token = await sessionTokenFor(PERSONAS.memberA);
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `session=${token}; lang=en`, Origin: baseURL! },
  });
  const subject = `Mass assignment probe ${crypto.randomBytes(4).toString("hex")}`;
  try {
    const response = await api.post("/requests/new", {
      maxRedirects: 0,
      form: {
        typeId: type!.id,
        idempotencyKey: crypto.randomUUID(),
        subject,
        description: "Which subsidies could a photonics company of 40 people apply for?",
        // Fields the form does not have, in the column names and in camelCase:
        state: "resolved",
        status: "resolved",
        assignee_id: known.staff,
        assigneeId: known.staff,
        priority: "urgent",
        company_id: known.companyB,
        companyId: known.companyB,
        requester_id: known.staff,
        requesterId: known.staff,
        ref: "SR-1999-000001",
        sla_breached: "true",
        rating: "5",
        is_open: "false",
      },
    });
    expect(response.status()).toBe(302);
    const rows = await query<Record<string, unknown>>(
      "SELECT ref, state, assignee_id, priority, company_id, requester_id, sla_breached, rating, is_open FROM service_request WHERE subject = $1",
      [subject],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      state: "new",
      assignee_id: null,
      priority: "normal",
      company_id: known.companyA,
      requester_id: known.memberA,
      sla_breached: false,
      rating: null,
      is_open: true,
    });
    expect(rows[0]!.ref).not.toBe("SR-1999-000001");
    // The same persona cannot move its own request's state by posting to it either.
    const ref = String(rows[0]!.ref);
    const change = await api.post(`/requests/${ref}`, {
      maxRedirects: 0,
      form: { intent: "transition", to: "resolved", state: "resolved", assignee_id: known.staff },
    });
    expect(change.status()).toBeGreaterThanOrEqual(300);
    expect(change.status()).toBeLessThan(500);
    const [after] = await query<{ state: string; assignee_id: string | null }>(
      "SELECT state, assignee_id FROM service_request WHERE ref = $1",
      [ref],
    );
    expect(after).toEqual({ state: "new", assignee_id: null });
  } finally {
    await api.dispose();
  }
});

test("editing the company: posted residency, id, version or another company's id change nothing", async ({
  playwright,
  baseURL,
}) => {
  const known = await ids();
  const columns =
    "id, name_en, name_zh, credit_code, industry, website, size, is_resident, resident_since, version";
  const before = async (id: string) =>
    (
      await query<Record<string, unknown>>(`SELECT ${columns} FROM company WHERE id = $1`, [id])
    )[0]!;
  const a = await before(known.companyA);
  const b = await before(known.companyB);
  const token = await sessionTokenFor(PERSONAS.ownerA);
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `session=${token}; lang=en`, Origin: baseURL! },
  });
  try {
    const response = await api.post("/company/edit", {
      maxRedirects: 0,
      form: {
        nameEn: String(a.name_en),
        nameZh: String(a.name_zh),
        creditCode: String(a.credit_code ?? ""),
        industry: String(a.industry),
        website: String(a.website ?? ""),
        size: String(a.size),
        version: String(a.version),
        // Not on the form:
        id: known.companyB,
        companyId: known.companyB,
        company_id: known.companyB,
        isResident: a.is_resident ? "false" : "true",
        is_resident: a.is_resident ? "false" : "true",
        residentSince: "2001-01-01",
        resident_since: "2001-01-01",
        directoryOptIn: "true",
      },
    });
    expect(response.status(), await response.text()).toBe(302);
    const afterA = await before(known.companyA);
    expect(afterA).toEqual({ ...a, version: Number(a.version) + 1 });
    expect(await before(known.companyB)).toEqual(b);
  } finally {
    await api.dispose();
  }
});
