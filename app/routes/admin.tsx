import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requireParkRole } from "~/auth/guards.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Administration · 系统管理 | Zizhu Park Portal") },
];

/** The admin area's frame. Each child route authorizes itself as well (a layout protects no action). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireParkRole(request, ["admin"]);
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  return (
    <div className="container">
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <nav className="tabs" aria-label={t("tabs.label")}>
        <NavLink to="/admin" end>
          {t("tabs.overview")}
        </NavLink>
        <NavLink to="/admin/users">{t("tabs.users")}</NavLink>
        <NavLink to="/admin/companies">{t("tabs.companies")}</NavLink>
        <NavLink to="/admin/audit">{t("tabs.audit")}</NavLink>
        {/* The service catalogue (issue 5) lives under /admin/services, inside this frame. */}
        <NavLink to="/admin/services">{t("tabs.services")}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
