/**
 * The desk's "Merge and link" card (ADR 0038): the related requests with a form to add one and
 * a button to remove each, the requests merged into this one, and the merge of this request
 * into another. The merge asks first: its form is a GET that opens the confirmation (a modal
 * with JavaScript, the dialog in the page's flow without), whose button posts the merge.
 */
import { Form, Link } from "@remix-run/react";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { StateBadge } from "~/service-requests/components";
import type { RequestState } from "~/service-requests/workflow";

interface Summary {
  ref: string;
  subject: string;
  state: RequestState;
}

export interface RelationsProps {
  ref_: string;
  version: number;
  related: Summary[];
  mergedFrom: Summary[];
  mergedInto: Summary | null;
  /** The merge asked for in the address (`?merge=SR-…`): its target, or why it is refused. */
  preview: { target: Summary | null; error: string | null; asked: string } | null;
  /** A refused link, unlink or merge post (an i18n key). */
  error: { intent: string; key: string } | null;
}

export function Relations({
  ref_,
  version,
  related,
  mergedFrom,
  mergedInto,
  preview,
  error,
}: RelationsProps) {
  const { t } = useTranslation("services");
  const errorText = useErrorText();
  const errorOf = (intent: string) =>
    error?.intent === intent ? (
      <p className="field-errors" role="alert">
        {errorText(error.key)}
      </p>
    ) : null;
  const mergeError = preview?.error ?? (error?.intent === "merge" ? error.key : null);
  return (
    <section className="card stack" aria-labelledby="relations-title">
      <h2 id="relations-title">{t("relations.title")}</h2>
      <h3>{t("relations.related")}</h3>
      {related.length ? (
        <ul className="sr-relations" data-testid="related-list">
          {related.map((r) => (
            <li key={r.ref}>
              <Link to={`/desk/requests/${r.ref}`}>{r.ref}</Link> {r.subject}{" "}
              <StateBadge state={r.state} staff />
              <Form method="post">
                <input type="hidden" name="other" value={r.ref} />
                <button
                  type="submit"
                  name="intent"
                  value="unlink"
                  className="button button-secondary button-small"
                  aria-label={t("relations.removeNamed", { ref: r.ref })}
                >
                  {t("relations.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("relations.noRelated")}</p>
      )}
      {errorOf("unlink")}
      <Form method="post" className="form-stack">
        <div className={`field${error?.intent === "link" ? " has-error" : ""}`}>
          <label htmlFor="link-other">{t("relations.otherRef")}</label>
          <p className="field-hint" id="link-other-hint">
            {t("relations.otherHelp")}
          </p>
          <input
            id="link-other"
            name="other"
            required
            maxLength={40}
            autoComplete="off"
            aria-describedby="link-other-hint"
          />
          {errorOf("link")}
        </div>
        <SubmitButton
          name="intent"
          value="link"
          className="button button-secondary"
          pendingText={t("relations.linking")}
        >
          {t("relations.link")}
        </SubmitButton>
      </Form>
      {mergedFrom.length ? (
        <>
          <h3>{t("relations.mergedFrom")}</h3>
          <ul className="sr-relations" data-testid="merged-from-list">
            {mergedFrom.map((r) => (
              <li key={r.ref}>
                <Link to={`/desk/requests/${r.ref}`}>{r.ref}</Link> {r.subject}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {mergedInto ? null : (
        <>
          <h3>{t("relations.merge")}</h3>
          <p className="muted">{t("relations.mergeLead")}</p>
          <Form method="get" className="form-stack" preventScrollReset>
            <input type="hidden" name="confirm" value="merge" />
            <div className={`field${mergeError ? " has-error" : ""}`}>
              <label htmlFor="merge-target">{t("relations.otherRef")}</label>
              <input
                id="merge-target"
                name="merge"
                required
                maxLength={40}
                autoComplete="off"
                defaultValue={preview?.asked ?? ""}
              />
              {mergeError ? (
                <p className="field-errors" role="alert">
                  {errorText(mergeError)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button-secondary">
              {t("relations.merge")}
            </button>
          </Form>
          {preview?.target ? (
            <ConfirmDialog
              name="merge"
              title={t("relations.mergeTitle", { ref: ref_, target: preview.target.ref })}
              cancelLabel={t("relations.cancel")}
            >
              <p>
                {t("relations.mergeExplain", {
                  ref: ref_,
                  target: preview.target.ref,
                  subject: preview.target.subject,
                })}
              </p>
              <Form method="post" action={`/desk/requests/${ref_}`}>
                <input type="hidden" name="target" value={preview.target.ref} />
                <input type="hidden" name="version" value={version} />
                <SubmitButton
                  name="intent"
                  value="merge"
                  className="button button-danger"
                  pendingText={t("relations.merging")}
                >
                  {t("relations.mergeConfirm", { target: preview.target.ref })}
                </SubmitButton>
              </Form>
            </ConfirmDialog>
          ) : null}
        </>
      )}
    </section>
  );
}
