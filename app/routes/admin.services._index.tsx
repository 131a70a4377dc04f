import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { listTypes } from "~/service-requests/catalogue.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:service_catalogue:any");
  return { types: await listTypes(db()) };
}

export default function AdminTypes() {
  const { types } = useLoaderData<typeof loader>();
  const { t } = useTranslation("services");
  const locale = useLocale();
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("admin.code")}</th>
              <th>{t("admin.name")}</th>
              <th>{t("admin.defaultTeam")}</th>
              <th>{t("admin.residentOnly")}</th>
              <th>{t("admin.active")}</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type.id}>
                <td>
                  <Link to={`/admin/services/types/${type.code}`}>{type.code}</Link>
                </td>
                <td>{pick(locale, type.name_en, type.name_zh)}</td>
                <td>
                  {type.team_name_en ? pick(locale, type.team_name_en, type.team_name_zh) : "–"}
                </td>
                <td>{type.resident_only ? "✓" : ""}</td>
                <td>{type.active ? "✓" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link className="button" to="/admin/services/types/new">
          {t("admin.newType")}
        </Link>
      </p>
    </div>
  );
}
