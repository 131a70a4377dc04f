import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { fileRequest } from "./service-requests.server";
import { renderSnippet, snippetSchema, unknownVariables } from "./snippets";
import {
  applyMacro,
  createSnippet,
  deleteSnippet,
  getSnippet,
  listSnippets,
  snippetContext,
  snippetText,
  updateSnippet,
} from "./snippets.server";

let t: TestDatabase;
const ORIGIN = "http://portal.test";
let staff: SessionUser;
let colleague: SessionUser;
let zhMember: SessionUser;
let typeId: string;
let teamId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await insertStaff(t.db, { name: "Li Na" });
  colleague = await insertStaff(t.db, { name: "Wang Fang" });
  zhMember = await insertCompanyMember(t.db, { user: { name: "陈明" }, resident: true });
  await t.db
    .updateTable("app_user")
    .set({ locale: "zh-CN" })
    .where("id", "=", zhMember.id)
    .execute();
  const cat = await t.db
    .insertInto("service_category")
    .values({ code: "cat", name_en: "Cat", name_zh: "类" })
    .returning("id")
    .executeTakeFirstOrThrow();
  teamId = (
    await t.db
      .insertInto("service_team")
      .values({ code: "visa", name_en: "Visa", name_zh: "签证", lead_id: staff.id })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  typeId = await insertServiceType(t.db, {
    code: "permit",
    categoryId: cat.id,
    nameEn: "Permit",
    nameZh: "许可",
  });
});
afterAll(() => t.close());

async function file(who: SessionUser) {
  const r = await fileRequest(
    t.db,
    who,
    {
      typeId,
      subject: "Work permit",
      description: "How do we apply for a work permit?",
      idempotencyKey: crypto.randomUUID(),
      fields: {},
    },
    ORIGIN,
  );
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}

const input = (over: Record<string, string> = {}) =>
  snippetSchema.parse({
    title: "Permit documents",
    bodyEn:
      "Dear {{requester}}, about {{reference}}: please upload the documents by {{due}}. {{staff}}",
    bodyZh: "{{requester}}您好：关于{{reference}}，请在{{due}}前上传材料。{{staff}}",
    ...over,
  });

describe("snippet variables", () => {
  it("fills known variables once and leaves other braces as typed", () => {
    const values = { requester: "{{staff}}", reference: "SR-1", due: "today", staff: "Li" };
    expect(
      renderSnippet("Hi {{ requester }}, {{reference}} by {{due}} – {{staff}} {{x}}", values),
    ).toBe("Hi {{staff}}, SR-1 by today – Li {{x}}");
    expect(unknownVariables("{{requester}} {{nmae}} {{ due }}")).toEqual(["nmae"]);
  });

  it("refuses a form with an unknown variable or without any text", () => {
    expect(snippetSchema.safeParse({ title: "x", bodyEn: "Hi {{nmae}}" }).success).toBe(false);
    expect(snippetSchema.safeParse({ title: "x" }).success).toBe(false);
    expect(snippetSchema.safeParse({ title: "x", bodyZh: "你好" }).success).toBe(true);
  });
});

describe("personal and shared snippets", () => {
  it("shows a personal snippet to its owner only, a shared one to all desk staff", async () => {
    const mine = await createSnippet(t.db, staff, input({ title: "Mine only" }));
    const shared = await createSnippet(
      t.db,
      staff,
      input({ title: "For everyone", shared: "yes" }),
    );
    if (!mine.ok || !shared.ok) throw new Error("not created");
    expect(await getSnippet(t.db, colleague, mine.id)).toBeUndefined();
    expect((await getSnippet(t.db, colleague, shared.id))?.title).toBe("For everyone");
    const found = await listSnippets(t.db, colleague, { q: "everyone" });
    expect(found.map((s) => s.title)).toEqual(["For everyone"]);
    expect((await listSnippets(t.db, staff, { q: "mine" })).map((s) => s.title)).toEqual([
      "Mine only",
    ]);
    // The colleague cannot change or delete the personal one; a stale version is a conflict.
    expect(await updateSnippet(t.db, colleague, mine.id, input())).toMatchObject({
      error: "notFound",
    });
    expect(await deleteSnippet(t.db, colleague, mine.id)).toMatchObject({ error: "notFound" });
    expect(
      await updateSnippet(t.db, colleague, shared.id, { ...input({ shared: "yes" }), version: 7 }),
    ).toMatchObject({ error: "conflict" });
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", shared.id)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(["snippet.create"]);
  });

  it("refuses a macro with an assignee who is not desk staff", async () => {
    const r = await createSnippet(t.db, staff, input({ setAssigneeId: zhMember.id }));
    expect(r).toMatchObject({ ok: false, error: "invalid" });
  });

  it("searches without treating % and _ as patterns", async () => {
    await createSnippet(t.db, staff, input({ title: "100% refund", shared: "yes" }));
    expect((await listSnippets(t.db, staff, { q: "100%" })).map((s) => s.title)).toEqual([
      "100% refund",
    ]);
    expect(await listSnippets(t.db, staff, { q: "_" })).toEqual([]);
  });
});

describe("macros", () => {
  it("fills the text in the requester's language and applies every action in one change", async () => {
    const ref = await file(zhMember);
    const created = await createSnippet(
      t.db,
      staff,
      input({
        title: "Ask for documents",
        shared: "yes",
        setState: "waiting_on_requester",
        setPriority: "high",
        setTeamId: teamId,
        setAssigneeId: colleague.id,
      }),
    );
    if (!created.ok) throw new Error(created.error);
    const snippet = (await getSnippet(t.db, staff, created.id))!;
    const ctx = (await snippetContext(t.db, staff, ref))!;
    expect(ctx.locale).toBe("zh-CN");
    const text = snippetText(snippet, ctx);
    expect(text).toMatch(new RegExp(`^陈明您好：关于${ref}，请在.+前上传材料。Li Na$`));
    const r0 = await t.db
      .selectFrom("service_request")
      .select(["version", "id"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    const result = await applyMacro(
      t.db,
      staff,
      ref,
      created.id,
      { version: r0.version, message: { body: text, visibility: "public" } },
      ORIGIN,
    );
    expect(result.ok).toBe(true);
    const r = await t.db
      .selectFrom("service_request")
      .select(["state", "priority", "team_id", "assignee_id", "resolution_due_at"])
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(r).toMatchObject({
      state: "waiting_on_requester",
      priority: "high",
      team_id: teamId,
      assignee_id: colleague.id,
    });
    const messages = await t.db
      .selectFrom("service_request_message")
      .select(["body", "visibility"])
      .where("request_id", "=", r0.id)
      .execute();
    expect(messages).toContainEqual({ body: text, visibility: "public" });
    const mail = await t.db
      .selectFrom("email")
      .select(["locale", "text_body"])
      .where("request_id", "=", r0.id)
      .where("template", "=", "serviceRequestReply")
      .executeTakeFirst();
    expect(mail?.locale).toBe("zh-CN");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "snippet.apply")
      .where("entity_id", "=", ref)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain(created.id);
  });

  it("changes nothing when the request moved on (a stale version) or the macro is not visible", async () => {
    const ref = await file(zhMember);
    const mine = await createSnippet(t.db, staff, input({ setPriority: "urgent" }));
    if (!mine.ok) throw new Error(mine.error);
    const stale = await applyMacro(
      t.db,
      staff,
      ref,
      mine.id,
      { version: 999, message: { body: "x", visibility: "public" } },
      ORIGIN,
    );
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    const hidden = await applyMacro(
      t.db,
      colleague,
      ref,
      mine.id,
      { version: 1, message: { body: "x", visibility: "public" } },
      ORIGIN,
    );
    expect(hidden).toMatchObject({ ok: false, error: "invalid" });
    const r = await t.db
      .selectFrom("service_request")
      .select("priority")
      .where("ref", "=", ref)
      .executeTakeFirstOrThrow();
    expect(r.priority).toBe("normal");
    expect(
      await t.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "snippet.apply")
        .where("entity_id", "=", ref)
        .execute(),
    ).toEqual([]);
  });
});
