/**
 * The bulk change: a bar above the queue (sticky while rows are selected), and the confirmation
 * that the review answers, opened as a modal dialog where the user is (a plain open dialog at the
 * top of the page without JavaScript).
 */
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { useStateLabel } from "~/service-requests/components";
import { PRIORITIES, STATES, type RequestState } from "~/service-requests/workflow";
import type { BulkReview } from "./intents.server";
import { Select } from "./select";
import type { QueueOptions } from "./types";

export function BulkFields({
  staff,
  selected,
}: {
  staff: QueueOptions["staff"];
  /** How many rows are ticked (known with JavaScript; null without). */
  selected: number | null;
}) {
  const { t } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  const noChange = { value: "", label: t("desk.bulkNoChange") };
  return (
    <fieldset
      className={`card sr-filters sr-bulkbar${selected ? " sr-bulkbar-active" : ""}`}
      data-testid="bulk-bar"
    >
      <legend>
        {t("desk.bulkTitle")}
        {selected ? (
          <>
            {" "}
            <span className="badge">{t("desk.selectedCount", { count: selected })}</span>
          </>
        ) : null}
      </legend>
      <Select
        prefix="bulk-"
        name="assigneeId"
        label={t("desk.bulkAssign")}
        value=""
        options={[
          noChange,
          { value: "none", label: t("desk.none") },
          ...staff.map((s) => ({ value: s.id, label: s.name })),
        ]}
      />
      <Select
        prefix="bulk-"
        name="priority"
        label={t("desk.bulkPriority")}
        value=""
        options={[noChange, ...PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))]}
      />
      <Select
        prefix="bulk-"
        name="state"
        label={t("desk.bulkState")}
        value=""
        options={[noChange, ...STATES.map((s) => ({ value: s, label: stateLabel(s) }))]}
      />
      <button type="submit" name="intent" value="bulk-review" className="button button-secondary">
        {t("desk.bulkReview")}
      </button>
    </fieldset>
  );
}

export function BulkConfirm({
  review,
  staff,
}: {
  review: BulkReview;
  staff: QueueOptions["staff"];
}) {
  const { t } = useTranslation("services");
  const stateLabel = useStateLabel(true);
  const location = useLocation();
  const staffName = (id: string) =>
    id === "none" ? t("desk.none") : (staff.find((s) => s.id === id)?.name ?? id);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // Server-rendered open (in the page's flow); with JavaScript, a modal in view, focus inside.
    const d = dialog.current;
    if (!d || typeof d.showModal !== "function") return;
    d.close();
    d.showModal();
  }, [review]);
  return (
    <dialog
      ref={dialog}
      open
      className="card notice-warning sr-confirm"
      aria-labelledby="bulk-confirm-title"
    >
      <Form method="post">
        <h2 id="bulk-confirm-title">{t("desk.bulkConfirmTitle")}</h2>
        <p>{t("desk.bulkConfirmLead", { count: review.refs.length })}</p>
        <ul>
          {review.assigneeId ? (
            <li>
              {t("desk.bulkAssign")}: {staffName(review.assigneeId)}
            </li>
          ) : null}
          {review.priority ? (
            <li>
              {t("desk.bulkPriority")}: {t(`priorities.${review.priority as "low"}`)}
            </li>
          ) : null}
          {review.state ? (
            <li>
              {t("desk.bulkState")}: {stateLabel(review.state as RequestState)}
            </li>
          ) : null}
        </ul>
        <p className="muted">{review.refs.join(", ")}</p>
        {review.refs.map((r) => (
          <input key={r} type="hidden" name="refs" value={r} />
        ))}
        <input type="hidden" name="assigneeId" value={review.assigneeId} />
        {review.priority ? <input type="hidden" name="priority" value={review.priority} /> : null}
        {review.state ? <input type="hidden" name="state" value={review.state} /> : null}
        {review.seen.map((x) => (
          <input key={x} type="hidden" name="seen" value={x} />
        ))}
        <input type="hidden" name="back" value={location.search} />
        <div className="row">
          <SubmitButton name="intent" value="bulk-apply">
            {t("desk.bulkConfirm", { count: review.refs.length })}
          </SubmitButton>
          <Link to={`/desk/requests${location.search}`}>{t("desk.bulkCancel")}</Link>
        </div>
      </Form>
    </dialog>
  );
}
