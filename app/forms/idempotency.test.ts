/**
 * The idempotency store (issue 11, ADR 0020), on PostgreSQL and PGlite: concurrent posts of one
 * key run the action once and all answer its redirect; a failure releases the key; rows expire.
 */
import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "~/db.server";
import { createTestDatabase, type TestDatabase } from "../../tests/support/db";
import {
  claimKey,
  completeKey,
  idempotent,
  KEY_TTL_MS,
  once,
  readIdempotencyKey,
} from "./idempotency.server";
import { newIdempotencyKey } from "~/components/idempotency-key";

let t: TestDatabase;
const context = { nonce: "n", requestId: "r", ip: "127.0.0.1" } as AppLoadContext;
beforeAll(async () => {
  t = await createTestDatabase();
  setDatabase(t);
});
afterAll(async () => {
  setDatabase(undefined);
  await t.close();
});

const redirectTo = (location: string) =>
  new Response(null, {
    status: 302,
    headers: [
      ["Location", location],
      ["Set-Cookie", "toast=abc; Path=/"],
      ["Set-Cookie", "session=secret; Path=/; HttpOnly"],
    ],
  });

function post(key: string, extra = "") {
  return new Request("http://portal.test/requests/SR-2026-1", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `intent=reply&body=Hello${extra}&idempotencyKey=${key}`,
  });
}

describe("idempotency store", () => {
  it("runs 20 concurrent posts of one key once; every other answers the first redirect", async () => {
    const key = newIdempotencyKey();
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        once(
          t.db,
          { actor: "user-1", key },
          "/x",
          async () => {
            runs++;
            await new Promise((r) => setTimeout(r, 30));
            return { status: 302, location: "/done/1", cookies: [] };
          },
          (v) => v,
          { pollMs: 5 },
        ),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r.kind === "ran")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "replay")).toHaveLength(19);
    for (const r of results)
      expect(r.kind === "ran" ? r.value.location : r.kind === "replay" && r.result.location).toBe(
        "/done/1",
      );
    const rows = await t.db
      .selectFrom("idempotency_key")
      .selectAll()
      .where("key", "=", key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps keys apart per actor", async () => {
    const key = newIdempotencyKey();
    expect((await claimKey(t.db, { actor: "a", key }, "/x")).kind).toBe("claimed");
    expect((await claimKey(t.db, { actor: "b", key }, "/x")).kind).toBe("claimed");
    expect((await claimKey(t.db, { actor: "a", key }, "/x")).kind).toBe("pending");
  });

  it("releases the key when the action fails or answers no redirect, so it can be sent again", async () => {
    const key = newIdempotencyKey();
    const id = { actor: "user-2", key };
    await expect(
      once(
        t.db,
        id,
        "/x",
        () => Promise.reject(new Error("boom")),
        () => null,
      ),
    ).rejects.toThrow("boom");
    const invalid = await once(
      t.db,
      id,
      "/x",
      async () => "field error",
      () => null,
    );
    expect(invalid.kind).toBe("ran");
    const ok = await once(
      t.db,
      id,
      "/x",
      async () => "created",
      () => ({ status: 302, location: "/ok", cookies: [] }),
    );
    expect(ok.kind).toBe("ran");
    const again = await once(
      t.db,
      id,
      "/x",
      async () => "twice",
      () => null,
    );
    expect(again).toEqual({
      kind: "replay",
      result: { status: 302, location: "/ok", cookies: [] },
    });
  });

  it("forgets a key after a day, and a completed claim deletes expired rows", async () => {
    const key = newIdempotencyKey();
    const id = { actor: "user-3", key };
    const long = new Date(Date.now() - KEY_TTL_MS - 1000);
    expect((await claimKey(t.db, id, "/x", long)).kind).toBe("claimed");
    await completeKey(t.db, id, { status: 302, location: "/old", cookies: [] }, long);
    expect((await claimKey(t.db, id, "/x")).kind).toBe("claimed");
    const other = { actor: "user-3", key: newIdempotencyKey() };
    await claimKey(t.db, other, "/x", long);
    await completeKey(t.db, id, { status: 302, location: "/new", cookies: [] });
    const left = await t.db
      .selectFrom("idempotency_key")
      .select("key")
      .where("key", "=", other.key)
      .execute();
    expect(left).toHaveLength(0);
  });

  it("answers a stale claim without a result (its process died) as busy, never running again", async () => {
    const key = newIdempotencyKey();
    const id = { actor: "user-4", key };
    await claimKey(t.db, id, "/x", new Date(Date.now() - 120_000));
    let runs = 0;
    const r = await once(
      t.db,
      id,
      "/x",
      async () => runs++,
      () => null,
      { waitMs: 50 },
    );
    expect(r.kind).toBe("busy");
    expect(runs).toBe(0);
  });
});

describe("idempotent(action)", () => {
  it("reads the key from url-encoded and multipart bodies and leaves the body to the action", async () => {
    const key = newIdempotencyKey();
    const req = post(key);
    expect(await readIdempotencyKey(req)).toBe(key);
    expect((await req.formData()).get("body")).toBe("Hello");
    const form = new FormData();
    form.append("idempotencyKey", key);
    form.append("file", new Blob([new Uint8Array(200_000)]), "a.pdf");
    const multi = new Request("http://portal.test/x", { method: "POST", body: form });
    expect(await readIdempotencyKey(multi)).toBe(key);
    expect(((await multi.formData()).get("file") as File).size).toBe(200_000);
    expect(await readIdempotencyKey(post("short"))).toBeNull();
  });

  it("replays the first redirect with its flash cookie but never a session cookie", async () => {
    const key = newIdempotencyKey();
    let runs = 0;
    const action = (a: ActionFunctionArgs) =>
      idempotent(async ({ request }) => {
        await request.formData();
        runs++;
        await new Promise((r) => setTimeout(r, 20));
        return redirectTo(`/requests/SR-2026-1?n=${runs}`);
      }, a);
    const args = (request: Request) => ({ request, params: {}, context });
    const [a, b] = (await Promise.all([
      action(args(post(key))),
      action(args(post(key))),
    ])) as Response[];
    const c = (await action(args(post(key)))) as Response;
    expect(runs).toBe(1);
    for (const r of [a!, b!, c]) {
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toBe("/requests/SR-2026-1?n=1");
      expect(r.headers.getSetCookie().some((x) => x.startsWith("toast="))).toBe(true);
    }
    expect(c.headers.getSetCookie().some((x) => x.startsWith("session="))).toBe(false);
    const fresh = (await action(args(post(newIdempotencyKey())))) as Response;
    expect(fresh.headers.get("Location")).toBe("/requests/SR-2026-1?n=2");
  });

  it("runs a post without a key as before", async () => {
    let runs = 0;
    const action = (a: ActionFunctionArgs) =>
      idempotent(async () => {
        runs++;
        return redirectTo("/x");
      }, a);
    const req = () =>
      new Request("http://portal.test/x", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "a=1",
      });
    await action({ request: req(), params: {}, context });
    await action({ request: req(), params: {}, context });
    expect(runs).toBe(2);
  });
});
