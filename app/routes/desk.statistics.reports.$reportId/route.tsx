import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDateTime } from "~/lib/format";
import { readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { textError } from "~/lib/text";
import { redirectWithToast } from "~/lib/toast.server";
import { FiguresTable } from "~/statistics/figures-table";
import { decideReport, viewReport } from "~/statistics/reports.server";
import { StatusBadge } from "~/statistics/ui";

export const meta: MetaFunction = () => [{ title: "Report review · 报表审核 | Zizhu Park Portal" }];

/** Statistics staff: one company's figures (the view is audited), accept or return. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:statistics:any");
  const found = await viewReport(db(), user, params.reportId ?? "", {
    ip: requestMeta(request, context).ip ?? null,
  });
  if (!found.ok || found.access !== "staff") throw new Response("Not found", { status: 404 });
  return { report: found.report, canDecide: true };
}

const MAX_COMMENT = 1000;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:statistics:any");
  const form = await readForm(request);
  const intent = form.get("intent");
  const reportId = params.reportId ?? "";
  const { ip, origin } = requestMeta(request, context);
  if (intent !== "accept" && intent !== "return")
    return data({ error: "statistics:errors.outcome", comments: {} }, { status: 400 });
  const comments: Record<string, string> = {};
  for (const [name, value] of form) {
    if (!name.startsWith("comment.") || typeof value !== "string" || !value.trim()) continue;
    if (textError(value, MAX_COMMENT, { multiline: true }))
      return data({ error: "statistics:errors.tooLong", comments }, { status: 400 });
    comments[name.slice("comment.".length)] = value.trim();
  }
  const decided = await decideReport(
    db(),
    user,
    reportId,
    intent === "accept" ? { outcome: "accepted" } : { outcome: "returned", comments },
    { ip: ip ?? null, origin },
  );
  if (!decided.ok) {
    throwIfMissing(decided);
    const error =
      decided.error === "noComment"
        ? "statistics:review.noComment"
        : "statistics:review.notSubmitted";
    return data({ error, comments }, { status: 422 });
  }
  return redirectWithToast(`/desk/statistics/reports/${reportId}`, {
    type: "success",
    key: intent === "accept" ? "statistics:review.accepted" : "statistics:review.returned",
  });
}

export default function ReviewPage() {
  const { report } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("statistics");
  const tk = t as unknown as (k: string) => string;
  const locale = useLocale();
  const company = pick(locale, report.companyEn, report.companyZh);
  const waiting = report.status === "submitted";
  return (
    <div className="container medium stack">
      <p>
        <Link to={`/desk/statistics/periods/${report.period.id}`}>← {t("review.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("review.title", { company, label: report.period.label })}</h1>
        <p className="lead">
          {pick(locale, report.formEn, report.formZh)} ·{" "}
          {t("review.revision", { revision: report.revision })}{" "}
          <StatusBadge status={report.status} />
        </p>
        <p className="muted">{t("review.viewed")}</p>
      </header>
      {reply?.error ? (
        <div className="notice notice-danger" role="alert">
          <p>{tk(reply.error.replace(/^statistics:/, ""))}</p>
        </div>
      ) : null}
      <FiguresTable
        definition={report.definition}
        figures={report.figures}
        explanations={report.explanations}
        last={report.last}
        lastLabel={report.lastLabel}
        comments={report.comments}
      />
      {waiting ? (
        <section className="card stack" aria-labelledby="review-decide">
          <h2 id="review-decide">{t("review.decide")}</h2>
          <p>
            <ConfirmTrigger name="accept" className="button">
              {t("review.accept")}
            </ConfirmTrigger>
          </p>
          <ConfirmDialog name="accept" title={t("review.accept")} cancelLabel={t("review.cancel")}>
            <p>{t("review.acceptConfirm")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <SubmitButton>{t("review.acceptYes")}</SubmitButton>
            </Form>
          </ConfirmDialog>
          <h3>{t("review.returnTitle")}</h3>
          <p className="muted">{t("review.returnLead")}</p>
          <Form method="post" className="form-stack" id="return-form">
            <input type="hidden" name="intent" value="return" />
            {report.definition.fields.map((f) => {
              const label = pick(locale, f.labelEn, f.labelZh);
              return (
                <div className="field" key={f.key}>
                  <label htmlFor={`comment-${f.key}`}>
                    {t("review.comment", { field: label })}
                  </label>
                  <textarea
                    id={`comment-${f.key}`}
                    name={`comment.${f.key}`}
                    rows={2}
                    maxLength={MAX_COMMENT}
                    defaultValue={reply?.comments?.[f.key] ?? ""}
                  />
                </div>
              );
            })}
            <div className="row">
              <SubmitButton className="button button-secondary">
                {t("review.returnButton")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="review-history">
        <h2 id="review-history">{t("review.history")}</h2>
        <ul>
          {report.submissions.map((s) => (
            <li key={s.id}>
              {t("review.submittedBy", {
                revision: s.revision,
                when: formatDateTime(s.submittedAt, locale),
                by: s.by ?? "—",
              })}{" "}
              ({t(`review.outcomes.${(s.outcome ?? "none") as "none"}`)})
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
