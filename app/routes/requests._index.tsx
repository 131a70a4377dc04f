import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { StateBadge, useFormatDate } from "~/service-requests/components";
import { listCompanyRequests } from "~/service-requests/service-requests.server";
import type { RequestState } from "~/service-requests/workflow";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Service requests · 服务申请 | Zizhu Park Portal") },
];

/** The company's requests: every member sees all of them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.company) return { company: null, open: [], finished: [] };
  const [open, finished] = [
    await listCompanyRequests(db(), user.company.id, { open: true }),
    await listCompanyRequests(db(), user.company.id, { open: false, limit: 50 }),
  ];
  return { company: { nameEn: user.company.nameEn, nameZh: user.company.nameZh }, open, finished };
}

export default function Requests() {
  const { company, open, finished } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("list.title")}</h1>
          {company ? (
            <p className="lead">
              {t("list.lead", { company: pick(locale, company.nameEn, company.nameZh) })}
            </p>
          ) : null}
        </div>
        {company ? (
          <Link className="button" to="/requests/new">
            {t("list.new")}
          </Link>
        ) : null}
      </header>
      {!company ? (
        <div className="card">
          <p>{t("list.noCompany")}</p>
        </div>
      ) : !open.length && !finished.length ? (
        <div className="card">
          <p>{t("list.empty")}</p>
        </div>
      ) : (
        <>
          <RequestTable title={t("list.open")} rows={open} />
          {finished.length ? <RequestTable title={t("list.finished")} rows={finished} /> : null}
        </>
      )}
    </div>
  );
}

function RequestTable({
  title,
  rows,
}: {
  title: string;
  rows: Awaited<ReturnType<typeof loader>>["open"];
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const date = useFormatDate();
  return (
    <section className="section">
      <h2>{title}</h2>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table table-cards sr-list">
            <thead>
              <tr>
                <th scope="col">{t("list.ref")}</th>
                <th scope="col">{t("list.subject")}</th>
                <th scope="col">{t("list.type")}</th>
                <th scope="col">{t("list.state")}</th>
                <th scope="col">{t("list.filed")}</th>
                <th scope="col">{t("list.expected")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ref}>
                  <td className="nowrap card-inline card-first">
                    <Link to={`/requests/${r.ref}`}>{r.ref}</Link>
                  </td>
                  <td className="card-title">{r.subject}</td>
                  <td data-label={t("list.type")}>
                    {pick(locale, r.type_name_en, r.type_name_zh)}
                  </td>
                  <td className="card-inline card-key">
                    <StateBadge state={r.state as RequestState} />
                  </td>
                  <td className="nowrap card-inline" data-label={t("list.filed")}>
                    {date(r.created_at)}
                  </td>
                  <td className="nowrap card-inline card-key" data-label={t("list.expected")}>
                    {r.resolution_due_at ? date(r.resolution_due_at) : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">–</p>
      )}
    </section>
  );
}
