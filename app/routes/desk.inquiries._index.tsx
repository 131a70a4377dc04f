import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { listInquiries } from "~/inquiries/inquiries.server";
import { INQUIRY_STATUSES } from "~/inquiries/schema";
import { isoMinute } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Inquiries · 投资咨询 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:inquiry:any");
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const mine = url.searchParams.get("mine") === "1";
  const page = await listInquiries(db(), user, {
    status,
    mine,
    cursor: url.searchParams.get("after"),
  });
  return {
    page,
    status: (INQUIRY_STATUSES as readonly string[]).includes(status ?? "") ? status : null,
    mine,
  };
}

const badge = (s: string) =>
  s === "new"
    ? " badge-warning"
    : s === "answered"
      ? " badge-success"
      : s === "closed"
        ? " badge-muted"
        : "";

export default function InquiryInbox() {
  const { page, status, mine } = useLoaderData<typeof loader>();
  const { t } = useTranslation("inquiries");
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("desk.title")}</h1>
        <p className="lead">{t("desk.lead")}</p>
      </header>
      <nav className="tabs" aria-label={t("desk.columns.status")}>
        <Link to="/desk/inquiries" aria-current={!status && !mine ? "page" : undefined}>
          {t("desk.all")}
        </Link>
        {INQUIRY_STATUSES.map((s) => (
          <Link
            key={s}
            to={`/desk/inquiries?status=${s}`}
            aria-current={status === s ? "page" : undefined}
          >
            {t(`desk.status.${s}`)}
          </Link>
        ))}
        <Link to="/desk/inquiries?mine=1" aria-current={mine ? "page" : undefined}>
          {t("desk.mine")}
        </Link>
      </nav>
      {page.items.length === 0 ? (
        <p className="notice">{t("desk.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("desk.columns.reference")}</th>
                <th scope="col">{t("desk.columns.from")}</th>
                <th scope="col">{t("desk.columns.interest")}</th>
                <th scope="col">{t("desk.columns.status")}</th>
                <th scope="col">{t("desk.columns.received")}</th>
                <th scope="col">{t("desk.columns.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td className="nowrap card-inline card-first">
                    <Link to={`/desk/inquiries/${i.id}`}>{i.reference}</Link>
                  </td>
                  <td className="card-title">
                    {i.name}
                    {i.organisation ? <div className="muted">{i.organisation}</div> : null}
                  </td>
                  <td className="card-inline" data-label={t("desk.columns.interest")}>
                    {t(`form.interest.${i.interest as "other"}`)}
                  </td>
                  <td className="card-inline card-first">
                    <span className={`badge${badge(i.status)}`}>
                      {t(`desk.status.${i.status as "new"}`)}
                    </span>
                  </td>
                  <td
                    className="nowrap card-inline card-key"
                    data-label={t("desk.columns.received")}
                  >
                    {isoMinute(i.created_at)}
                  </td>
                  <td className="card-inline" data-label={t("desk.columns.assignee")}>
                    {i.assignee_name ?? t("desk.unassigned")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <p>
          <Link
            className="button button-secondary"
            to={`/desk/inquiries?${new URLSearchParams({ ...(status ? { status } : {}), ...(mine ? { mine: "1" } : {}), after: page.nextCursor })}`}
          >
            {t("desk.next")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
