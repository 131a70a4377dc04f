import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { rssFeed } from "~/news/feeds.server";

/** RSS 2.0: English by default, Chinese with `?lang=zh-CN`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = new URL(request.url).searchParams.get("lang") === "zh-CN" ? "zh-CN" : "en";
  const xml = await rssFeed(db(), lang, env().PUBLIC_URL.replace(/\/$/, ""));
  return new Response(xml, {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
