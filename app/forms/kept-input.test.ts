import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import { requireSession } from "~/auth/guards.server";
import { setDatabase } from "~/db.server";
import {
  deleteExpiredKept,
  hasTypedInput,
  isKeepableTarget,
  KEEP_LIMITS,
  KEEP_POLICY,
  keepInput,
  listKept,
  postBackUrl,
  readPostedForm,
  takeKept,
  type KeepPolicy,
  type PostedForm,
} from "./kept-input.server";

const HOUR = 60 * 60 * 1000;
const T0 = new Date("2026-03-01T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const USER = { id: "00000000-0000-4000-8000-000000000001" };
/** A policy with small numbers, so each bound is reached in a few calls. */
const SMALL: KeepPolicy = {
  ...KEEP_POLICY,
  perBrowser: 3,
  perClient: { limit: 4, windowSeconds: 3600 },
  maxLive: 6,
  maxLiveBytes: 10_000,
};

let t: TestDatabase;
let client = 0;
/** A new client address for each test, so the per-client window does not carry over. */
const nextClient = () => `10.9.0.${++client}`;

beforeAll(async () => {
  t = await createTestDatabase();
  setDatabase(t);
});

afterAll(async () => {
  setDatabase(undefined);
  await t?.close();
});

async function clear() {
  await t.db.deleteFrom("kept_input").execute();
}

function urlencoded(body: string | URLSearchParams): Request {
  return new Request("http://portal.test/requests/new", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

function multipart(form: FormData): Request {
  return new Request("http://portal.test/requests/new", { method: "POST", body: form });
}

const form = (fields: [string, string][], extra: Partial<PostedForm> = {}): PostedForm => ({
  enctype: "application/x-www-form-urlencoded",
  fields,
  droppedFiles: [],
  droppedFields: 0,
  ...extra,
});

describe("reading a posted form, bounded", () => {
  it("keeps text fields in order, repeated names included, without NUL", async () => {
    const read = await readPostedForm(
      urlencoded("subject=Printer&body=Line+1%0ALine+2&tag=a&tag=b&idempotencyKey=k1&x=a%00b"),
    );
    expect(read).toEqual({
      enctype: "application/x-www-form-urlencoded",
      fields: [
        ["subject", "Printer"],
        ["body", "Line 1\nLine 2"],
        ["tag", "a"],
        ["tag", "b"],
        ["idempotencyKey", "k1"],
        ["x", "ab"],
      ],
      droppedFiles: [],
      droppedFields: 0,
    });
  });

  it("drops fields past the count, names and values past their length, and the total size", async () => {
    const many = new URLSearchParams();
    for (let i = 0; i < KEEP_LIMITS.maxFields + 5; i++) many.append(`f${i}`, "v");
    const read = await readPostedForm(urlencoded(many));
    expect(read?.fields).toHaveLength(KEEP_LIMITS.maxFields);
    expect(read?.droppedFields).toBe(5);

    const long = new URLSearchParams();
    long.append("n".repeat(KEEP_LIMITS.maxNameChars + 1), "v");
    long.append("body", "长".repeat(KEEP_LIMITS.maxValueChars + 1));
    long.append("kept", "長".repeat(KEEP_LIMITS.maxValueChars));
    const read2 = await readPostedForm(urlencoded(long));
    expect(read2?.fields.map(([n]) => n)).toEqual(["kept"]);
    expect(read2?.droppedFields).toBe(2);

    const small = { ...KEEP_LIMITS, maxBytes: 100 };
    const read3 = await readPostedForm(
      urlencoded(`a=${"x".repeat(60)}&b=${"y".repeat(60)}`),
      small,
    );
    expect(read3?.fields.map(([n]) => n)).toEqual(["a"]);
    expect(read3?.droppedFields).toBe(1);
    // A body far past what can be kept is not read to the end, and nothing is kept.
    expect(await readPostedForm(urlencoded(`a=${"x".repeat(400)}`), small)).toBeNull();
  });

  it("keeps the text of a multipart form and names the files, whose bytes are dropped", async () => {
    const body = new FormData();
    body.append("subject", "With a file");
    body.append("attachment", new Blob([new Uint8Array(50_000)]), "plan.pdf");
    body.append("attachment", new Blob([]), ""); // a file input left empty
    body.append("description", "紫竹 text");
    const read = await readPostedForm(multipart(body));
    expect(read).toEqual({
      enctype: "multipart/form-data",
      fields: [
        ["subject", "With a file"],
        ["description", "紫竹 text"],
      ],
      droppedFiles: ["plan.pdf"],
      droppedFields: 0,
    });
  });

  it("reads nothing from a body that is not a web form or is malformed", async () => {
    const json = new Request("http://portal.test/x", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(await readPostedForm(json)).toBeNull();
    const broken = new Request("http://portal.test/x", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "--xyz\r\nContent-Disposition: form-data\r\n\r\nno name and no end",
    });
    expect(await readPostedForm(broken)).toBeNull();
  });

  it("counts only what the person typed or chose, not the app's own fields", () => {
    expect(
      hasTypedInput([
        ["intent", "reply"],
        ["idempotencyKey", "k"],
        ["version", "3"],
      ]),
    ).toBe(false);
    expect(hasTypedInput([["body", "   "]])).toBe(false);
    expect(
      hasTypedInput([
        ["intent", "reply"],
        ["body", "Hello"],
      ]),
    ).toBe(true);
  });
});

describe("targets", () => {
  it("accepts plain paths of this site only", () => {
    for (const ok of ["/requests/new", "/requests/SR-1?x=1", "/company", "/applications/a/step/2"])
      expect(isKeepableTarget(ok), ok).toBe(true);
    for (const bad of [
      "",
      "requests",
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/a\nb",
      "https://evil.example/",
      "/keep?to=/x",
      "/resume",
      "/login?redirectTo=/",
      "/logout",
      "/" + "a".repeat(2001),
    ])
      expect(isKeepableTarget(bad), JSON.stringify(bad)).toBe(false);
  });

  it("posts back with ?index, which reaches an index route's action and no other's", () => {
    expect(postBackUrl("/company")).toBe("/company?index");
    expect(postBackUrl("/desk/requests?state=all")).toBe("/desk/requests?state=all&index");
    expect(postBackUrl("/company?index")).toBe("/company?index");
  });

  it("no layout route with an index child has an action (so ?index always finds the form's)", () => {
    const dir = path.resolve(__dirname, "../routes");
    const entries = fs.readdirSync(dir);
    // A route is a file (`a.b.tsx`) or a route folder (`a.b/route.tsx`).
    const routeName = (f: string) => f.replace(/\.tsx?$/, "");
    const moduleOf = (f: string) =>
      fs.statSync(path.join(dir, f)).isDirectory()
        ? path.join(dir, f, "route.tsx")
        : path.join(dir, f);
    const names = new Set(entries.map(routeName));
    const bad = entries
      .filter((f) => names.has(`${routeName(f)}._index`))
      .filter((f) => fs.existsSync(moduleOf(f)))
      .filter((f) =>
        /export (async function|const|function) action\b/.test(
          fs.readFileSync(moduleOf(f), "utf8"),
        ),
      );
    expect(bad).toEqual([]);
  });
});

describe("the store", () => {
  it("keeps a form for one browser and gives it back once, to a signed-in user", async () => {
    await clear();
    const kept = await keepInput(
      t.db,
      {
        previousKey: null,
        clientKey: nextClient(),
        target: "/requests/new",
        form: form(
          [
            ["subject", "Typed late"],
            ["idempotencyKey", "k-1"],
          ],
          {
            droppedFiles: ["plan.pdf"],
          },
        ),
      },
      T0,
    );
    if (!kept.ok) throw new Error(kept.error);
    expect(kept.key).toMatch(/^[a-z2-7]{32}$/);
    // Only the key's hash is stored.
    const raw = await t.db.selectFrom("kept_input").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain(kept.key);

    const [listed] = await listKept(t.db, kept.key, USER, at(HOUR));
    expect(listed).toMatchObject({
      target: "/requests/new",
      postTo: "/requests/new?index",
      enctype: "application/x-www-form-urlencoded",
      fields: [
        ["subject", "Typed late"],
        ["idempotencyKey", "k-1"],
      ],
      droppedFiles: ["plan.pdf"],
    });
    // Another browser's cookie, or no signed-in user: nothing.
    expect(await listKept(t.db, "a".repeat(32), USER, at(HOUR))).toEqual([]);
    expect(await listKept(t.db, kept.key, null, at(HOUR))).toEqual([]);
    expect(await takeKept(t.db, "a".repeat(32), USER, listed!.id, at(HOUR))).toBeUndefined();
    expect(await takeKept(t.db, kept.key, null, listed!.id, at(HOUR))).toBeUndefined();
    // Single use.
    expect(await takeKept(t.db, kept.key, USER, listed!.id, at(HOUR))).toMatchObject({
      fields: [
        ["subject", "Typed late"],
        ["idempotencyKey", "k-1"],
      ],
    });
    expect(await takeKept(t.db, kept.key, USER, listed!.id, at(HOUR))).toBeUndefined();
    expect(await listKept(t.db, kept.key, USER, at(HOUR))).toEqual([]);
  });

  it("expires after two hours, and expired rows are deleted on the next write", async () => {
    await clear();
    const kept = await keepInput(
      t.db,
      { previousKey: null, clientKey: nextClient(), target: "/x", form: form([["a", "b"]]) },
      T0,
    );
    if (!kept.ok) throw new Error(kept.error);
    const [row] = await listKept(t.db, kept.key, USER, at(2 * HOUR - 1));
    expect(row).toBeTruthy();
    expect(await listKept(t.db, kept.key, USER, at(2 * HOUR))).toEqual([]);
    expect(await takeKept(t.db, kept.key, USER, row!.id, at(2 * HOUR))).toBeUndefined();
    await keepInput(
      t.db,
      { previousKey: null, clientKey: nextClient(), target: "/y", form: form([["c", "d"]]) },
      at(3 * HOUR),
    );
    const targets = await t.db.selectFrom("kept_input").select("target").execute();
    expect(targets).toEqual([{ target: "/y" }]);
    expect(await deleteExpiredKept(t.db, at(10 * HOUR))).toBe(1);
  });

  it("gives the browser a new key each time; earlier forms move to it, the old key stops", async () => {
    await clear();
    const clientKey = nextClient();
    const first = await keepInput(
      t.db,
      { previousKey: null, clientKey, target: "/a", form: form([["a", "1"]]) },
      T0,
    );
    if (!first.ok) throw new Error();
    const second = await keepInput(
      t.db,
      { previousKey: first.key, clientKey, target: "/b", form: form([["b", "2"]]) },
      at(1000),
    );
    if (!second.ok) throw new Error();
    expect(second.key).not.toBe(first.key);
    expect((await listKept(t.db, second.key, USER, at(2000))).map((k) => k.target)).toEqual([
      "/b",
      "/a",
    ]);
    expect(await listKept(t.db, first.key, USER, at(2000))).toEqual([]);
  });

  it("refuses a form with nothing typed, or a target off the site", async () => {
    const base = { previousKey: null, clientKey: nextClient() };
    expect(
      await keepInput(t.db, { ...base, target: "/x", form: form([["intent", "save"]]) }, T0),
    ).toEqual({ ok: false, error: "nothing" });
    expect(
      await keepInput(t.db, { ...base, target: "//evil.example", form: form([["a", "b"]]) }, T0),
    ).toEqual({ ok: false, error: "target" });
  });

  it("keeps the newest few per browser", async () => {
    await clear();
    let key: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await keepInput(
        t.db,
        { previousKey: key, clientKey: nextClient(), target: `/f${i}`, form: form([["a", "b"]]) },
        at(i * 1000),
        SMALL,
      );
      if (!r.ok) throw new Error(r.error);
      key = r.key;
    }
    expect((await listKept(t.db, key, USER, at(10_000))).map((k) => k.target)).toEqual([
      "/f4",
      "/f3",
      "/f2",
    ]);
  });

  it("throttles one client address, whatever the browser", async () => {
    await clear();
    const clientKey = nextClient();
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(
        await keepInput(
          t.db,
          { previousKey: null, clientKey, target: "/x", form: form([["a", String(i)]]) },
          at(i * 1000),
          SMALL,
        ),
      );
    expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual([
      "ok",
      "ok",
      "ok",
      "ok",
      "throttled",
      "throttled",
    ]);
    expect(
      await t.db
        .selectFrom("attempt_counter")
        .select("key")
        .where("key", "=", `kept:${clientKey}`)
        .execute(),
    ).toHaveLength(1);
    // Another address is not affected; the same one may keep again after the window.
    expect(
      (
        await keepInput(
          t.db,
          { previousKey: null, clientKey: nextClient(), target: "/x", form: form([["a", "b"]]) },
          at(7000),
          SMALL,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await keepInput(
          t.db,
          { previousKey: null, clientKey, target: "/x", form: form([["a", "b"]]) },
          at(HOUR + 7000),
          SMALL,
        )
      ).ok,
    ).toBe(true);
    // The counters of addresses whose window has passed are deleted on a later write.
    await keepInput(
      t.db,
      { previousKey: null, clientKey: nextClient(), target: "/x", form: form([["a", "b"]]) },
      at(5 * HOUR),
      SMALL,
    );
    const counters = await t.db
      .selectFrom("attempt_counter")
      .select("key")
      .where("key", "like", "kept:%")
      .execute();
    expect(counters).toHaveLength(1);
  });

  it("is capped across everyone, by rows and by bytes", async () => {
    await clear();
    const keep = (i: number, value = "b") =>
      keepInput(
        t.db,
        { previousKey: null, clientKey: nextClient(), target: "/x", form: form([["a", value]]) },
        at(i * 1000),
        SMALL,
      );
    for (let i = 0; i < SMALL.maxLive; i++) expect((await keep(i)).ok).toBe(true);
    expect(await keep(99)).toEqual({ ok: false, error: "full" });
    expect(await t.db.selectFrom("kept_input").select("id").execute()).toHaveLength(SMALL.maxLive);
    await clear();
    expect((await keep(0, "x".repeat(6_000))).ok).toBe(true);
    expect(await keep(1, "y".repeat(6_000))).toEqual({ ok: false, error: "full" });
    // Space comes back as rows expire.
    expect(
      (
        await keepInput(
          t.db,
          { previousKey: null, clientKey: nextClient(), target: "/x", form: form([["a", "z"]]) },
          at(3 * HOUR),
          SMALL,
        )
      ).ok,
    ).toBe(true);
  });
});

describe("the guard", () => {
  async function thrown(request: Request): Promise<Response> {
    try {
      await requireSession(request);
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    throw new Error("no redirect");
  }

  it("sends a form posted without a session to /keep with a 307 (same method, same body)", async () => {
    const res = await thrown(
      new Request("http://portal.test/requests/SR-1?tab=x", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "body=Hello",
      }),
    );
    expect(res.status).toBe(307);
    expect(res.headers.get("Location")).toBe(
      `/keep?to=${encodeURIComponent("/requests/SR-1?tab=x")}`,
    );
  });

  it("sends a page view, or a post with no body, to the login page as before", async () => {
    const get = await thrown(new Request("http://portal.test/requests/new"));
    expect(get.status).toBe(302);
    expect(get.headers.get("Location")).toBe("/login?redirectTo=%2Frequests%2Fnew");
    const empty = await thrown(
      new Request("http://portal.test/requests/new", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "0" },
        body: "",
      }),
    );
    expect(empty.status).toBe(302);
  });
});
