/** Capital that arrived: the tranches, their totals per currency, and the form to add one. */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, Field, SelectField, SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { CURRENCIES } from "~/projects/money";
import { parkDay } from "~/projects/pipeline";
import { trancheSchema } from "~/projects/schema";
import { useProjectLabels } from "~/projects/ui";
import type { ProjectReply } from "./intents.server";

export interface Tranche {
  id: string;
  amount_minor: number;
  currency: string;
  arrived_on: string | null;
  note: string;
}

export function Tranches({
  tranches,
  currency,
  reply,
}: {
  tranches: Tranche[];
  currency: string;
  reply?: ProjectReply;
}) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const [form, fields] = useForm({
    id: `tranche-${tranches.length}`,
    lastResult: reply?.intent === "tranche-add" ? reply.result : null,
    defaultValue: { currency, arrivedOn: parkDay(new Date()) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trancheSchema }),
  });
  const totals = new Map<string, number>();
  for (const x of tranches) totals.set(x.currency, (totals.get(x.currency) ?? 0) + x.amount_minor);
  const labels = {
    amount: t("detail.trancheAmount"),
    currency: t("detail.trancheCurrency"),
    arrivedOn: t("detail.arrivedOn"),
    note: t("detail.trancheNote"),
  };
  return (
    <section className="card" aria-labelledby="tranches-title">
      <h2 id="tranches-title">{t("detail.tranches")}</h2>
      <p className="muted">{t("detail.tranchesLead")}</p>
      {tranches.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{labels.arrivedOn}</th>
                <th scope="col">{labels.amount}</th>
                <th scope="col">{labels.note}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("detail.removeTranche")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tranches.map((x) => (
                <tr key={x.id}>
                  <td>{x.arrived_on}</td>
                  <td>{l.money(x.amount_minor, x.currency)}</td>
                  <td>{x.note}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="trancheId" value={x.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="tranche-remove"
                        className="link-button"
                        aria-label={`${t("detail.removeTranche")} ${x.arrived_on ?? ""} ${l.money(x.amount_minor, x.currency)}`}
                      >
                        {t("detail.removeTranche")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {[...totals].map(([cur, sum]) => (
                <tr key={cur}>
                  <th scope="row">{t("detail.total")}</th>
                  <td colSpan={3}>{l.money(sum, cur)}</td>
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      ) : (
        <p>{t("detail.noTranches")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="form-stack project-tranche-form">
        <IdempotencyKey />
        <input type="hidden" name="intent" value="tranche-add" />
        <ErrorSummary form={form} fields={fields} labels={labels} />
        <div className="project-pair">
          <Field field={fields.amount} label={labels.amount} inputMode="decimal" />
          <SelectField
            field={fields.currency}
            label={labels.currency}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
        </div>
        <Field field={fields.arrivedOn} label={labels.arrivedOn} type="date" />
        <Field field={fields.note} label={labels.note} optional />
        <SubmitButton name="intent" value="tranche-add" className="button button-secondary">
          {t("detail.addTranche")}
        </SubmitButton>
      </Form>
    </section>
  );
}
