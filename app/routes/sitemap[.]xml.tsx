import { db } from "~/db.server";
import { env } from "~/env.server";
import { sitemap } from "~/news/feeds.server";

export async function loader() {
  const xml = await sitemap(db(), env().PUBLIC_URL.replace(/\/$/, ""));
  return new Response(xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
