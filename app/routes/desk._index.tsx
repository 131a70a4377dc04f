import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requireParkRole } from "~/auth/guards.server";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Staff desk · 工作台 | Zizhu Park Portal") },
];

/** The park-side start page: one card per tool the signed-in person may use. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireParkRole(request, [
    "staff",
    "reviewer",
    "admin",
    "promotion",
    "statistics",
    "mentor",
  ]);
  return { roles: user.roles, name: user.name };
}

const TOOLS = [
  { to: "/desk/news", key: "news", roles: ["staff", "admin"] },
  { to: "/desk/projects", key: "projects", roles: ["promotion", "admin"] },
  { to: "/desk/space", key: "space", roles: ["promotion", "admin"] },
  { to: "/desk/inquiries", key: "inquiries", roles: ["staff", "admin", "promotion"] },
  { to: "/desk/incubation", key: "incubation", roles: ["staff", "admin"] },
  { to: "/review", key: "review", roles: ["reviewer"] },
  { to: "/mentoring", key: "mentoring", roles: ["mentor"] },
  { to: "/desk/requests", key: "requests", roles: ["staff", "admin"] },
  { to: "/desk/mail", key: "mail", roles: ["staff", "admin"] },
  { to: "/desk/snippets", key: "snippets", roles: ["staff", "admin"] },
  { to: "/desk/rules", key: "rules", roles: ["admin"] },
  { to: "/desk/reports", key: "reports", roles: ["staff", "admin"] },
  { to: "/desk/companies", key: "companies", roles: ["staff", "admin", "statistics"] },
  { to: "/desk/statistics", key: "statistics", roles: ["statistics", "admin"] },
  { to: "/desk/kb", key: "kb", roles: ["staff", "admin"] },
  { to: "/desk/policies", key: "policies", roles: ["staff", "admin"] },
  { to: "/desk/claims", key: "claims", roles: ["staff", "admin"] },
  { to: "/admin", key: "admin", roles: ["admin"] },
] as const;

export default function Desk() {
  const { roles, name } = useLoaderData<typeof loader>();
  const { t } = useTranslation("desk");
  const tools = TOOLS.filter((tool) =>
    tool.roles.some((r) => (roles as readonly string[]).includes(r)),
  );
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead", { name })}</p>
      </header>
      <ul className="card-grid" style={{ listStyle: "none", padding: 0 }}>
        {tools.map((tool) => (
          <li key={tool.to} className="card">
            <h2>
              <Link to={tool.to}>{t(`tools.${tool.key}.title`)}</Link>
            </h2>
            <p className="muted">{t(`tools.${tool.key}.body`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
