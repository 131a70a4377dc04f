import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { field, parseQuery } from "~/lib/query.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { listStaff, listTeams } from "~/service-requests/catalogue.server";
import { useMacroSummary } from "~/service-requests/snippet-ui";
import { listSnippets } from "~/service-requests/snippets.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Canned replies · 常用回复 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:service_request:any");
  const { q = null } = parseQuery(request, { q: field.text(100) });
  const [snippets, teams, staff] = [
    await listSnippets(db(), user, { q, limit: 200 }),
    await listTeams(db()),
    await listStaff(db()),
  ];
  return {
    q,
    snippets: snippets.map((s) => ({ ...s, mine: s.owner_id === user.id })),
    teams: teams.map(({ id, name_en, name_zh }) => ({ id, name_en, name_zh })),
    staff: staff.map(({ id, name }) => ({ id, name })),
  };
}

export default function DeskSnippets() {
  const { q, snippets, teams, staff } = useLoaderData<typeof loader>();
  const { t } = useTranslation("snippets");
  const locale = useLocale();
  const summary = useMacroSummary(teams, staff, locale);
  return (
    <div className="container">
      <p>
        <Link to="/desk">← {t("backDesk")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        <Link to="/desk/snippets/new" className="button">
          {t("new")}
        </Link>
      </header>
      <Form method="get" className="search-form" role="search">
        <label htmlFor="snippet-q">{t("search")}</label>
        <input id="snippet-q" name="q" type="search" defaultValue={q ?? ""} maxLength={100} />
        <button type="submit" className="button button-secondary">
          {t("searchButton")}
        </button>
      </Form>
      {snippets.length === 0 ? (
        <p className="notice">{q ? t("noMatch", { q }) : t("empty")}</p>
      ) : (
        <ul className="stack snippet-list">
          {snippets.map((s) => {
            const sets = summary(s);
            return (
              <li key={s.id} className="card">
                <h2 className="h3">
                  <Link to={`/desk/snippets/${s.id}`}>{s.title}</Link>
                </h2>
                <p>
                  <span className="badge badge-muted">{s.mine ? t("personal") : t("shared")}</span>{" "}
                  {sets ? <span className="badge">{t("macro")}</span> : null}
                </p>
                {sets ? (
                  <p className="muted">
                    {t("sets")}: {sets}
                  </p>
                ) : null}
                <p className="snippet-preview">{s.body_en || s.body_zh}</p>
                {s.body_en && s.body_zh ? (
                  <p className="snippet-preview" lang="zh-CN">
                    {s.body_zh}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
