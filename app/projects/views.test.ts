import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod/v4";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import type { ParkRole } from "~/auth/permissions";
import { Forbidden, NotFound } from "~/lib/result";
import type { ProjectActor } from "./projects.server";
import { MAX_VIEWS_PER_PERSON, viewSchema } from "./view-schema";
import {
  deleteProjectView,
  listProjectViews,
  renameProjectView,
  saveProjectView,
  viewQuery,
} from "./views.server";

let t: TestDatabase;
let ana: ProjectActor;
let bo: ProjectActor;
let desk: ProjectActor;

async function user(email: string, roles: ParkRole[]) {
  const u = await t.db
    .insertInto("app_user")
    .values({ email, name: email.split("@")[0]!, password_hash: "x", locale: "en" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await t.db.insertInto("user_role").values({ user_id: u.id, role }).execute();
  return { id: u.id, roles, company: null };
}

const q = (s: string) => new URLSearchParams(s);

beforeAll(async () => {
  t = await createTestDatabase();
  ana = await user("ana@park.example", ["promotion"]);
  bo = await user("bo@park.example", ["promotion"]);
  desk = await user("desk@park.example", ["staff"]);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("viewQuery", () => {
  it("keeps known filters with valid values, in a fixed order, without the page cursor", () => {
    expect(viewQuery(q("flag=overdue&after=abc&stage=negotiating&owner=me&x=1"))).toBe(
      "stage=negotiating&owner=me&flag=overdue",
    );
  });
  it("drops the default stage, empty values and hostile ones", () => {
    expect(viewQuery(q("stage=open&country=&source=event"))).toBe("source=event");
    expect(viewQuery(q("stage=<script>&owner=1 OR 1=1&industry=x&country=ZZ&size=huge"))).toBe("");
  });
});

describe("the form schema", () => {
  it("asks for a name of at most 80 characters and reads the checkbox", () => {
    const parse = (entries: [string, string][]) =>
      parseWithZod(new URLSearchParams(entries), { schema: viewSchema });
    expect(parse([["name", "  "]]).status).toBe("error");
    expect(parse([["name", "x".repeat(81)]]).status).toBe("error");
    const r = parse([
      ["name", " Japan events "],
      ["shared", "on"],
    ]);
    expect(r.status === "success" && r.value).toEqual({ name: "Japan events", shared: true });
  });
});

describe("saved views", () => {
  it("saves personal and shared views: the owner sees both, others see the shared one", async () => {
    const mine = await saveProjectView(
      t.db,
      ana,
      { name: "My overdue", shared: false },
      q("owner=me&flag=overdue&after=zzz"),
    );
    const team = await saveProjectView(
      t.db,
      ana,
      { name: "Japan events", shared: true },
      q("country=JP&source=event"),
    );
    expect(mine.ok && team.ok).toBe(true);
    const own = await listProjectViews(t.db, ana);
    expect(own.map((v) => [v.name, v.query, v.shared, v.mine])).toEqual([
      ["Japan events", "country=JP&source=event", true, true],
      ["My overdue", "owner=me&flag=overdue", false, true],
    ]);
    const theirs = await listProjectViews(t.db, bo);
    expect(theirs.map((v) => [v.name, v.mine, v.owner_name])).toEqual([
      ["Japan events", false, "ana"],
    ]);
    const entries = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("entity_type", "=", "project_view")
      .execute();
    expect(entries).toEqual([
      { action: "project_view.saved", actor_id: ana.id },
      { action: "project_view.saved", actor_id: ana.id },
    ]);
  });

  it("refuses a name the owner already uses (any case); another person may use it", async () => {
    const again = await saveProjectView(t.db, ana, { name: "my OVERDUE", shared: false }, q(""));
    expect(again).toEqual({ ok: false, error: "duplicate" });
    const other = await saveProjectView(t.db, bo, { name: "My overdue", shared: false }, q(""));
    expect(other.ok).toBe(true);
  });

  it("renames and shares only one's own view; a clash is refused", async () => {
    const [overdue, japan] = await Promise.all(
      ["My overdue", "Japan events"].map(async (name) =>
        (await listProjectViews(t.db, ana)).find((v) => v.name === name && v.mine),
      ),
    );
    expect(
      await renameProjectView(t.db, ana, overdue!.id, { name: "japan events", shared: false }),
    ).toEqual({ ok: false, error: "duplicate" });
    expect(
      await renameProjectView(t.db, ana, overdue!.id, { name: "Late, mine", shared: true }),
    ).toEqual({ ok: true });
    await expect(
      renameProjectView(t.db, bo, japan!.id, { name: "Taken over", shared: false }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(deleteProjectView(t.db, bo, japan!.id)).rejects.toBeInstanceOf(NotFound);
    await expect(deleteProjectView(t.db, ana, "not-a-uuid")).rejects.toBeInstanceOf(NotFound);
    const seen = await listProjectViews(t.db, bo);
    expect(seen.map((v) => v.name).sort()).toEqual(["Japan events", "Late, mine", "My overdue"]);
  });

  it("deletes one's own view with an audit entry", async () => {
    const japan = (await listProjectViews(t.db, ana)).find((v) => v.name === "Japan events")!;
    await deleteProjectView(t.db, ana, japan.id, { ip: "203.0.113.9" });
    expect((await listProjectViews(t.db, bo)).map((v) => v.name)).not.toContain("Japan events");
    const entry = await t.db
      .selectFrom("audit_log")
      .select(["action", "details", "ip"])
      .where("entity_id", "=", japan.id)
      .where("action", "=", "project_view.deleted")
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ name: "Japan events", query: "country=JP&source=event" });
  });

  it("keeps at most 50 views per person", async () => {
    const carl = await user("carl@park.example", ["promotion"]);
    for (let i = 0; i < MAX_VIEWS_PER_PERSON; i++)
      expect((await saveProjectView(t.db, carl, { name: `v${i}`, shared: false }, q(""))).ok).toBe(
        true,
      );
    expect(await saveProjectView(t.db, carl, { name: "one more", shared: false }, q(""))).toEqual({
      ok: false,
      error: "tooMany",
    });
  });

  it("is for promotion staff only: the service desk's staff are refused", async () => {
    await expect(listProjectViews(t.db, desk)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      saveProjectView(t.db, desk, { name: "Mine", shared: false }, q("")),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});
