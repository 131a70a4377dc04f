import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, sessionUserOf } from "../../tests/support/factories";
import { allowAllInserts, installRefusals, refuseInserts } from "../../tests/support/refuse";
import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { acceptInvitation, getMembership } from "~/companies/companies.server";
import { withCheckChar } from "~/companies/credit-code";
import { Forbidden } from "~/lib/result";
import { addTranche, createProject } from "./projects.server";
import { findCompanies, landedFigures, landingOf, landProject } from "./landing.server";
import type { LandingInput } from "./landing-schema";

let t: TestDatabase;
let promo: SessionUser;
let admin: SessionUser;
let desk: SessionUser;
const meta = { origin: "https://portal.test" };

async function project(stage: string, organisation = "Sakura Precision Materials") {
  const r = await createProject(t.db, promo, {
    organisation,
    country: "JP",
    parentGroup: "",
    industryId: null,
    planKind: "production",
    investment: { minor: 3_000_000_000, currency: "JPY" },
    capital: { minor: 500_000_000, currency: "JPY" },
    jobsPlanned: 120,
    spaceType: "industrial",
    areaMin: 5000,
    areaMax: 7000,
    moveInOn: null,
    specialNeeds: "",
    source: "referral",
    ownerId: null,
    notes: "",
    contacts: [],
  });
  if (!r.ok) throw new Error(r.error);
  await t.db.updateTable("project").set({ stage }).where("id", "=", r.id).execute();
  return r.id;
}

const create = (over: Partial<Extract<LandingInput, { mode: "create" }>> = {}): LandingInput => ({
  mode: "create",
  nameEn: "Sakura Precision Materials (Shanghai) Co., Ltd.",
  nameZh: "樱花精密材料（上海）有限公司",
  creditCode: undefined,
  industry: "new-materials",
  size: "50-249",
  locale: "en",
  confirm: "yes",
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase();
  promo = sessionUserOf(await insertUser(t.db, { roles: ["promotion"] }));
  admin = sessionUserOf(await insertUser(t.db, { roles: ["admin"] }));
  desk = sessionUserOf(await insertUser(t.db, { roles: ["staff"] }));
  await installRefusals(t.db);
});
afterAll(() => t.close());

describe("landing a project", () => {
  it("waits for registration and is for promotion staff", async () => {
    const id = await project("signed");
    expect(await landProject(t.db, promo, id, create(), meta)).toEqual({
      ok: false,
      error: "stage",
    });
    await expect(landProject(t.db, desk, id, create(), meta)).rejects.toThrow(Forbidden);
  });

  it("creates a resident company owned by the investor, carrying the project's figures", async () => {
    const id = await project("registered");
    await addTranche(t.db, promo, id, {
      minor: 200_000_000,
      currency: "JPY",
      arrivedOn: "2026-11-20",
      note: "",
    });
    const investor = await insertUser(t.db, { email: "k.sato@sakura.example", locale: "zh-CN" });
    const r = await landProject(
      t.db,
      promo,
      id,
      create({ ownerEmail: "K.Sato@sakura.example" }),
      meta,
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.owner).toBe("added");
    const company = await t.db
      .selectFrom("company")
      .select(["is_resident", "resident_since", "industry"])
      .where("id", "=", r.companyId)
      .executeTakeFirstOrThrow();
    expect(company.is_resident).toBe(true);
    expect(company.resident_since).not.toBeNull();
    // The owner can use the service desk as a resident.
    const membership = await getMembership(t.db, investor.id);
    expect(membership).toEqual({ companyId: r.companyId, role: "owner" });
    expect(can({ roles: [], company: { role: "owner" } }, "create:service_request:own")).toBe(true);
    const mail = await t.db
      .selectFrom("email")
      .select(["template", "locale"])
      .where("to_address", "=", "k.sato@sakura.example")
      .executeTakeFirstOrThrow();
    expect(mail).toEqual({ template: "projectLandedOwner", locale: "zh-CN" });
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "in", [id, r.companyId])
      .where("action", "in", ["project.landed", "company.created_from_project"])
      .execute();
    expect(actions).toHaveLength(2);
    expect((await landingOf(t.db, id))?.company_id).toBe(r.companyId);
    // The figures carried over, for staff on the company's page.
    const [figures] = await landedFigures(t.db, admin, r.companyId);
    expect(figures).toMatchObject({
      reference: expect.stringMatching(/^PRJ-/),
      investment_minor: 3_000_000_000,
      jobs_planned: 120,
      arrived: [{ currency: "JPY", total: 200_000_000 }],
    });
    expect(await landedFigures(t.db, promo, r.companyId)).toEqual([]);
    // Once only.
    expect(await landProject(t.db, promo, id, create({ nameEn: "Again" }), meta)).toMatchObject({
      error: "alreadyLanded",
    });
  });

  it("is one transaction: a refused audit entry leaves no company, link or email", async () => {
    const id = await project("registered", "Atomic Rollback GmbH");
    await refuseInserts(t.db, "audit_log", "action", "company.created_from_project");
    await expect(
      landProject(
        t.db,
        promo,
        id,
        create({ nameEn: "Atomic Rollback GmbH", ownerEmail: "x@atomic.example" }),
        meta,
      ),
    ).rejects.toThrow();
    await allowAllInserts(t.db);
    expect(await landingOf(t.db, id)).toBeNull();
    expect(
      await t.db
        .selectFrom("company")
        .select("id")
        .where("name_en", "=", "Atomic Rollback GmbH")
        .execute(),
    ).toEqual([]);
    expect(
      await t.db
        .selectFrom("email")
        .select("id")
        .where("to_address", "=", "x@atomic.example")
        .execute(),
    ).toEqual([]);
  });

  it("links an existing company found by credit code and invites a new person as its owner", async () => {
    const code = withCheckChar("91310112MA1HCD4K9");
    const existing = await insertCompany(t.db, {
      nameEn: "Nordwind Energy China",
      creditCode: code,
    });
    const id = await project("moved_in", "Nordwind Energy");
    expect((await findCompanies(t.db, promo, code.toLowerCase())).map((c) => c.id)).toEqual([
      existing.id,
    ]);
    expect(
      await landProject(
        t.db,
        promo,
        await project("registered", "Dup"),
        create({ creditCode: code }),
        meta,
      ),
    ).toMatchObject({ error: "creditCodeTaken" });
    const r = await landProject(
      t.db,
      promo,
      id,
      {
        mode: "link",
        companyId: existing.id,
        ownerEmail: "cfo@nordwind.example",
        locale: "zh-CN",
        confirm: "yes",
      },
      meta,
    );
    if (!r.ok || !r.token) throw new Error("no invitation");
    expect(r.owner).toBe("invited");
    const cfo = await insertUser(t.db, { email: "cfo@nordwind.example" });
    expect(await acceptInvitation(t.db, cfo, r.token)).toEqual({
      ok: true,
      companyId: existing.id,
    });
    expect(await getMembership(t.db, cfo.id)).toEqual({ companyId: existing.id, role: "owner" });
    const company = await t.db
      .selectFrom("company")
      .select(["is_resident", "version"])
      .where("id", "=", existing.id)
      .executeTakeFirstOrThrow();
    expect(company).toEqual({ is_resident: true, version: 2 });
  });
});
