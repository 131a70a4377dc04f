import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { parseForm, readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { companyBenchmark } from "~/statistics/benchmark.server";
import { companyReports, reportersOf, setReporter } from "~/statistics/reports.server";
import { Benchmark } from "./benchmark";
import { reporterSchema } from "~/statistics/schema";
import { StatusBadge } from "~/statistics/ui";

export const meta: MetaFunction = () => [
  { title: "Statistical reports · 统计报表 | Zizhu Park Portal" },
];

/**
 * A company's reports (its owners and designated reporters; other members see who reports);
 * owners name the reporters here.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:company:own");
  const companyId = user.company!.id;
  const isOwner = user.company!.role === "owner";
  const listed = await companyReports(db(), user);
  const field = new URL(request.url).searchParams.get("field");
  const bench = await companyBenchmark(db(), user, field);
  const people = (await reportersOf(db(), companyId)).map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    designated: p.designated,
  }));
  return {
    isOwner,
    isReporter: listed.ok,
    reports: listed.ok ? listed.reports : [],
    people: isOwner ? people : people.filter((p) => p.role === "owner" || p.designated),
    me: user.id,
    benchmark: bench.ok ? bench : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:company_member:own");
  const submission = parseForm(await readForm(request), { schema: reporterSchema });
  if (submission.status !== "success") return data({ ok: false }, { status: 400 });
  const { userId, designated } = submission.value;
  const done = await setReporter(db(), user, userId, designated === "yes");
  if (!done.ok) throwIfMissing(done);
  const person = (await reportersOf(db(), user.company!.id)).find((p) => p.id === userId);
  return redirectWithToast("/company/reports#reporters", {
    type: "success",
    key: designated === "yes" ? "statistics:company.designated" : "statistics:company.undesignated",
    values: { name: person?.name ?? "" },
  });
}

export default function CompanyReportsPage() {
  const { isOwner, isReporter, reports, people, me, benchmark } = useLoaderData<typeof loader>();
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  return (
    <div className="container medium stack">
      <p>
        <Link to="/company">← {t("company.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("company.title")}</h1>
        <p className="lead">{t("company.lead")}</p>
      </header>
      {isReporter ? (
        reports.length ? (
          <div className="table-wrap">
            <table className="table table-cards" id="company-reports">
              <thead>
                <tr>
                  <th scope="col">{t("company.period")}</th>
                  <th scope="col">{t("company.form")}</th>
                  <th scope="col">{t("company.due")}</th>
                  <th scope="col">{t("company.status")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/company/reports/${r.id}`}>{r.label}</Link>
                    </th>
                    <td data-label={t("company.form")}>{pick(locale, r.form_en, r.form_zh)}</td>
                    <td data-label={t("company.due")} className="nowrap">
                      {formatDate(r.due_on, locale)}
                    </td>
                    <td data-label={t("company.status")}>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("company.none")}</p>
        )
      ) : (
        <div className="notice">
          <p>{t("company.notReporter")}</p>
        </div>
      )}
      {benchmark?.field ? (
        <Benchmark fields={benchmark.fields} field={benchmark.field} points={benchmark.points} />
      ) : null}
      <section className="card stack" aria-labelledby="reporters-title" id="reporters">
        <h2 id="reporters-title">{t("company.reporters")}</h2>
        <p className="muted">{t("company.reportersLead")}</p>
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {people.map((p) => (
            <li key={p.id} className="spread">
              <span>
                {p.name}{" "}
                <span className="badge badge-muted">
                  {p.role === "owner"
                    ? t("company.owner")
                    : p.designated
                      ? t("company.reporter")
                      : t("company.member")}
                </span>
              </span>
              {isOwner && p.role !== "owner" && p.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={p.id} />
                  <input type="hidden" name="designated" value={p.designated ? "no" : "yes"} />
                  <SubmitButton className="button button-secondary button-small">
                    {p.designated ? t("company.undesignate") : t("company.designate")}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
