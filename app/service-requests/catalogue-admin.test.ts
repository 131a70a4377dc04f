import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertServiceType, insertStaff } from "../../tests/support/factories";
import { parseWithZod } from "@conform-to/zod/v4";
import { slaTypeSchema } from "./schema";
import {
  addCalendarDays,
  calendarRange,
  getTarget,
  listCalendarDays,
  setTargets,
} from "./catalogue.server";

let t: TestDatabase;
let actor: { id: string; ip: string | null };

beforeAll(async () => {
  t = await createTestDatabase();
  actor = { id: (await insertStaff(t.db, { name: "Calendar Admin" })).id, ip: null };
});
afterAll(async () => {
  await t?.close();
});

describe("holiday calendar", () => {
  it("reads a range of dates, both ends included, and refuses a backwards or too long one", () => {
    expect(calendarRange("2027-02-06", "2027-02-08")).toEqual([
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
    ]);
    expect(calendarRange("2027-02-08", "2027-02-06")).toBeNull();
    expect(calendarRange("2027-02-30", "2027-03-01")).toBeNull();
    expect(calendarRange("2027-01-01", "2027-03-01")).toBeNull();
  });

  it("adds a holiday range under one name and make-up days, with one audit entry each", async () => {
    const added = await addCalendarDays(t.db, actor, {
      from: "2027-02-06",
      to: "2027-02-12",
      kind: "holiday",
      name_en: "Test Festival",
      name_zh: "春节",
    });
    expect(added).toEqual({ ok: true, days: expect.arrayContaining(["2027-02-06", "2027-02-12"]) });
    expect(
      (
        await addCalendarDays(t.db, actor, {
          from: "2027-02-14",
          kind: "workday",
          name_en: "Test Festival make-up day",
          name_zh: "春节调休上班",
        })
      ).ok,
    ).toBe(true);
    const days = await listCalendarDays(t.db);
    expect(days.filter((d) => d.name_en === "Test Festival")).toHaveLength(7);
    expect(days.find((d) => d.day === "2027-02-14")?.kind).toBe("workday");
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "business_calendar.add")
      .execute();
    expect(audits).toHaveLength(2);
  });

  it("refuses a range with a date already in the calendar, naming it, and renames nothing", async () => {
    const result = await addCalendarDays(t.db, actor, {
      from: "2027-02-12",
      to: "2027-02-13",
      kind: "holiday",
      name_en: "Renamed",
      name_zh: "改名",
    });
    expect(result).toEqual({ ok: false, error: "taken", taken: ["2027-02-12"] });
    const days = await listCalendarDays(t.db);
    expect(days.find((d) => d.day === "2027-02-12")?.name_en).toBe("Test Festival");
    expect(days.find((d) => d.day === "2027-02-13")).toBeUndefined();
  });
});

describe("SLA targets of a type", () => {
  const form = (typeId: string, values: Record<string, string>) => {
    const data = new FormData();
    data.set("intent", "set-targets");
    data.set("typeId", typeId);
    for (const p of ["urgent", "high", "normal", "low"])
      for (const c of ["firstResponse", "resolution"]) {
        data.set(`targets.${p}.${c}.hours`, values[`${p}.${c}.hours`] ?? "8");
        data.set(`targets.${p}.${c}.minutes`, values[`${p}.${c}.minutes`] ?? "0");
      }
    return parseWithZod(data, { schema: slaTypeSchema });
  };

  const errorsOf = (s: ReturnType<typeof form>) => (s.status === "error" ? s.error : undefined);

  it("reads hours and minutes as working minutes and refuses zero or bad minutes", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    const good = form(id, {
      "urgent.firstResponse.hours": "1",
      "urgent.firstResponse.minutes": "30",
    });
    expect(good.status).toBe("success");
    if (good.status === "success") {
      expect(good.value.targets.urgent.firstResponse).toBe(90);
      expect(good.value.targets.low.resolution).toBe(480);
    }
    const zero = form(id, { "high.resolution.hours": "0", "high.resolution.minutes": "0" });
    expect(zero.status).toBe("error");
    expect(errorsOf(zero)?.["targets.high.resolution.hours"]).toEqual([
      "services:errors.durationZero",
    ]);
    const badMinutes = form(id, { "low.firstResponse.minutes": "75" });
    expect(errorsOf(badMinutes)?.["targets.low.firstResponse.minutes"]).toEqual([
      "services:errors.minutesPart",
    ]);
  });

  it("saves all four priorities in one change with one audit entry", async () => {
    const typeId = await insertServiceType(t.db);
    await setTargets(t.db, actor, typeId, {
      urgent: { firstResponse: 30, resolution: 240 },
      high: { firstResponse: 120, resolution: 960 },
      normal: { firstResponse: 480, resolution: 2400 },
      low: { firstResponse: 960, resolution: 4800 },
    });
    expect(await getTarget(t.db, typeId, "urgent")).toEqual({ firstResponse: 30, resolution: 240 });
    expect(await getTarget(t.db, typeId, "low")).toEqual({ firstResponse: 960, resolution: 4800 });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "service_sla.update")
      .where("entity_id", "=", typeId)
      .execute();
    expect(audits).toHaveLength(1);
  });
});
