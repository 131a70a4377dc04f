/**
 * The project page's visits section (ADR 0041): the visits, latest first, each with its time in
 * the park (and the reader's own zone in the browser), place, hosts, visitors, agenda, who was
 * invited and its .ics; forms to plan one, change or cancel a planned one (cancelling asks
 * first: a dialog, or a confirmation page without JavaScript) and mark it held. Every form
 * posts to the project page (visit-intents.server.ts) and works without JavaScript.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { ErrorSummary, FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { isoMinute, toParkLocalInput } from "~/lib/format";
import { LocalTime } from "./local-time";
import { VISIT_DURATIONS, visitSchema, type VisitState } from "./visit-schema";

export const VISIT_INTENTS = ["visit-plan", "visit-change", "visit-cancel", "visit-held"] as const;
export type VisitIntent = (typeof VISIT_INTENTS)[number];

export interface VisitReply {
  intent: VisitIntent;
  visitId?: string;
  result: SubmissionResult<string[]> | null;
}

export function isVisitReply(value: unknown): value is VisitReply {
  return (
    !!value &&
    typeof value === "object" &&
    (VISIT_INTENTS as readonly string[]).includes(String((value as { intent?: unknown }).intent))
  );
}

export interface VisitRow {
  id: string;
  sequence: number;
  startsAt: string | Date;
  durationMinutes: number;
  place: string;
  visitors: string;
  agenda: string;
  contactEmail: string | null;
  contactLocale: string;
  state: string;
  outcome: string;
  version: number;
  hosts: { id: string; name: string }[];
  units: VisitUnitRow[];
}

/** A unit to see on a visit (or that can be chosen: the units offered to the project). */
export interface VisitUnitRow {
  id: string;
  building: string;
  unit_no: string;
}

interface Props {
  projectId: string;
  visits: VisitRow[];
  hosts: { id: string; name: string }[];
  /** The units offered to the project: what a visit can show. */
  offeredUnits: VisitUnitRow[];
  contactEmails: string[];
  canEdit: boolean;
  reply?: VisitReply;
}

/** "Building A, unit 301" / "A号楼 301 单元" (the space strings). */
function useUnitName() {
  const { t } = useTranslation("space");
  return (u: { building: string; unit_no: string }) =>
    t("unitName", { building: u.building, unit: u.unit_no });
}

function useDuration() {
  const { t } = useTranslation("projects");
  return (m: number) =>
    m % 60 === 0 ? t("visits.hours", { count: m / 60 }) : t("visits.minutes", { count: m });
}

export function ProjectVisits({
  projectId,
  visits,
  hosts,
  offeredUnits,
  contactEmails,
  canEdit,
  reply,
}: Props) {
  const { t } = useTranslation("projects");
  const unitName = useUnitName();
  const duration = useDuration();
  const planReply = reply?.intent === "visit-plan" ? reply : undefined;
  return (
    <section className="card" id="visits" aria-labelledby="visits-title">
      <h2 id="visits-title">{t("visits.title")}</h2>
      {visits.length ? (
        <ul className="stack visit-list">
          {visits.map((v) => (
            <li key={v.id} className="visit-item" data-testid="visit">
              <p>
                <strong>
                  {isoMinute(v.startsAt)} · {duration(v.durationMinutes)}
                </strong>{" "}
                <span className={`badge visit-state-${v.state}`}>
                  {t(`visits.states.${v.state as VisitState}`)}
                </span>
                <LocalTime at={v.startsAt} />
              </p>
              <dl className="details">
                <dt>{t("visits.place")}</dt>
                <dd>{v.place}</dd>
                <dt>{t("visits.hosts")}</dt>
                <dd>
                  {v.hosts.length ? v.hosts.map((h) => h.name).join(", ") : t("visits.noHosts")}
                </dd>
                {v.units.length ? (
                  <>
                    <dt>{t("visits.units")}</dt>
                    <dd>{v.units.map(unitName).join("; ")}</dd>
                  </>
                ) : null}
                {v.visitors ? (
                  <>
                    <dt>{t("visits.visitors")}</dt>
                    <dd className="pre-line">{v.visitors}</dd>
                  </>
                ) : null}
                {v.agenda ? (
                  <>
                    <dt>{t("visits.agenda")}</dt>
                    <dd className="pre-line">{v.agenda}</dd>
                  </>
                ) : null}
                {v.outcome ? (
                  <>
                    <dt>
                      {v.state === "cancelled" ? t("visits.cancelReason") : t("visits.outcome")}
                    </dt>
                    <dd className="pre-line">{v.outcome}</dd>
                  </>
                ) : null}
              </dl>
              <p className="muted">
                {v.contactEmail
                  ? t("visits.invited", {
                      email: v.contactEmail,
                      locale:
                        v.contactLocale === "zh-CN" ? t("visits.localeZh") : t("visits.localeEn"),
                    })
                  : t("visits.contactNone")}
                {v.sequence ? ` · ${t("visits.update", { count: v.sequence })}` : ""} ·{" "}
                <a
                  href={`/desk/projects/${projectId}/visits/${v.id}/invite.ics`}
                  download
                  data-testid="visit-ics"
                >
                  {t("visits.download")}
                </a>
              </p>
              {canEdit && v.state === "planned" ? (
                <PlannedActions
                  visit={v}
                  hosts={hosts}
                  offeredUnits={offeredUnits}
                  contactEmails={contactEmails}
                  reply={reply?.visitId === v.id ? reply : undefined}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("visits.none")}</p>
      )}
      {canEdit ? (
        <details className="visit-plan" open={!!planReply}>
          <summary>{t("visits.plan")}</summary>
          <p className="field-hint">{t("visits.planHint")}</p>
          <VisitForm
            intent="visit-plan"
            hosts={hosts}
            offeredUnits={offeredUnits}
            contactEmails={contactEmails}
            reply={planReply}
            submitText={t("visits.send")}
          />
        </details>
      ) : null}
    </section>
  );
}

function PlannedActions({
  visit,
  hosts,
  offeredUnits,
  contactEmails,
  reply,
}: {
  visit: VisitRow;
  hosts: Props["hosts"];
  offeredUnits: VisitUnitRow[];
  contactEmails: string[];
  reply?: VisitReply;
}) {
  const { t } = useTranslation("projects");
  const errText = useErrorText();
  const heldErrors = reply?.intent === "visit-held" ? reply.result?.error?.[""] : undefined;
  const cancelErrors = reply?.intent === "visit-cancel" ? reply.result?.error?.[""] : undefined;
  return (
    <div className="stack">
      <details open={reply?.intent === "visit-change"}>
        <summary>{t("visits.change")}</summary>
        <VisitForm
          intent="visit-change"
          visit={visit}
          hosts={hosts}
          offeredUnits={offeredUnits}
          contactEmails={contactEmails}
          reply={reply?.intent === "visit-change" ? reply : undefined}
          submitText={t("visits.sendUpdate")}
        />
      </details>
      <details open={reply?.intent === "visit-held"}>
        <summary>{t("visits.held")}</summary>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="visit-held" />
          <input type="hidden" name="visitId" value={visit.id} />
          <input type="hidden" name="version" value={visit.version} />
          <FieldErrors
            id={`held-${visit.id}-errors`}
            errors={heldErrors ?? undefined}
            format={errText}
          />
          <div className="field">
            <label htmlFor={`held-${visit.id}-outcome`}>{t("visits.outcome")}</label>
            <textarea id={`held-${visit.id}-outcome`} name="outcome" rows={3} maxLength={4000} />
          </div>
          <SubmitButton className="button button-secondary">{t("visits.markHeld")}</SubmitButton>
        </Form>
      </details>
      <p>
        <ConfirmTrigger
          name={`cancel-visit-${visit.id}`}
          className="button button-danger button-small"
        >
          {t("visits.cancel")}
        </ConfirmTrigger>
      </p>
      <ConfirmDialog
        name={`cancel-visit-${visit.id}`}
        title={t("visits.cancelTitle")}
        cancelLabel={t("visits.keep")}
      >
        <p>{t("visits.cancelBody")}</p>
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="visit-cancel" />
          <input type="hidden" name="visitId" value={visit.id} />
          <input type="hidden" name="version" value={visit.version} />
          <FieldErrors
            id={`cancel-${visit.id}-errors`}
            errors={cancelErrors ?? undefined}
            format={errText}
          />
          <div className="field">
            <label htmlFor={`cancel-${visit.id}-reason`}>{t("visits.cancelReason")}</label>
            <textarea id={`cancel-${visit.id}-reason`} name="reason" rows={2} maxLength={1000} />
          </div>
          <SubmitButton className="button button-danger">{t("visits.cancelConfirm")}</SubmitButton>
        </Form>
      </ConfirmDialog>
    </div>
  );
}

function VisitForm({
  intent,
  visit,
  hosts,
  offeredUnits,
  contactEmails,
  reply,
  submitText,
}: {
  intent: "visit-plan" | "visit-change";
  visit?: VisitRow;
  hosts: Props["hosts"];
  offeredUnits: VisitUnitRow[];
  contactEmails: string[];
  reply?: VisitReply;
  submitText: string;
}) {
  const { t } = useTranslation("projects");
  const errText = useErrorText();
  const duration = useDuration();
  const [form, fields] = useForm({
    id: visit ? `visit-${visit.id}-${visit.version}` : "visit-plan",
    lastResult: reply?.result ?? null,
    defaultValue: visit
      ? {
          startsAt: toParkLocalInput(visit.startsAt),
          durationMinutes: String(visit.durationMinutes),
          place: visit.place,
          hostIds: visit.hosts.map((h) => h.id),
          unitIds: visit.units.map((u) => u.id),
          visitors: visit.visitors,
          agenda: visit.agenda,
          contactEmail: visit.contactEmail ?? "",
          contactLocale: visit.contactLocale,
        }
      : { durationMinutes: "120", contactEmail: contactEmails[0] ?? "", contactLocale: "en" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visitSchema }),
  });
  const chosen = new Set(
    ([] as unknown[]).concat(fields.hostIds.initialValue ?? []).map((v) => String(v)),
  );
  const chosenUnits = new Set(
    ([] as unknown[]).concat(fields.unitIds.initialValue ?? []).map((v) => String(v)),
  );
  // A unit no longer offered but already on the visit stays choosable.
  const unitChoices = [
    ...offeredUnits,
    ...(visit?.units ?? []).filter((u) => !offeredUnits.some((o) => o.id === u.id)),
  ];
  const unitName = useUnitName();
  const emails = [
    ...new Set([...(visit?.contactEmail ? [visit.contactEmail] : []), ...contactEmails]),
  ];
  const labels = {
    startsAt: t("visits.startsAt"),
    durationMinutes: t("visits.duration"),
    place: t("visits.place"),
    hostIds: t("visits.hosts"),
    unitIds: t("visits.units"),
    visitors: t("visits.visitors"),
    agenda: t("visits.agenda"),
    contactEmail: t("visits.contactEmail"),
    contactLocale: t("visits.contactLocale"),
  };
  const err = (f: { errorId: string; errors?: string[] }) => (
    <FieldErrors id={f.errorId} errors={f.errors} format={errText} />
  );
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack visit-form">
      <IdempotencyKey />
      <input type="hidden" name="intent" value={intent} />
      {visit ? (
        <>
          <input type="hidden" name="visitId" value={visit.id} />
          <input type="hidden" name="version" value={visit.version} />
        </>
      ) : null}
      <ErrorSummary form={form} fields={fields} labels={labels} />
      <div className="form-row">
        <div className={`field${fields.startsAt.errors?.length ? " has-error" : ""}`}>
          <label htmlFor={fields.startsAt.id}>{labels.startsAt}</label>
          <input
            {...getInputProps(fields.startsAt, { type: "datetime-local" })}
            key={fields.startsAt.key}
          />
          {err(fields.startsAt)}
        </div>
        <div className="field">
          <label htmlFor={fields.durationMinutes.id}>{labels.durationMinutes}</label>
          <select {...getSelectProps(fields.durationMinutes)} key={fields.durationMinutes.key}>
            {VISIT_DURATIONS.map((m) => (
              <option key={m} value={m}>
                {duration(m)}
              </option>
            ))}
          </select>
          {err(fields.durationMinutes)}
        </div>
      </div>
      <div className={`field${fields.place.errors?.length ? " has-error" : ""}`}>
        <label htmlFor={fields.place.id}>{labels.place}</label>
        <input {...getInputProps(fields.place, { type: "text" })} key={fields.place.key} />
        {err(fields.place)}
      </div>
      <fieldset className="field">
        <legend>{labels.hostIds}</legend>
        <div className="checkbox-list">
          {hosts.map((h) => (
            <label key={h.id} className="checkbox">
              <input
                type="checkbox"
                name={fields.hostIds.name}
                value={h.id}
                defaultChecked={chosen.has(h.id)}
              />{" "}
              {h.name}
            </label>
          ))}
        </div>
        {err(fields.hostIds)}
      </fieldset>
      <fieldset className="field">
        <legend>{labels.unitIds}</legend>
        {unitChoices.length ? (
          <div className="checkbox-list">
            {unitChoices.map((u) => (
              <label key={u.id} className="checkbox">
                <input
                  type="checkbox"
                  name={fields.unitIds.name}
                  value={u.id}
                  defaultChecked={chosenUnits.has(u.id)}
                />{" "}
                {unitName(u)}
              </label>
            ))}
          </div>
        ) : (
          <p className="field-hint">{t("visits.noUnitsOffered")}</p>
        )}
        {err(fields.unitIds)}
      </fieldset>
      <div className="field">
        <label htmlFor={fields.visitors.id}>{labels.visitors}</label>
        <p className="field-hint" id={`${fields.visitors.id}-hint`}>
          {t("visits.visitorsHint")}
        </p>
        <textarea
          {...getTextareaProps(fields.visitors, { ariaDescribedBy: `${fields.visitors.id}-hint` })}
          key={fields.visitors.key}
          rows={2}
        />
        {err(fields.visitors)}
      </div>
      <div className="field">
        <label htmlFor={fields.agenda.id}>{labels.agenda}</label>
        <textarea {...getTextareaProps(fields.agenda)} key={fields.agenda.key} rows={4} />
        {err(fields.agenda)}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={fields.contactEmail.id}>{labels.contactEmail}</label>
          <select {...getSelectProps(fields.contactEmail)} key={fields.contactEmail.key}>
            <option value="">{t("visits.contactNone")}</option>
            {emails.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
          {err(fields.contactEmail)}
        </div>
        <div className="field">
          <label htmlFor={fields.contactLocale.id}>{labels.contactLocale}</label>
          <select {...getSelectProps(fields.contactLocale)} key={fields.contactLocale.key}>
            <option value="en">{t("visits.localeEn")}</option>
            <option value="zh-CN">{t("visits.localeZh")}</option>
          </select>
          {err(fields.contactLocale)}
        </div>
      </div>
      <SubmitButton pendingText={t("visits.sending")}>{submitText}</SubmitButton>
    </Form>
  );
}
