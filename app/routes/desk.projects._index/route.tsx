import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  filterChoices,
  listProjects,
  parseProjectFilters,
  projectParams,
} from "~/projects/list.server";
import { listOwners } from "~/projects/projects.server";
import { listProjectViews, viewQuery } from "~/projects/views.server";
import { ProjectFilters } from "./filters";
import { ProjectTable } from "./project-table";
import { SavedViews } from "./saved-views";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Projects · 招商项目 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project:any");
  const url = new URL(request.url);
  const filters = parseProjectFilters(url.searchParams, user.id);
  const page = await listProjects(db(), user, filters, url.searchParams.get("after"), {
    staleDays: env().PROJECT_STALE_DAYS,
  });
  const choices = await filterChoices(db());
  return {
    ...page,
    ...choices,
    owners: await listOwners(db()),
    params: projectParams(url.searchParams),
    views: await listProjectViews(db(), user),
    current: viewQuery(url.searchParams),
    canCreate: can(user, "update:project:any"),
  };
}

export default function Projects() {
  const { items, next, params, owners, industries, countries, canCreate, views, current } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
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
        <div className="row">
          <Link to={`/desk/projects/board${query({})}`} className="button button-secondary">
            {t("board")}
          </Link>
          <Link to="/desk/projects/report" className="button button-secondary">
            {t("report.link")}
          </Link>
          {canCreate ? (
            <Link to="/desk/projects/new" className="button">
              {t("newProject")}
            </Link>
          ) : null}
        </div>
      </header>
      <SavedViews views={views} current={current} />
      <ProjectFilters
        params={params}
        owners={owners}
        industries={industries}
        countries={countries}
      />
      <section className="section" aria-label={t("list.caption")}>
        {items.length ? (
          <ProjectTable items={items} />
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
