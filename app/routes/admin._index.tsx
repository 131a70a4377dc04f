import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { adminOverview } from "~/admin/overview.server";
import { requireParkRole } from "~/auth/guards.server";
import { db } from "~/db.server";
import { mailboxEnabled } from "~/env.server";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireParkRole(request, ["admin"]);
  return { overview: await adminOverview(db()), mailbox: mailboxEnabled() };
}

export default function AdminOverview() {
  const locale = useLocale();
  const { overview, mailbox } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const stats = [
    {
      key: "users",
      value: overview.users,
      to: "/admin/users",
      note: overview.disabledUsers
        ? t("overview.disabledUsers", { count: overview.disabledUsers })
        : null,
    },
    { key: "admins", value: overview.admins, to: "/admin/users?role=admin", note: null },
    { key: "companies", value: overview.companies, to: "/admin/companies", note: null },
    { key: "activeSessions", value: overview.activeSessions, to: null, note: null },
    { key: "jobsQueued", value: overview.jobsQueued, to: null, note: null },
    { key: "jobsFailed", value: overview.jobsFailed, to: null, note: null },
    {
      key: "emailsQueued",
      value: overview.emailsQueued,
      to: mailbox ? "/dev/mailbox" : null,
      note: null,
    },
    {
      key: "emailsFailed",
      value: overview.emailsFailed,
      to: mailbox ? "/dev/mailbox" : null,
      note: null,
    },
  ] as const;
  return (
    <section aria-labelledby="admin-overview">
      <h2 id="admin-overview">{t("overview.title")}</h2>
      <p className="muted">{t("overview.lead")}</p>
      <ul className="card-grid admin-stats">
        {stats.map((s) => (
          <li key={s.key} className="card">
            <p className="stat">{formatNumber(s.value, locale)}</p>
            <p>{s.to ? <Link to={s.to}>{t(`overview.${s.key}`)}</Link> : t(`overview.${s.key}`)}</p>
            {s.note ? <p className="muted">{s.note}</p> : null}
          </li>
        ))}
      </ul>
      {mailbox ? (
        <p>
          <Link to="/dev/mailbox">{t("overview.openMailbox")}</Link>
        </p>
      ) : null}
    </section>
  );
}
