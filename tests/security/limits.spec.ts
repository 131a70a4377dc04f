/**
 * Request body limits in server.js (ADR 0008): a declared Content-Length over MAX_BODY_BYTES
 * (MAX_UPLOAD_BYTES for multipart) is refused with 413 before the body is read; a chunked
 * body without a length is refused with 411. Raw HTTP, so the test controls the headers.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";

const MAX_BODY = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
const MAX_UPLOAD = Number(process.env.MAX_UPLOAD_BYTES ?? 20_000_000);

function rawPost(
  baseURL: string,
  headers: Record<string, string | number>,
  body?: string,
): Promise<number> {
  const url = new URL("/login", baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.flushHeaders(); // send the headers now, even when no body follows
    if (body !== undefined) req.write(body);
    // Do not end a request that declared more than it sends: the server must answer first.
    if (
      headers["Content-Length"] === undefined ||
      Number(headers["Content-Length"]) === Buffer.byteLength(body ?? "")
    )
      req.end();
  });
}

test("a form body declared over MAX_BODY_BYTES is refused with 413 before it is sent", async ({
  baseURL,
}) => {
  const status = await rawPost(baseURL!, {
    "Content-Type": "application/x-www-form-urlencoded",
    "Content-Length": MAX_BODY + 1,
  });
  expect(status).toBe(413);
});

test("a multipart body declared over MAX_UPLOAD_BYTES is refused with 413", async ({ baseURL }) => {
  const status = await rawPost(baseURL!, {
    "Content-Type": "multipart/form-data; boundary=x",
    "Content-Length": MAX_UPLOAD + 1,
  });
  expect(status).toBe(413);
});

test("a chunked body without Content-Length is refused with 411", async ({ baseURL }) => {
  const status = await rawPost(
    baseURL!,
    { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    "email=a",
  );
  expect(status).toBe(411);
});

test("a small form body within the limit reaches the route", async ({ baseURL }) => {
  const body = "email=nobody%40example.com&password=wrong-password";
  const status = await rawPost(
    baseURL!,
    {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
    },
    body,
  );
  expect(status).toBe(400);
});

test("a body that is not a web form (JSON, text, multipart without a boundary) is refused with 415, never a 500", async ({
  baseURL,
}) => {
  for (const type of [
    "application/json",
    "text/plain",
    "multipart/form-data",
    "application/x-www-form-urlencodedX; x=1",
  ]) {
    const body = type.includes("json") ? '{"email":"a@b.c"}' : "email=a%40b.c&password=x";
    const status = await rawPost(
      baseURL!,
      {
        "Content-Type": type,
        "Content-Length": Buffer.byteLength(body),
      },
      body,
    );
    expect(status, type).toBe(415);
  }
  // No Content-Type at all, with a body.
  expect(await rawPost(baseURL!, { "Content-Length": 5 }, "a=b&c")).toBe(415);
});
