/** A resolved request's answer into a draft help article, in one step (ADR 0030). */
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

export function KbDraftCard({ result }: { result: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation("kb");
  const errorText = useErrorText();
  const errors = result?.error?.[""] ?? [];
  return (
    <section className="card" aria-labelledby="kb-draft-title">
      <h2 id="kb-draft-title">{t("desk.title")}</h2>
      <p className="field-hint">{t("desk.draftFromRequestHint")}</p>
      {errors.length ? (
        <p className="field-errors" role="alert">
          {errors.map(errorText).join(" ")}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <button type="submit" name="intent" value="kb-draft" className="button button-secondary">
          {t("desk.draftFromRequest")}
        </button>
      </Form>
    </section>
  );
}
