/** The park's live figures (issue 18): counted from the database, not typed in. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertApplication,
  insertCall,
  insertCompany,
  insertProgramme,
  insertUser,
} from "../../tests/support/factories";
import { parkFigures } from "./figures.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function offer(programmeId: string, status: string, endedOn: string | null = null) {
  const co = await insertCompany(t.db, { owner: (await insertUser(t.db)).id });
  const callId = await insertCall(t.db, { programmeId });
  const appId = await insertApplication(t.db, { callId, companyId: co.id, status: "accepted" });
  await t.db
    .insertInto("incubation_offer")
    .values({
      application_id: appId,
      company_id: co.id,
      status,
      reply_by: "2099-01-31",
      start_date: "2026-01-01",
      planned_end_date: "2028-01-01",
      ended_on: endedOn,
    })
    .execute();
}

const unit = (building: string, unitNo: string, area: number, state = "available") =>
  t.db
    .insertInto("space_unit")
    .values({
      building,
      floor: 1,
      unit_no: unitNo,
      kind: "office",
      area_m2: area,
      rent_minor: 100,
      available_from: "2026-01-01",
      state,
    })
    .execute();

describe("parkFigures", () => {
  it("counts resident companies, running incubations and the space to let per building", async () => {
    const before = await parkFigures(t.db, new Date("2026-12-05T00:00:00Z"));
    await insertCompany(t.db, { resident: true });
    await insertCompany(t.db, { resident: true });
    await insertCompany(t.db, { resident: false });
    const programmeId = await insertProgramme(t.db);
    await offer(programmeId, "signed");
    await offer(programmeId, "signed", "2026-06-30"); // ended: no longer in incubation
    await offer(programmeId, "offered"); // not signed yet
    await unit("Q", "Q-101", 120);
    await unit("Q", "Q-102", 80);
    await unit("Q", "Q-103", 500, "let");
    await unit("R", "R-101", 40, "let");
    const after = await parkFigures(t.db, new Date("2026-12-05T00:00:00Z"));
    expect(after.residentCompanies - before.residentCompanies).toBe(2);
    expect(after.incubatees - before.incubatees).toBe(1);
    expect(after.availableM2 - before.availableM2).toBe(200);
    expect(after.availableUnits - before.availableUnits).toBe(2);
    expect(after.buildings.find((b) => b.building === "Q")).toEqual({
      building: "Q",
      units: 2,
      areaM2: 200,
    });
    // A building with nothing to let is listed with zero.
    expect(after.buildings.find((b) => b.building === "R")).toEqual({
      building: "R",
      units: 0,
      areaM2: 0,
    });
  });
});
