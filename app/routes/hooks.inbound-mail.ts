/**
 * The inbound-mail webhook (ADR 0034) for an MTA that delivers by HTTP (Postfix's pipe to
 * curl, see README): `POST /hooks/inbound-mail` with the shared secret in
 * `X-Inbound-Secret` and the raw message as the multipart file `message` (optionally
 * `from` and `to`, the envelope). It only stores the message; the job worker processes it.
 * 404 while INBOUND_MAIL_SECRET is unset; 401 for a wrong secret (checked before the body
 * is read); 413 over INBOUND_MAX_BYTES; 202 with the stored id.
 */
import crypto from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { readUploadForm } from "~/lib/form.server";
import { storeInbound } from "~/service-requests/inbound-mail.server";

const noStore = { "Cache-Control": "no-store" };

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Only POST: a GET (a browser, a crawler) learns which method to use. */
export function loader() {
  return new Response("Method not allowed", {
    status: 405,
    headers: { ...noStore, Allow: "POST" },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const secret = env().INBOUND_MAIL_SECRET;
  if (!secret) return new Response("Not found", { status: 404, headers: noStore });
  if (request.method !== "POST")
    return new Response("Method not allowed", {
      status: 405,
      headers: { ...noStore, Allow: "POST" },
    });
  if (!sameSecret(request.headers.get("X-Inbound-Secret") ?? "", secret))
    return Response.json({ error: "unauthorized" }, { status: 401, headers: noStore });
  const read = await readUploadForm(request, {
    maxFileBytes: env().INBOUND_MAX_BYTES,
    maxFiles: 1,
  });
  if (read.refused) return Response.json({ error: "tooLarge" }, { status: 413, headers: noStore });
  const message = read.form.get("message");
  const raw =
    message instanceof File
      ? new Uint8Array(await message.arrayBuffer())
      : typeof message === "string"
        ? new TextEncoder().encode(message)
        : new Uint8Array();
  const from = read.form.get("from");
  const to = read.form.getAll("to").filter((v): v is string => typeof v === "string");
  const stored = await storeInbound(db(), {
    raw,
    source: "webhook",
    envelopeFrom: typeof from === "string" ? from : null,
    envelopeTo: to.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean),
  });
  if (!stored.ok)
    return Response.json(
      { error: stored.error },
      { status: stored.error === "tooLarge" ? 413 : 400, headers: noStore },
    );
  return Response.json({ id: stored.id }, { status: 202, headers: noStore });
}
