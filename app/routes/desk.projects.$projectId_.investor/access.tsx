/** Who may follow the project: linked accounts and invitations, the form to add one, revoking. */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { InvestorLink } from "~/projects/investor.server";
import { linkInvestorSchema } from "~/projects/investor-schema";

export function InvestorAccess({
  links,
  suggestedEmail,
  lastResult,
}: {
  links: InvestorLink[];
  suggestedEmail: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation("investor");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: `link-${links.length}`,
    lastResult,
    defaultValue: { email: suggestedEmail, locale },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkInvestorSchema }),
  });
  const live = links.filter((l) => l.state === "linked" || l.state === "pending");
  return (
    <section className="card" aria-labelledby="access-title" data-testid="investor-access">
      <h2 id="access-title">{t("access.title")}</h2>
      <p className="muted">{t("access.lead")}</p>
      {live.length ? (
        <ul className="investor-links">
          {live.map((l) => (
            <li key={l.id}>
              <span>
                <strong>{l.name ?? l.email}</strong>
                {l.name ? <span className="muted"> · {l.email}</span> : null}{" "}
                <span className={`badge ${l.state === "linked" ? "badge-success" : ""}`}>
                  {t(`access.states.${l.state}`)}
                </span>{" "}
                <span className="muted">{formatDate(l.createdAt, locale)}</span>
              </span>
              <details className="investor-revoke">
                <summary>
                  {l.state === "linked" ? t("access.revoke") : t("access.withdraw")}
                </summary>
                <Form method="post">
                  <input type="hidden" name="linkId" value={l.id} />
                  <p>{t("access.revokeConfirm", { email: l.email })}</p>
                  <button
                    type="submit"
                    name="intent"
                    value="revoke"
                    className="button button-danger button-small"
                  >
                    {t("access.revokeYes")}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("access.none")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <ErrorSummary
          form={form}
          fields={fields}
          labels={{ email: t("access.email"), locale: t("access.locale") }}
        />
        <Field
          field={fields.email}
          label={t("access.email")}
          type="email"
          hint={t("access.emailHint")}
        />
        <SelectField
          field={fields.locale}
          label={t("access.locale")}
          hint={t("access.localeHint")}
          options={[
            { value: "en", label: "English" },
            { value: "zh-CN", label: "中文" },
          ]}
        />
        <SubmitButton name="intent" value="link" pendingText={t("access.linking")}>
          {t("access.link")}
        </SubmitButton>
      </Form>
    </section>
  );
}
