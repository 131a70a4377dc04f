import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompany, insertUser, type CompanyOptions } from "../../tests/support/factories";
import { getCompanyDetail, listCompanies } from "./companies.server";

let t: TestDatabase;
/** A company with `members` new people (the first its owner); returns the id. */
async function newCompany(
  opts: Omit<CompanyOptions, "members"> & { nameEn: string; members?: number },
) {
  const { members = 0, ...company } = opts;
  const people: string[] = [];
  for (let i = 0; i < members; i++)
    people.push((await insertUser(t.db, { name: `${opts.nameEn} person ${i}` })).id);
  const [owner, ...others] = people;
  return (await insertCompany(t.db, { industry: "software", ...company, owner, members: others }))
    .id;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("listCompanies", () => {
  it("searches the English name, the Chinese name and the credit code, with member counts and the owner", async () => {
    const a = await newCompany({
      nameEn: "Aurora Optics",
      nameZh: "极光光学",
      creditCode: "91310112MA1GBX7Q2X",
      members: 3,
      resident: true,
    });
    const b = await newCompany({ nameEn: "Borealis Robotics", nameZh: "北极光机器人", members: 1 });
    expect((await listCompanies(t.db, { q: "aurora" })).items.map((c) => c.id)).toEqual([a]);
    expect((await listCompanies(t.db, { q: "极光" })).items.map((c) => c.id).sort()).toEqual(
      [a, b].sort(),
    );
    expect((await listCompanies(t.db, { q: "MA1GBX" })).items.map((c) => c.id)).toEqual([a]);
    const [row] = (await listCompanies(t.db, { q: "Aurora" })).items;
    expect(row).toMatchObject({
      nameEn: "Aurora Optics",
      memberCount: 3,
      isResident: true,
      owner: { name: "Aurora Optics person 0" },
    });
    expect(
      (await listCompanies(t.db, { q: "光", resident: "yes" })).items.map((c) => c.id),
    ).toEqual([a]);
    expect((await listCompanies(t.db, { q: "光", resident: "no" })).items.map((c) => c.id)).toEqual(
      [b],
    );
    expect((await listCompanies(t.db, { q: "100%" })).items).toEqual([]);
  });

  it("pages by (created_at, id) without duplicates or gaps when companies share a created_at", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 11; i++)
      ids.push(
        await newCompany({ nameEn: `Pager Co ${i}`, createdAt: "2026-06-01T00:00:00.000001Z" }),
      );
    for (let i = 0; i < 2; i++)
      ids.push(
        await newCompany({
          nameEn: `Pager Co late ${i}`,
          createdAt: "2026-06-01T00:00:00.000002Z",
        }),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCompanies(t.db, { q: "Pager Co", limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen).size).toBe(ids.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(ids.slice(-2).sort()).toEqual(seen.slice(0, 2).sort());
  });
});

describe("getCompanyDetail", () => {
  it("returns the company with its members (owner first), pending invitations and activity", async () => {
    const id = await newCompany({ nameEn: "Detail Labs", members: 2 });
    const owner = (
      await t.db
        .selectFrom("company_member")
        .select("user_id")
        .where("company_id", "=", id)
        .where("role", "=", "owner")
        .executeTakeFirstOrThrow()
    ).user_id;
    await t.db
      .insertInto("company_invitation")
      .values([
        {
          company_id: id,
          email: "new@example.com",
          token_hash: "hash-1",
          invited_by: owner,
          expires_at: new Date(Date.now() + 86_400_000),
        },
        {
          company_id: id,
          email: "old@example.com",
          token_hash: "hash-2",
          invited_by: owner,
          expires_at: new Date(Date.now() - 1000),
        },
      ])
      .execute();
    await t.db
      .insertInto("audit_log")
      .values({ actor_id: owner, action: "company.updated", entity_type: "company", entity_id: id })
      .execute();
    const detail = await getCompanyDetail(t.db, id);
    expect(detail).toMatchObject({ nameEn: "Detail Labs", pendingInvitations: 1 });
    expect(detail!.members.map((m) => m.role)).toEqual(["owner", "member"]);
    expect(detail!.members[0]!.id).toBe(owner);
    expect(detail!.activity).toMatchObject([{ action: "company.updated", actor_id: owner }]);
    expect(await getCompanyDetail(t.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await getCompanyDetail(t.db, "x")).toBeUndefined();
  });
});
