import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Service catalogue · 服务目录 | Zizhu Park Portal") },
];

/** The service-catalogue admin area; each child authorizes itself too. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return null;
}

export default function ServicesAdmin() {
  const { t } = useTranslation("services");
  return (
    <section className="section">
      <h2>{t("admin.title")}</h2>
      <nav className="tabs" aria-label={t("admin.title")}>
        <NavLink to="/admin/services" end>
          {t("admin.tabs.types")}
        </NavLink>
        <NavLink to="/admin/services/teams">{t("admin.tabs.teams")}</NavLink>
        <NavLink to="/admin/services/sla">{t("admin.tabs.sla")}</NavLink>
        <NavLink to="/admin/services/calendar">{t("admin.tabs.calendar")}</NavLink>
      </nav>
      <Outlet />
    </section>
  );
}
