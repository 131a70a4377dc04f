/** The desk's message composer: an internal note or a public reply, files, and a next state. */
import {
  getFormProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { staffMessageSchema } from "~/service-requests/schema";
import { nextStates, type RequestState } from "~/service-requests/workflow";
import type { Mentionable } from "~/service-requests/mentions";
import { MentionArea } from "./mentions";
import { useStaffStateLabel } from "./state-label";

export interface UsingSnippet {
  id: string;
  title: string;
  body: string;
  lang: "en" | "zh-CN";
  sets: string | null;
  setsState: boolean;
}

export function Composer({
  lastResult,
  version,
  state,
  recipient,
  using,
  colleagues,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  version: number;
  state: RequestState;
  recipient: { name: string; email: string; company: string };
  using: UsingSnippet | null;
  /** Desk colleagues an internal note may @mention (ADR 0056). */
  colleagues: Mentionable[];
}) {
  const { t } = useTranslation("services");
  const { t: tsn } = useTranslation("snippets");
  const { t: td } = useTranslation("desk");
  const stateLabel = useStaffStateLabel();
  const [form, fields] = useForm({
    id: "composer",
    lastResult,
    defaultValue: using ? { visibility: "public", body: using.body } : { visibility: "internal" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffMessageSchema }),
  });
  const kept = lastResult?.initialValue?.visibility;
  const initialVisibility = typeof kept === "string" ? kept : using ? "public" : "internal";
  const [visibility, setVisibility] = useState(initialVisibility);
  const options = nextStates(state, "staff");
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className={`form-stack sr-composer sr-composer-${visibility}`}
    >
      <IdempotencyKey />
      <h3>{t("staff.composer")}</h3>
      <ErrorSummary
        form={form}
        fields={{ body: fields.body }}
        labels={{ body: t("staff.message") }}
      />
      <input type="hidden" name="version" value={version} />
      {using ? (
        <div className="notice sr-using" id="composer-using">
          <input type="hidden" name="snippetId" value={using.id} />
          <p>{tsn("picker.using", { title: using.title, lang: tsn(`langs.${using.lang}`) })}</p>
          {using.sets ? <p>{tsn("picker.willSet", { actions: using.sets })}</p> : null}
          <p>
            <Link to="?" preventScrollReset>
              {tsn("picker.clear")}
            </Link>
          </p>
        </div>
      ) : null}
      <fieldset className="sr-visibility">
        <legend>{t("staff.visibility")}</legend>
        {(["internal", "public"] as const).map((v) => (
          <label key={v} className="checkbox">
            <input
              type="radio"
              name="visibility"
              value={v}
              defaultChecked={initialVisibility === v}
              onChange={() => setVisibility(v)}
            />{" "}
            {t(`staff.${v}`)}
          </label>
        ))}
        <p className="field-hint sr-recipient">{t("staff.publicTo", recipient)}</p>
      </fieldset>
      <MentionArea colleagues={colleagues} enabled={visibility === "internal"}>
        <TextareaField field={fields.body} label={t("staff.message")} rows={4} />
      </MentionArea>
      <p className="field-hint sr-mention-hint">
        {td("watch.mentionHint", { name: colleagues[0]?.name ?? "Li Na" })}
      </p>
      <div className="field">
        <label htmlFor="composer-files">{t("detail.addFiles")}</label>
        <input
          id="composer-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg"
        />
      </div>
      {options.length && !using?.setsState ? (
        <SelectField
          field={fields.thenState as FieldMetadata<string>}
          label={t("staff.thenState")}
          placeholder={t("staff.keepState", { state: stateLabel(state) })}
          options={options.map((s) => ({ value: s, label: stateLabel(s) }))}
        />
      ) : null}
      <SubmitButton name="intent" value="message" pendingText={t("staff.updating")}>
        {t("staff.post")}
      </SubmitButton>
    </Form>
  );
}
