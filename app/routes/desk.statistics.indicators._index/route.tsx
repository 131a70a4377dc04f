import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { parkDashboard } from "~/statistics/dashboard.server";
import {
  indicatorRebuildPending,
  requestIndicatorRebuild,
} from "~/statistics/indicators.server";
import { IndicatorDetail } from "./detail";
import { IndicatorTable } from "./table";

export const meta: MetaFunction = () => [
  { title: "Park indicators · 园区评价指标 | Zizhu Park Portal" },
];

/** Statistics staff: the park's indicators for a period, and one indicator in detail. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const url = new URL(request.url);
  const found = await parkDashboard(
    db(),
    user,
    {
      formId: url.searchParams.get("form"),
      periodId: url.searchParams.get("period"),
      indicator: url.searchParams.get("indicator"),
    },
    { ip: requestMeta(request, context).ip ?? null, today: isoDay(new Date()) },
  );
  if (!found.ok) throw new Response("Forbidden", { status: 403 });
  return { dashboard: found.dashboard, rebuilding: await indicatorRebuildPending(db()) };
}

/** Recomputes every indicator from the accepted submissions (after a definition changed). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  await requestIndicatorRebuild(db(), user, requestMeta(request, context).ip ?? null);
  const url = new URL(request.url);
  return redirectWithToast(url.pathname + url.search, {
    type: "success",
    key: "statistics:indicators.rebuilt",
  });
}

export default function IndicatorDashboard() {
  const { dashboard: d, rebuilding } = useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  return (
    <div className="container stack">
      <header className="page-header">
        <p>
          <Link to="/desk/statistics">{t("desk.title")}</Link>
        </p>
        <h1>{t("indicators.title")}</h1>
        <p className="lead">{t("indicators.lead")}</p>
      </header>
      {rebuilding ? (
        <p className="notice" role="status">
          {t("indicators.rebuilding")}
        </p>
      ) : null}
      {d.period ? (
        <>
          <Form method="get" className="card admin-filters" aria-label={t("indicators.show")}>
            <div className="field">
              <label htmlFor="ind-period">{t("indicators.period")}</label>
              <select id="ind-period" name="period" defaultValue={d.period.id}>
                {d.periods.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ind-indicator">{t("indicators.indicator")}</label>
              <select id="ind-indicator" name="indicator" defaultValue={d.selected?.code}>
                {d.rows.map((r) => (
                  <option key={r.def.code} value={r.def.code}>
                    {pick(locale, r.def.nameEn, r.def.nameZh)}
                  </option>
                ))}
              </select>
            </div>
            <div className="admin-filter-actions">
              <button type="submit" className="button button-secondary">
                {t("indicators.show")}
              </button>
            </div>
          </Form>
          <IndicatorTable dashboard={d} />
          {d.selected ? <IndicatorDetail dashboard={d} /> : null}
        </>
      ) : (
        <p className="card muted">{t("indicators.noPeriods")}</p>
      )}
      <section className="card stack" aria-labelledby="ind-defs">
        <h2 id="ind-defs">{t("indicatorEditor.definitions")}</h2>
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {d.definitions.map((def) => (
            <li key={def.id}>
              <Link to={`/desk/statistics/indicators/${def.id}`}>
                {pick(locale, def.nameEn, def.nameZh)}
              </Link>{" "}
              <span className="muted">
                {def.code} · {t(`indicators.kinds.${def.kind}`)} ·{" "}
                {t("indicators.weightValue", { weight: def.weight })}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <Link className="button button-secondary" to="/desk/statistics/indicators/new">
            {t("indicatorEditor.newIndicator")}
          </Link>
        </p>
      </section>
      <div className="row wrap">
        <Form method="post">
          <SubmitButton className="button button-secondary">{t("indicators.rebuild")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
