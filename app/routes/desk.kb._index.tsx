import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { deflectionSummary, listKbForDesk } from "~/kb/kb.server";
import { KbStatusBadge } from "~/kb/ui";
import { formatNumber, formatPercent, isoDay } from "~/lib/format";
import { field, parseQuery } from "~/lib/query.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Knowledge base · 知识库 | Zizhu Park Portal") },
];

const STATUSES = ["draft", "published"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:kb_article:any");
  const { status = null } = parseQuery(request, { status: field.oneOf(STATUSES) });
  const since = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
  return {
    status,
    articles: await listKbForDesk(db(), { status }),
    summary: await deflectionSummary(db(), since),
  };
}

export default function DeskKb() {
  const { status, articles, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kb");
  const locale = useLocale();
  const decided = summary.solved + summary.filed;
  const stats = [
    { key: "shown", value: formatNumber(summary.shown, locale) },
    { key: "opened", value: formatNumber(summary.opened, locale) },
    { key: "solved", value: formatNumber(summary.solved, locale) },
    { key: "filed", value: formatNumber(summary.filed, locale) },
    { key: "rate", value: decided ? formatPercent(summary.solved / decided, locale) : "–" },
  ] as const;
  return (
    <div className="container">
      <p>
        <Link to="/desk">← {t("desk.back")}</Link>
      </p>
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <Link to="/desk/kb/new" className="button">
          {t("desk.new")}
        </Link>
      </header>
      <section aria-labelledby="kb-deflection" className="section">
        <h2 id="kb-deflection">{t("desk.deflection")}</h2>
        <ul className="card-grid admin-stats">
          {stats.map((s) => (
            <li key={s.key} className="card">
              <p className="stat">{s.value}</p>
              <p>{t(`desk.${s.key}`)}</p>
            </li>
          ))}
        </ul>
        <p className="muted">{t("desk.rateHint")}</p>
      </section>
      <nav className="tabs" aria-label={t("desk.columns.status")}>
        {([null, ...STATUSES] as const).map((s) => (
          <Link
            key={s ?? "all"}
            to={s ? `/desk/kb?status=${s}` : "/desk/kb"}
            aria-current={status === s ? "page" : undefined}
          >
            {t(`desk.filters.${s ?? "all"}`)}
          </Link>
        ))}
      </nav>
      {articles.length === 0 ? (
        <p className="notice">{t("desk.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("desk.columns.title")}</th>
                <th scope="col">{t("desk.columns.status")}</th>
                <th scope="col">{t("desk.columns.category")}</th>
                <th scope="col">{t("desk.columns.counts")}</th>
                <th scope="col">{t("desk.columns.helpful")}</th>
                <th scope="col">{t("desk.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr key={a.id}>
                  <td data-label={t("desk.columns.title")}>
                    <Link to={`/desk/kb/${a.id}`}>{pick(locale, a.title_en, a.title_zh)}</Link>
                    {a.owner_name ? <div className="muted">{a.owner_name}</div> : null}
                  </td>
                  <td data-label={t("desk.columns.status")}>
                    <KbStatusBadge status={a.status} />
                  </td>
                  <td data-label={t("desk.columns.category")}>
                    {a.category_en
                      ? pick(locale, a.category_en, a.category_zh ?? "")
                      : t("desk.fields.noCategory")}
                  </td>
                  <td data-label={t("desk.columns.counts")}>
                    {a.shown} / {a.opened} / {a.solved}
                  </td>
                  <td data-label={t("desk.columns.helpful")}>
                    {a.helpful_yes} / {a.helpful_no}
                  </td>
                  <td data-label={t("desk.columns.updated")}>{isoDay(a.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
