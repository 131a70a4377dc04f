import { sql } from "kysely";
import { databaseHandle } from "~/db.server";

/** For load balancers: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const handle = databaseHandle();
  try {
    if (!handle) throw new Error("database not open");
    await sql`SELECT 1`.execute(handle.db);
    return Response.json(
      { status: "ok", database: handle.kind },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "unavailable" },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
