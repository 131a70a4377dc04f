/** The bounded form reader and the schema-aware submission (app/lib/form.server.ts). */
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { HONEYPOT_FIELD } from "~/components/honeypot";
import {
  ENVELOPE_FIELDS,
  FORM_LIMITS,
  isKnownField,
  knownValues,
  namePath,
  parseForm,
  readForm,
  readUploadForm,
} from "./form.server";
import { multilineText, text } from "./text";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers });
const urlencoded = (body: string) =>
  post(body, { "Content-Type": "application/x-www-form-urlencoded" });

/** The status of the Response a reader threw, or "ok". */
async function statusOf(read: Promise<unknown>): Promise<number | "ok"> {
  try {
    await read;
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const schema = z.object({
  intent: z.literal("save"),
  name: text(20),
  body: multilineText(50).optional(),
  rows: z
    .array(z.object({ label: text(10).optional() }))
    .max(5)
    .optional(),
  tags: z.array(z.string()).optional(),
});

describe("readForm limits", () => {
  it("reads an ordinary urlencoded form, envelope fields included", async () => {
    const form = await readForm(urlencoded("intent=save&name=A%20b&website_url=&x=1"));
    expect(form.get("name")).toBe("A b");
    expect(form.get("website_url")).toBe("");
    expect(ENVELOPE_FIELDS).toContain(HONEYPOT_FIELD);
  });

  it("refuses a huge or negative array index, fast (the 13-byte attack)", async () => {
    const started = Date.now();
    expect(await statusOf(readForm(urlencoded("x[99999999]=1")))).toBe(400);
    expect(await statusOf(readForm(urlencoded("x[-1]=1")))).toBe(400);
    expect(await statusOf(readForm(urlencoded(`x[${FORM_LIMITS.maxIndex + 1}]=1`)))).toBe(400);
    expect(await statusOf(readForm(urlencoded(`x[${FORM_LIMITS.maxIndex}]=1`)))).toBe("ok");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses deep nesting, long names, too many fields, long values and big bodies", async () => {
    expect(await statusOf(readForm(urlencoded("a[b][c][d][e][f]=1")))).toBe(400);
    expect(await statusOf(readForm(urlencoded("a.b.c.d.e.f=1")))).toBe(400);
    expect(await statusOf(readForm(urlencoded(`${"n".repeat(121)}=1`)))).toBe(400);
    const many = Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join("&");
    expect(await statusOf(readForm(urlencoded(many)))).toBe(413);
    expect(await statusOf(readForm(urlencoded(`a=${"x".repeat(70_000)}`)))).toBe(413);
    expect(await statusOf(readForm(urlencoded("&".repeat(5000) + "a=1")))).toBe("ok");
    const big = Array.from({ length: 40 }, (_, i) => `f${i}=${"x".repeat(60_000)}`).join("&");
    expect(await statusOf(readForm(urlencoded(big)))).toBe(413);
    // A lower limit for one form.
    expect(await statusOf(readForm(urlencoded("a=12345"), { limits: { maxValueBytes: 4 } }))).toBe(
      413,
    );
  });

  it("bounds multipart bodies the same way and drops files a form does not take", async () => {
    const ok = new FormData();
    ok.append("name", "A");
    ok.append("file", new Blob([new Uint8Array(10)]), "a.pdf");
    const form = await readForm(post(ok));
    expect(form.get("name")).toBe("A");
    expect(form.get("file")).toBeNull();
    const deep = new FormData();
    deep.append("a[99999999]", "1");
    expect(await statusOf(readForm(post(deep)))).toBe(400);
    const many = new FormData();
    for (let i = 0; i <= FORM_LIMITS.maxParts; i++) many.append(`f${i}`, "1");
    expect(await statusOf(readForm(post(many)))).toBe(413);
    const malformed = post("--x\r\nnonsense", {
      "Content-Type": "multipart/form-data; boundary=x",
    });
    expect(await statusOf(readForm(malformed))).toBe(400);
  });

  it("reports a file that is too large, and too many files, keeping the text", async () => {
    const opts = { maxFileBytes: 100, maxFiles: 2 };
    const body = new FormData();
    body.append("subject", "kept");
    body.append("files", new Blob([new Uint8Array(101)]), "big.pdf");
    const big = await readUploadForm(post(body), opts);
    expect(big.refused).toEqual({ field: "files", reason: "tooLarge" });
    expect(big.form.get("subject")).toBe("kept");
    const three = new FormData();
    for (let i = 0; i < 3; i++) three.append("files", new Blob([new Uint8Array(5)]), `${i}.pdf`);
    expect((await readUploadForm(post(three), opts)).refused).toEqual({
      field: "files",
      reason: "tooMany",
    });
    const fine = new FormData();
    fine.append("files", new Blob([new Uint8Array(5)], { type: "application/pdf" }), "a.pdf");
    const read = await readUploadForm(post(fine), opts);
    expect(read.refused).toBeNull();
    const file = read.form.get("files");
    expect(file instanceof File && file.size).toBe(5);
  });
});

describe("parseForm", () => {
  it("knows the schema's names and nothing else", () => {
    expect(namePath("rows[2].label")).toEqual(["rows", 2, "label"]);
    expect(namePath("a..b")).toBeNull();
    expect(isKnownField(schema, "rows[2].label")).toBe(true);
    expect(isKnownField(schema, "rows[2].other")).toBe(false);
    expect(isKnownField(schema, "tags")).toBe(true);
    expect(isKnownField(schema, "__proto__")).toBe(false);
    expect(isKnownField(schema, "constructor")).toBe(false);
  });

  it("never echoes an unknown field in its reply", () => {
    const form = new FormData();
    form.append("intent", "save");
    form.append("name", "");
    form.append("x", "y".repeat(1000));
    form.append("rows[3].evil", "1");
    const submission = parseForm(form, { schema });
    expect(submission.status).toBe("error");
    const reply = JSON.stringify(submission.reply());
    expect(reply).not.toContain("yyy");
    expect(reply).not.toContain("evil");
    expect(reply).toContain("common:form.requiredField");
  });

  it("gives a field error for control characters and over-long text, keeping the input", () => {
    const form = new FormData();
    form.append("intent", "save");
    form.append("name", "a\u0000b");
    form.append("body", "x".repeat(51));
    const submission = parseForm(form, { schema });
    expect(submission.status).toBe("error");
    const reply = submission.reply();
    expect(reply.error?.name).toEqual(["common:form.controlChars"]);
    expect(reply.error?.body).toEqual(["common:form.tooLong"]);
    expect(reply.initialValue?.name).toBe("a\u0000b");
  });

  it("refuses control characters even in a field without the text helper", () => {
    const loose = z.object({ id: z.string() });
    const form = new FormData();
    form.append("id", "a\u0000");
    const submission = parseForm(form, { schema: loose });
    expect(submission.status).toBe("error");
    const ok = new FormData();
    ok.append("id", "a\tb\nc");
    expect(parseForm(ok, { schema: loose }).status).toBe("success");
  });

  it("keeps dynamic names when asked", () => {
    const form = new FormData();
    form.append("f_colour", "red");
    form.append("g_other", "no");
    const submission = parseForm(form, { schema, keep: (n) => n.startsWith("f_") });
    expect(submission.payload).toHaveProperty("f_colour", "red");
    expect(submission.payload).not.toHaveProperty("g_other");
  });

  it("knownValues gives the first value of the known fields only", () => {
    const form = new FormData();
    form.append("name", "a");
    form.append("name", "b");
    form.append("__proto__", "x");
    form.append("other", "x");
    expect(knownValues(form, schema)).toEqual({ name: "a" });
  });
});
