import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { Forbidden } from "~/lib/result";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { insertCompanyMember, insertServiceType, insertStaff } from "../../tests/support/factories";
import { findMentions, mentionQuery, suggestMentions } from "./mentions";
import { fileRequest, requesterReply, staffChange } from "./service-requests.server";
import { listWatchers, setWatching } from "./watchers.server";

describe("finding @mentions", () => {
  const people = [
    { id: "li", name: "Li Na" },
    { id: "liw", name: "Li Na Wang" },
    { id: "wang", name: "王芳" },
    { id: "ada", name: "Ada" },
    { id: "ada2", name: "ada" },
  ];
  it("reads names after @, longest first, any case and width, Chinese too", () => {
    expect(findMentions("@li na please look", people)).toEqual(["li"]);
    expect(findMentions("cc @Li Na Wang", people)).toEqual(["liw"]);
    expect(findMentions("＠王芳你好，请看一下", people)).toEqual(["wang"]);
    expect(findMentions("@ＬＩ ＮＡ and @王芳 and @li na again", people)).toEqual(["li", "wang"]);
    // Two colleagues of one name are both mentioned.
    expect(findMentions("@Ada?", people)).toEqual(["ada", "ada2"]);
  });
  it("ignores e-mail addresses, names running on into a word, and a bare @", () => {
    expect(findMentions("write to ops@li na.example", people)).toEqual([]);
    expect(findMentions("@Li Nana", people)).toEqual([]);
    expect(findMentions("@ Li Na", people)).toEqual([]);
    expect(findMentions("no mention here", people)).toEqual([]);
  });
  it("suggests while a name is typed after @", () => {
    expect(mentionQuery("Please ask @Li")).toBe("Li");
    expect(mentionQuery("Please ask @")).toBe("");
    expect(mentionQuery("mail ops@li")).toBeNull();
    expect(mentionQuery("@Li\nNa")).toBeNull();
    expect(mentionQuery("no at sign")).toBeNull();
    expect(suggestMentions("na", people).map((p) => p.id)).toEqual(["li", "liw"]);
    expect(suggestMentions("王", people).map((p) => p.id)).toEqual(["wang"]);
    expect(suggestMentions("ｗａｎｇ", people).map((p) => p.id)).toEqual(["liw"]);
  });
});

let t: TestDatabase;
const ORIGIN = "http://portal.test";
let author: SessionUser;
let watcher: SessionUser;
let zhWatcher: SessionUser;
let assignee: SessionUser;
let gone: SessionUser;
let mentioned: SessionUser;
let member: SessionUser;
let typeId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  author = await insertStaff(t.db, { name: "Zhou Author" });
  watcher = await insertStaff(t.db, { name: "Wu Watcher" });
  zhWatcher = await insertStaff(t.db, { name: "陈关注", locale: "zh-CN" });
  assignee = await insertStaff(t.db, { name: "Qian Assignee" });
  gone = await insertStaff(t.db, { name: "Sun Gone" });
  mentioned = await insertStaff(t.db, { name: "Li Mention" });
  member = await insertCompanyMember(t.db, { user: { name: "Requester Ada" }, resident: true });
  typeId = await insertServiceType(t.db, { code: "watch-type" });
});
afterAll(() => t.close());

async function file() {
  const r = await fileRequest(
    t.db,
    member,
    {
      typeId,
      subject: "Parking permit",
      description: "Two more cards, please.",
      idempotencyKey: crypto.randomUUID(),
      fields: {},
    },
    ORIGIN,
  );
  if (!r.ok) throw new Error(r.error);
  return t.db
    .selectFrom("service_request")
    .selectAll()
    .where("ref", "=", r.ref)
    .executeTakeFirstOrThrow();
}

const version = async (id: string) =>
  (
    await t.db
      .selectFrom("service_request")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).version;

/** Notifications about one request, as "user kind" lines (sorted). */
async function told(ref: string) {
  const rows = await t.db
    .selectFrom("notification")
    .innerJoin("app_user", "app_user.id", "notification.user_id")
    .select(["app_user.name", "notification.kind"])
    .where("notification.link", "=", `/desk/requests/${ref}`)
    .execute();
  return rows.map((r) => `${r.name} ${r.kind}`).sort();
}

async function mails(template: string, to: SessionUser) {
  return t.db
    .selectFrom("email")
    .select(["subject", "text_body"])
    .where("template", "=", template)
    .where("to_address", "=", to.email)
    .execute();
}

describe("watching a request", () => {
  it("is for desk staff, idempotent and audited", async () => {
    const r = await file();
    await expect(setWatching(t.db, member, r.ref, true)).rejects.toThrow(Forbidden);
    expect(await setWatching(t.db, watcher, "SR-1999-000001", true)).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await setWatching(t.db, watcher, r.ref, true)).toEqual({ ok: true, changed: true });
    expect(await setWatching(t.db, watcher, r.ref, true)).toEqual({ ok: true, changed: false });
    expect((await listWatchers(t.db, r.id)).map((w) => w.name)).toEqual(["Wu Watcher"]);
    expect(await setWatching(t.db, watcher, r.ref, false)).toEqual({ ok: true, changed: true });
    expect(await setWatching(t.db, watcher, r.ref, false)).toEqual({ ok: true, changed: false });
    expect(await listWatchers(t.db, r.id)).toEqual([]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", r.ref)
      .where("action", "like", "service_request.%watch")
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      "service_request.watch",
      "service_request.unwatch",
    ]);
  });

  it("tells watchers of messages and state changes, once, never the author, in their language", async () => {
    const r = await file();
    for (const who of [watcher, zhWatcher, assignee, gone, author])
      await setWatching(t.db, who, r.ref, true);
    // A watcher who left the desk is not told.
    await t.db
      .updateTable("app_user")
      .set({ disabled_at: new Date() })
      .where("id", "=", gone.id)
      .execute();

    // Staff assign and answer: the new assignee hears "assigned" only; the author nothing.
    const first = await staffChange(
      t.db,
      author,
      r.ref,
      {
        version: r.version,
        assigneeId: assignee.id,
        message: { body: "We will issue them on Monday.", visibility: "public" },
      },
      ORIGIN,
    );
    expect(first.ok).toBe(true);
    expect(await told(r.ref)).toEqual([
      "Qian Assignee assigned",
      "Wu Watcher watched_message",
      "陈关注 watched_message",
    ]);
    const [en] = await mails("serviceRequestWatchedMessage", watcher);
    expect(en?.subject).toBe(`New message on ${r.ref}`);
    expect(en?.text_body).toContain("a reply to the requester");
    expect(en?.text_body).toContain("We will issue them on Monday.");
    const [zh] = await mails("serviceRequestWatchedMessage", zhWatcher);
    expect(zh?.text_body).toContain("给申请人的回复");

    // The requester replies: the assignee hears it as the assignee, the others as watchers.
    await t.db.deleteFrom("notification").execute();
    expect((await requesterReply(t.db, member, r.ref, { body: "Thanks!" }, ORIGIN)).ok).toBe(true);
    expect(await told(r.ref)).toEqual([
      "Qian Assignee requester_reply",
      "Wu Watcher watched_message",
      "Zhou Author watched_message",
      "陈关注 watched_message",
    ]);

    // A state change without a message.
    await t.db.deleteFrom("notification").execute();
    const moved = await staffChange(
      t.db,
      author,
      r.ref,
      { version: await version(r.id), state: "in_progress" },
      ORIGIN,
    );
    expect(moved.ok).toBe(true);
    expect(await told(r.ref)).toEqual([
      "Qian Assignee watched_state",
      "Wu Watcher watched_state",
      "陈关注 watched_state",
    ]);
    const [state] = await mails("serviceRequestWatchedState", zhWatcher);
    expect(state?.subject).toBe(`${r.ref} 状态变更为：处理中`);
    expect(await mails("serviceRequestWatchedState", gone)).toEqual([]);

    // Unwatching stops it; a refused change tells nobody.
    await setWatching(t.db, watcher, r.ref, false);
    await t.db.deleteFrom("notification").execute();
    const stale = await staffChange(
      t.db,
      author,
      r.ref,
      { version: 1, message: { body: "late", visibility: "internal" } },
      ORIGIN,
    );
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    expect(await told(r.ref)).toEqual([]);
    await staffChange(
      t.db,
      author,
      r.ref,
      {
        version: await version(r.id),
        message: { body: "Closed the loop.", visibility: "internal" },
      },
      ORIGIN,
    );
    expect(await told(r.ref)).toEqual(["Qian Assignee watched_message", "陈关注 watched_message"]);
  });

  it("an @mention in an internal note tells the colleague and makes them a watcher; not in a reply", async () => {
    const r = await file();
    // In a public reply an @name is only text.
    await staffChange(
      t.db,
      author,
      r.ref,
      { version: r.version, message: { body: "@Li Mention will call you.", visibility: "public" } },
      ORIGIN,
    );
    expect(await told(r.ref)).toEqual([]);
    expect(await listWatchers(t.db, r.id)).toEqual([]);

    // Mentioning yourself, a company member's name, or nobody tells nobody.
    await staffChange(
      t.db,
      author,
      r.ref,
      {
        version: await version(r.id),
        message: {
          body: "@Zhou Author @Requester Ada, @li mention could you check the plates?",
          visibility: "internal",
        },
      },
      ORIGIN,
    );
    expect(await told(r.ref)).toEqual(["Li Mention mentioned"]);
    expect(await listWatchers(t.db, r.id)).toMatchObject([{ name: "Li Mention", via: "mention" }]);
    const [mail] = await mails("serviceRequestMentioned", mentioned);
    expect(mail?.subject).toBe(`You were mentioned on ${r.ref}`);
    expect(mail?.text_body).toContain("Zhou Author mentioned you");
    expect(mail?.text_body).toContain("could you check the plates?");
    const notification = await t.db
      .selectFrom("notification")
      .select("values")
      .where("user_id", "=", mentioned.id)
      .executeTakeFirstOrThrow();
    expect(notification.values).toMatchObject({ ref: r.ref, by: "Zhou Author" });

    // Mentioned again: told of the mention, not also as a watcher.
    await t.db.deleteFrom("notification").execute();
    await staffChange(
      t.db,
      author,
      r.ref,
      {
        version: await version(r.id),
        message: { body: "@Li Mention any news?", visibility: "internal" },
      },
      ORIGIN,
    );
    expect(await told(r.ref)).toEqual(["Li Mention mentioned"]);
    // The colleague now hears of the requester's reply as a watcher.
    await t.db.deleteFrom("notification").execute();
    await requesterReply(t.db, member, r.ref, { body: "The plates are SH-1234." }, ORIGIN);
    expect(await told(r.ref)).toEqual(["Li Mention watched_message"]);
  });
});
