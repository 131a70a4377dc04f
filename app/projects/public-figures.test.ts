/**
 * Public figures against the real database: values of the park year (Asia/Shanghai), only
 * published figures on the public side, publishing audited in its transaction, and staff
 * without the promotion permissions refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { allowAllInserts, installRefusals, refuseInserts } from "../../tests/support/refuse";
import type { ParkRole } from "~/auth/permissions";
import { Forbidden } from "~/lib/result";
import type { ProjectActor } from "./projects.server";
import {
  figureValues,
  publicFigures,
  setFigurePublic,
  staffFigures,
} from "./public-figures.server";

let t: TestDatabase;
let promo: ProjectActor;
let desk: ProjectActor;
const M = 100_000_000;
// 31 December 2030, 17:00 UTC: already 1 January 2031 in Shanghai.
const NOW = new Date("2030-12-31T17:00:00Z");

async function user(email: string, roles: ParkRole[]) {
  const u = await t.db
    .insertInto("app_user")
    .values({ email, name: email.split("@")[0]!, password_hash: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
  return { id: u.id, roles, company: null };
}

let n = 0;
async function project(
  stage: string,
  invest: [number, string] | null,
  signedAt: string | null,
  tranches: [number, string, string][] = [],
) {
  n += 1;
  const p = await t.db
    .insertInto("project")
    .values({
      reference: `PRJ-F-${n}`,
      organisation: `Figure ${n}`,
      source: "staff",
      stage,
      investment_minor: invest?.[0] ?? null,
      investment_currency: invest?.[1] ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (signedAt)
    await t.db
      .insertInto("project_event")
      .values({
        project_id: p.id,
        kind: "stage",
        from_stage: "negotiating",
        to_stage: "signed",
        at: new Date(signedAt),
      })
      .execute();
  for (const [minor, currency, day] of tranches)
    await t.db
      .insertInto("project_tranche")
      .values({ project_id: p.id, amount_minor: minor, currency, arrived_on: day })
      .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await installRefusals(t.db);
  promo = await user("promo@test.example", ["promotion"]);
  desk = await user("desk@test.example", ["staff"]);
  // Signed on 1 January 2031 in Shanghai (31 December UTC): this park year.
  await project("registered", [80 * M, "CNY"], "2030-12-31T16:30:00Z", [
    [20 * M, "CNY", "2031-01-01"],
    [7 * M, "CNY", "2030-12-31"],
  ]);
  // Signed in dollars this year: counted as a project, not in the yuan sum.
  await project("signed", [5 * M, "USD"], "2031-01-01T03:00:00Z", [[1 * M, "USD", "2031-01-01"]]);
  // Signed last year, now producing.
  await project("producing", [30 * M, "CNY"], "2030-06-01T03:00:00Z");
  await project("moved_in", null, null);
  await project("negotiating", [9 * M, "CNY"], null);
});
afterAll(() => t.close());

describe("public figures", () => {
  it("computes each figure for the park year", async () => {
    expect(await figureValues(t.db, NOW)).toEqual([
      { figure: "signed_investment_year", year: 2031, value: 80 * M, currency: "CNY" },
      { figure: "capital_arrived_year", year: 2031, value: 20 * M, currency: "CNY" },
      { figure: "projects_signed_year", year: 2031, value: 2, currency: null },
      { figure: "projects_landed", year: 2031, value: 3, currency: null },
    ]);
  });

  it("shows only published figures, publishes once, audits each change", async () => {
    expect(await publicFigures(t.db, NOW)).toEqual([]);
    const r1 = await setFigurePublic(t.db, promo, "projects_landed", true, { ip: "203.0.113.5" });
    const r2 = await setFigurePublic(t.db, promo, "projects_landed", true);
    expect([r1, r2]).toEqual([
      { ok: true, changed: true },
      { ok: true, changed: false },
    ]);
    await setFigurePublic(t.db, promo, "signed_investment_year", true);
    expect((await publicFigures(t.db, NOW)).map((f) => [f.figure, f.value])).toEqual([
      ["signed_investment_year", 80 * M],
      ["projects_landed", 3],
    ]);
    expect((await staffFigures(t.db, promo, NOW)).map((f) => f.public)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    await setFigurePublic(t.db, promo, "signed_investment_year", false);
    expect((await publicFigures(t.db, NOW)).map((f) => f.figure)).toEqual(["projects_landed"]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "actor_id", "ip"])
      .where("entity_type", "=", "project_figure")
      .orderBy("id")
      .execute();
    expect(audits).toEqual([
      {
        action: "project_figure.published",
        entity_id: "projects_landed",
        actor_id: promo.id,
        ip: "203.0.113.5",
      },
      {
        action: "project_figure.published",
        entity_id: "signed_investment_year",
        actor_id: promo.id,
        ip: null,
      },
      {
        action: "project_figure.withdrawn",
        entity_id: "signed_investment_year",
        actor_id: promo.id,
        ip: null,
      },
    ]);
  });

  it("writes nothing when the audit entry cannot be written", async () => {
    await refuseInserts(t.db, "audit_log", "action", "project_figure.published");
    await expect(setFigurePublic(t.db, promo, "capital_arrived_year", true)).rejects.toThrow();
    await allowAllInserts(t.db);
    expect((await publicFigures(t.db, NOW)).map((f) => f.figure)).toEqual(["projects_landed"]);
  });

  it("bumps the content version (the page cache) when figures or the pipeline change", async () => {
    const version = async () =>
      Number(
        (await t.db.selectFrom("content_version").select("version").executeTakeFirstOrThrow())
          .version,
      );
    const v0 = await version();
    await t.db
      .updateTable("project")
      .set({ stage: "producing" })
      .where("reference", "=", "PRJ-F-4")
      .execute();
    expect(await version()).toBeGreaterThan(v0);
  });

  it("refuses desk staff", async () => {
    await expect(staffFigures(t.db, desk)).rejects.toBeInstanceOf(Forbidden);
    await expect(setFigurePublic(t.db, desk, "projects_landed", false)).rejects.toBeInstanceOf(
      Forbidden,
    );
  });
});
