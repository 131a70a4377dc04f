import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  insertCompanyMember,
  insertServiceType,
  insertStaff,
  TEST_ORIGIN,
  uniqueSuffix,
} from "../../tests/support/factories";
import { Forbidden } from "~/lib/result";
import { fileRequest, staffChange } from "~/service-requests/service-requests.server";
import {
  createKbArticle,
  deflectionSummary,
  draftFromRequest,
  getPublishedKb,
  listKbForDesk,
  recordKbEvents,
  searchKb,
  setKbStatus,
  suggestKb,
  updateKbArticle,
  voteKb,
} from "./kb.server";
import { queryKeys, searchKeys } from "./search-keys";

let t: TestDatabase;
let staff: Awaited<ReturnType<typeof insertStaff>>;
let company: Awaited<ReturnType<typeof insertCompanyMember>>;
let typeId: string;
const ids: Record<string, string> = {};

async function published(fields: Parameters<typeof createKbArticle>[2]) {
  const a = await createKbArticle(t.db, staff, fields);
  expect(await setKbStatus(t.db, staff, a.id, 1, "published")).toEqual({ ok: true });
  return a;
}

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db);
  company = await insertCompanyMember(t.db, { resident: true });
  typeId = await insertServiceType(t.db);
  ids.permit = (
    await published({
      titleEn: "Work permits for international staff",
      titleZh: "外籍员工工作许可",
      bodyEn: "Apply for a work permit online; the talent team checks your documents first.",
      bodyZh: "外籍员工的工作许可在线申请，人才服务团队会先帮您核对材料。",
      typeId,
    })
  ).id;
  ids.address = (
    await published({
      titleEn: "Changing your registered address",
      titleZh: "变更注册地址",
      bodyEn: "Registration changes need the new lease and the board decision.",
      bodyZh: "变更注册地址需要新的租赁合同和董事会决议。",
    })
  ).id;
  ids.repair = (
    await published({
      titleEn: "Reporting a repair in your office",
      titleZh: "办公室报修",
      bodyEn: "Air conditioning, lights and doors: property management answers within a day.",
      bodyZh: "空调、照明和门禁问题：物业管理一天内答复。",
    })
  ).id;
  ids.draft = (
    await createKbArticle(t.db, staff, { titleEn: "Draft about work permits", bodyEn: "permit" })
  ).id;
});
afterAll(() => t.close());

describe("search keys", () => {
  it("stems English words, drops stop words, cuts Chinese into bigrams", () => {
    expect(searchKeys("How do I register the registration?")).toEqual(["regist"]);
    expect(searchKeys("办公室报修")).toEqual(["办公", "公室", "室报", "报修"]);
    expect(searchKeys("请问怎么报修")).toEqual(["问怎", "么报", "报修"]);
    expect(queryKeys("a".repeat(1000))).toHaveLength(1);
  });
});

describe("knowledge base", () => {
  it("only staff with manage:kb_article:any write articles", async () => {
    await expect(createKbArticle(t.db, company, { titleEn: "Nope" })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(draftFromRequest(t.db, company, "SR-2026-000001")).rejects.toBeInstanceOf(
      Forbidden,
    );
  });

  it("finds articles in English and in Chinese, best first, never drafts", async () => {
    const en = await searchKb(t.db, { q: "work permit for our new engineer" });
    expect(en[0]?.id).toBe(ids.permit);
    expect(en.map((a) => a.id)).not.toContain(ids.draft);
    const zh = await searchKb(t.db, { q: "怎么申请工作许可" });
    expect(zh[0]?.id).toBe(ids.permit);
    const zh2 = await searchKb(t.db, { q: "空调坏了需要报修" });
    expect(zh2[0]?.id).toBe(ids.repair);
    expect(await searchKb(t.db, { q: "the and of" })).toEqual([]);
    expect(await suggestKb(t.db, { subject: "ab" })).toEqual([]);
  });

  it("puts articles of the request's type first among equals", async () => {
    const other = await published({ titleEn: "Permit renewal", bodyEn: "Renew a permit." });
    const plain = await searchKb(t.db, { q: "permit" });
    expect(plain.map((a) => a.id)).toContain(other.id);
    const typed = await searchKb(t.db, { q: "permit", typeId });
    expect(typed[0]?.id).toBe(ids.permit);
  });

  it("reindexes on edit and forgets an unpublished article", async () => {
    const a = await published({ titleEn: "Parking cards", bodyEn: "Ask the front desk." });
    expect((await searchKb(t.db, { q: "parking" }))[0]?.id).toBe(a.id);
    expect(
      await updateKbArticle(t.db, staff, a.id, 1, { titleEn: "Parking cards", bodyEn: "x" }),
    ).toEqual({ ok: false, error: "conflict" });
    expect(
      await updateKbArticle(t.db, staff, a.id, 2, {
        titleEn: "Car park cards",
        bodyEn: "Visitors get a bicycle pass.",
      }),
    ).toEqual({ ok: true });
    expect((await searchKb(t.db, { q: "bicycle" }))[0]?.id).toBe(a.id);
    expect(await setKbStatus(t.db, staff, a.id, 3, "draft")).toEqual({ ok: true });
    expect(await searchKb(t.db, { q: "bicycle" })).toEqual([]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", a.id)
      .execute();
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(["kb.create", "kb.publish", "kb.update", "kb.unpublish"]),
    );
  });

  it("keeps each key's article count with the index, and finds the best of a common key", async () => {
    const df = async (key: string) =>
      (await t.db.selectFrom("kb_search_df").select("n").where("key", "=", key).executeTakeFirst())
        ?.n ?? 0;
    const counted = async (key: string) =>
      Number(
        (
          await t.db
            .selectFrom("kb_search_key")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("key", "=", key)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await df("lanter");
    const many = [];
    for (let i = 0; i < 5; i++)
      many.push(await published({ titleEn: `Lantern festival ${i}`, bodyEn: "Lanterns." }));
    expect(await df("lanter")).toBe(before + 5);
    expect(await df("lanter")).toBe(await counted("lanter"));
    // An article that also names the rarer word comes first.
    const best = await published({ titleEn: "Lantern parade route", bodyEn: "The parade." });
    expect((await searchKb(t.db, { q: "lantern parade" }))[0]?.id).toBe(best.id);
    expect(await setKbStatus(t.db, staff, many[0]!.id, 2, "draft")).toEqual({ ok: true });
    expect(await df("lanter")).toBe(await counted("lanter"));
    expect(await df("lanter")).toBe(before + 5);
  });

  it("counts deflection events of published articles only, and helpful votes", async () => {
    const since = new Date(Date.now() - 1000);
    expect(await recordKbEvents(t.db, [ids.permit!, ids.repair!, ids.draft!, "x"], "shown")).toBe(
      2,
    );
    expect(await recordKbEvents(t.db, [ids.permit!], "opened")).toBe(1);
    expect(await recordKbEvents(t.db, [ids.permit!], "solved")).toBe(1);
    const summary = await deflectionSummary(t.db, since);
    expect(summary).toMatchObject({ shown: 2, opened: 1, solved: 1 });
    expect(await voteKb(t.db, ids.permit!, true)).toBe(true);
    expect(await voteKb(t.db, ids.draft!, true)).toBe(false);
    const row = (await listKbForDesk(t.db)).find((a) => a.id === ids.permit);
    expect(row).toMatchObject({ shown: 1, opened: 1, solved: 1, helpful_yes: 1, helpful_no: 0 });
    expect((await getPublishedKb(t.db, "changing-your-registered-address"))?.id).toBe(ids.address);
    expect(await getPublishedKb(t.db, "x'; drop")).toBeUndefined();
  });

  it("turns a resolved request's public answer into a draft, once", async () => {
    const filed = await fileRequest(
      t.db,
      company,
      {
        typeId,
        subject: `Visa for a visiting scientist ${uniqueSuffix()}`,
        description: "How long does a visa invitation letter take?",
        idempotencyKey: crypto.randomUUID(),
        fields: {},
      },
      TEST_ORIGIN,
    );
    if (!filed.ok) throw new Error(filed.error);
    expect(await draftFromRequest(t.db, staff, filed.ref)).toEqual({
      ok: false,
      error: "notResolved",
    });
    await staffChange(
      t.db,
      staff,
      filed.ref,
      {
        version: 1,
        message: { body: "The letter takes five working days.", visibility: "public" },
        state: "in_progress",
      },
      TEST_ORIGIN,
    );
    await staffChange(t.db, staff, filed.ref, { version: 2, state: "resolved" }, TEST_ORIGIN);
    const first = await draftFromRequest(t.db, staff, filed.ref);
    if (!first.ok) throw new Error(first.error);
    expect(first.created).toBe(true);
    const again = await draftFromRequest(t.db, staff, filed.ref);
    expect(again).toEqual({ ok: true, id: first.id, created: false });
    const article = await t.db
      .selectFrom("kb_article")
      .selectAll()
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    expect(article).toMatchObject({
      status: "draft",
      body_en: "The letter takes five working days.",
      type_id: typeId,
    });
  });
});
