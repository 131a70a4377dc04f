import { env } from "~/env.server";
import { robots } from "~/news/feeds.server";

export async function loader() {
  return new Response(robots(env().PUBLIC_URL.replace(/\/$/, "")), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    },
  });
}
