/**
 * The policy office's steps on a claim, offered by its state: move to the next stage, ask for
 * more information, and (each behind a confirmation, ADR 0037) approve an amount, reject with a
 * reason, record a payment. Every form carries the version the page showed.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { ErrorSummary, SubmitButton, useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { STAFF_SCHEMAS, type StaffIntent } from "~/policies/claim-schema";
import { useMoney } from "~/policies/claim-ui";

type Reply = { intent: string; result: SubmissionResult<string[]> | null } | undefined;

interface FieldDef {
  name: string;
  label: string;
  kind?: "textarea" | "date" | "amount";
  defaultValue?: string;
}

function StaffForm({
  intent,
  version,
  fields: defs,
  submit,
  reply,
  danger,
  action,
}: {
  intent: StaffIntent;
  version: number;
  fields: FieldDef[];
  submit: string;
  reply: Reply;
  danger?: boolean;
  action?: string;
}) {
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: `claim-${intent}`,
    lastResult: reply?.intent === intent ? reply.result : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: STAFF_SCHEMAS[intent] }),
  });
  const all = fields as unknown as Record<
    string,
    { id: string; errors?: string[]; errorId: string; initialValue?: unknown }
  >;
  const labels = Object.fromEntries(defs.map((d) => [d.name, d.label]));
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="form-stack">
      <input type="hidden" name="version" value={version} />
      <ErrorSummary
        form={form}
        fields={Object.fromEntries(defs.map((d) => [d.name, all[d.name]!]))}
        labels={labels}
      />
      {defs.map((d) => {
        const f = all[d.name]!;
        const id = `${intent}-${d.name}`;
        const common = {
          id,
          name: d.name,
          defaultValue: typeof f.initialValue === "string" ? f.initialValue : d.defaultValue,
          "aria-invalid": f.errors?.length ? true : undefined,
          "aria-describedby": `${id}-error`,
        };
        return (
          <div key={d.name} className={`field${f.errors?.length ? " has-error" : ""}`}>
            <label htmlFor={id}>{d.label}</label>
            {d.kind === "textarea" ? (
              <textarea {...common} rows={3} />
            ) : (
              <input
                {...common}
                type={d.kind === "date" ? "date" : "text"}
                inputMode={d.kind === "amount" ? "decimal" : undefined}
              />
            )}
            <div
              id={`${id}-error`}
              className="field-errors"
              role={f.errors?.length ? "alert" : undefined}
            >
              {f.errors?.map((e) => (
                <p key={e}>{errorText(e)}</p>
              ))}
            </div>
          </div>
        );
      })}
      <SubmitButton
        name="intent"
        value={intent}
        className={danger ? "button button-danger" : "button"}
      >
        {submit}
      </SubmitButton>
    </Form>
  );
}

function Confirmed({
  name,
  trigger,
  title,
  body,
  danger,
  children,
}: {
  name: string;
  trigger: string;
  title: string;
  body: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation("claims");
  return (
    <>
      <ConfirmTrigger name={name} className={danger ? "button button-danger" : "button"}>
        {trigger}
      </ConfirmTrigger>
      <ConfirmDialog name={name} title={title} cancelLabel={t("desk.cancel")}>
        <p>{body}</p>
        {children}
      </ConfirmDialog>
    </>
  );
}

export function StaffActions({
  claim: c,
  paidMinor,
  maxMinor,
  reply,
}: {
  claim: {
    id: string;
    status: string;
    stage: number;
    version: number;
    stages: readonly string[];
    awarded_minor: number | null;
    requested_minor: number | null;
  };
  paidMinor: number;
  maxMinor: number | null;
  reply: Reply;
}) {
  const { t } = useTranslation("claims");
  const money = useMoney();
  const location = useLocation();
  const here = (confirm: string) => `${location.pathname}?confirm=${confirm}`;
  const last = c.stages.length - 1;
  const submitted = c.status === "submitted";
  const canReject = submitted || c.status === "info_requested";
  const next = c.stages[c.stage + 1] as "check" | "assess" | "approve" | undefined;
  const remaining = (c.awarded_minor ?? 0) - paidMinor;
  const suggested = c.requested_minor ?? maxMinor;
  const formErrors = reply && reply.intent === "none" ? [t("errors.state")] : [];
  if (!submitted && !canReject && c.status !== "approved")
    return (
      <section className="card" aria-labelledby="claim-act">
        <h2 id="claim-act">{t("desk.act")}</h2>
        <p className="muted">{t("desk.noActions")}</p>
      </section>
    );
  return (
    <section className="card stack" aria-labelledby="claim-act">
      <h2 id="claim-act">{t("desk.act")}</h2>
      {formErrors.map((e) => (
        <p key={e} className="notice notice-warning">
          {e}
        </p>
      ))}
      {submitted && next ? (
        <StaffForm
          intent="advance"
          version={c.version}
          reply={reply}
          submit={t("desk.advance", { stage: t(`stages.${next}`) })}
          fields={[{ name: "note", label: t("desk.advanceNote"), kind: "textarea" }]}
        />
      ) : submitted && c.stage >= last ? (
        <p className="muted">{t("desk.lastStage")}</p>
      ) : null}
      {submitted ? (
        <StaffForm
          intent="request_info"
          version={c.version}
          reply={reply}
          submit={t("desk.requestInfo")}
          fields={[{ name: "note", label: t("desk.requestInfoNote"), kind: "textarea" }]}
        />
      ) : null}
      <div className="row">
        {submitted && c.stage >= last ? (
          <Confirmed
            name="approve"
            trigger={t("desk.approve")}
            title={t("desk.approveTitle")}
            body={t("desk.approveBody")}
          >
            <StaffForm
              intent="approve"
              version={c.version}
              reply={reply}
              action={here("approve")}
              submit={t("desk.confirmApprove")}
              fields={[
                {
                  name: "amount",
                  label: t("desk.approveAmount"),
                  kind: "amount",
                  defaultValue: suggested ? String(suggested / 100) : undefined,
                },
                { name: "note", label: t("desk.approveNote"), kind: "textarea" },
              ]}
            />
          </Confirmed>
        ) : null}
        {canReject ? (
          <Confirmed
            name="reject"
            trigger={t("desk.reject")}
            title={t("desk.rejectTitle")}
            body={t("desk.rejectBody")}
            danger
          >
            <StaffForm
              intent="reject"
              version={c.version}
              reply={reply}
              action={here("reject")}
              danger
              submit={t("desk.confirmReject")}
              fields={[{ name: "reason", label: t("desk.rejectReason"), kind: "textarea" }]}
            />
          </Confirmed>
        ) : null}
        {c.status === "approved" ? (
          <Confirmed
            name="pay"
            trigger={t("desk.pay")}
            title={t("desk.payTitle")}
            body={`${t("desk.payBody")} ${t("desk.remaining", { amount: money(remaining) })}`}
          >
            <StaffForm
              intent="pay"
              version={c.version}
              reply={reply}
              action={here("pay")}
              submit={t("desk.confirmPay")}
              fields={[
                {
                  name: "paidOn",
                  label: t("desk.payDate"),
                  kind: "date",
                  defaultValue: isoDay(new Date()),
                },
                {
                  name: "amount",
                  label: t("desk.payAmount"),
                  kind: "amount",
                  defaultValue: remaining > 0 ? String(remaining / 100) : undefined,
                },
                { name: "reference", label: t("desk.payReference") },
              ]}
            />
          </Confirmed>
        ) : null}
      </div>
      {c.status === "approved" ? (
        <p className="muted">{t("desk.remaining", { amount: money(remaining) })}</p>
      ) : null}
    </section>
  );
}
