import type { AppLoadContext } from "@remix-run/node";
import { env } from "~/env.server";

/** What domain functions need to know about the request: who is asking from where. */
export function requestMeta(request: Request, context: AppLoadContext) {
  return {
    ip: context.ip ?? null,
    userAgent: request.headers.get("User-Agent"),
    origin: env().PUBLIC_URL.replace(/\/$/, ""),
  };
}
