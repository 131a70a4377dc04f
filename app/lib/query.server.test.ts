import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor.server";
import { field, parseQuery, QUERY_LIMITS } from "./query.server";

const ID = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
const url = (q: string) => `http://portal.test/x?${q}`;
const shape = {
  q: field.text(10),
  status: field.oneOf(["open", "closed"]),
  id: field.uuid(),
  tag: field.slug(),
  mine: field.flag(),
  page: field.int(1, 1000),
  from: field.day(),
  after: field.cursor(),
};

async function status(fn: () => unknown): Promise<number | undefined> {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof Response ? e.status : -1;
  }
}

describe("parseQuery", () => {
  it("reads good values", () => {
    const after = encodeCursor({ at: "2026-01-01T00:00:00.123456Z", id: ID });
    expect(
      parseQuery(
        url(
          `q=%20solar%20&status=open&id=${ID}&tag=a-b&mine=1&page=3&from=2024-02-29&after=${after}`,
        ),
        shape,
      ),
    ).toEqual({
      q: "solar",
      status: "open",
      id: ID,
      tag: "a-b",
      mine: true,
      page: 3,
      from: "2024-02-29",
      after: { at: "2026-01-01T00:00:00.123456Z", id: ID },
    });
  });

  it("turns malformed values into 'not given', never an error", () => {
    const bad = [
      "q=%00%01%1b",
      "status=OPEN",
      "status=__proto__",
      `id=${"-".repeat(36)}`,
      "tag=a%00b",
      "mine=true",
      "page=-1",
      "page=0",
      "page=1e3",
      "page=99999999999999999999",
      "page=1.5",
      "from=2026-02-30",
      "from=0000-01-01",
      "from=99999-01-01",
      "after=garbage",
      `after=${Buffer.from("9999-99-99T99:99:99.000000Z|x").toString("base64url")}`,
    ];
    for (const q of bad) {
      const r = parseQuery(url(q), shape);
      const name = q.split("=")[0] as keyof typeof r;
      expect(r[name], q).toEqual(name === "mine" ? false : undefined);
    }
  });

  it("cleans and caps free text", () => {
    expect(parseQuery(url("q=a%00b%07c"), shape).q).toBe("abc");
    expect(parseQuery(url(`q=${"你".repeat(50)}`), shape).q).toBe("你".repeat(10));
  });

  it("takes the first of repeated names and ignores unknown ones and a[]", () => {
    const r = parseQuery(url("status=closed&status=open&status[]=open&evil=1&__proto__=x"), shape);
    expect(r.status).toBe("closed");
    expect(Object.keys(r)).not.toContain("evil");
  });

  it("is a 400 over the limits", async () => {
    expect(await status(() => parseQuery(url(`q=${"x".repeat(10_240)}`), shape))).toBe(400);
    const many = Array.from({ length: QUERY_LIMITS.maxParams + 1 }, (_, i) => `p${i}=1`).join("&");
    expect(await status(() => parseQuery(url(many), shape))).toBe(400);
    expect(await status(() => parseQuery(url("q=ok"), shape))).toBeUndefined();
  });
});
