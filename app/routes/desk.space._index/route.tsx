import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { listUnits, parseUnitFilters, unitBuildings, unitParams } from "~/projects/space.server";
import { UnitFilters } from "./filters";
import { UnitTable } from "./unit-table";

export const meta: MetaFunction = () => [{ title: "Space · 载体空间 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const url = new URL(request.url);
  const page = await listUnits(
    db(),
    user,
    parseUnitFilters(url.searchParams),
    url.searchParams.get("after"),
  );
  return {
    ...page,
    buildings: await unitBuildings(db()),
    params: unitParams(url.searchParams),
    canCreate: can(user, "update:project:any"),
  };
}

export default function Space() {
  const { items, next, params, buildings, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("space");
  const { after, ...filters } = params;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...filters, ...extra }).toString()}`;
  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        {canCreate ? (
          <div className="row">
            <Link to="/desk/space/new" className="button">
              {t("newUnit")}
            </Link>
          </div>
        ) : null}
      </header>
      <UnitFilters params={params} buildings={buildings} />
      <section className="section" aria-label={t("list.caption")}>
        {items.length ? (
          <UnitTable items={items} />
        ) : (
          <p className="card muted">{t("list.none")}</p>
        )}
        <nav className="row sr-pager" aria-label="pagination">
          {after ? <Link to={query({})}>{t("list.first")}</Link> : null}
          {next ? <Link to={query({ after: next })}>{t("list.more")} →</Link> : null}
        </nav>
      </section>
    </div>
  );
}
