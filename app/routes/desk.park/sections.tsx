import { Fragment, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import type { ParkSection } from "~/park/schema";
import { RowEditor, type FieldDef, type RowValues } from "./row-editor";

/** The fields of each section's form, labelled in the page's language. */
export function useSectionFields() {
  const { t } = useTranslation("park");
  const f = (name: string, type?: FieldDef["type"], extra: Partial<FieldDef> = {}): FieldDef => ({
    name,
    label: t(`desk.fields.${name}` as never) as string,
    type,
    zh: name.endsWith("Zh"),
    ...extra,
  });
  return {
    profile: [
      f("nameEn"),
      f("nameZh"),
      f("taglineEn"),
      f("taglineZh"),
      f("locationEn"),
      f("locationZh"),
      f("introEn", "textarea"),
      f("introZh", "textarea"),
    ],
    ranking: [
      f("year", "number"),
      f("measure"),
      f("measureEn"),
      f("measureZh"),
      f("rank", "number"),
      f("outOf", "number"),
      f("position", "number"),
      f("featured", "checkbox"),
    ],
    industry: [
      f("nameEn"),
      f("nameZh"),
      f("summaryEn", "textarea"),
      f("summaryZh", "textarea"),
      f("position", "number"),
    ],
    policy: [
      f("titleEn"),
      f("titleZh"),
      f("deadline", "date"),
      f("link", "url"),
      f("position", "number"),
      f("summaryEn", "textarea"),
      f("summaryZh", "textarea"),
    ],
    space: [
      f("kind", "select", {
        options: (["office", "lab", "unit"] as const).map((k) => ({
          value: k,
          label: t(`space.kind.${k}`),
        })),
      }),
      f("nameEn"),
      f("nameZh"),
      f("areaMin", "number"),
      f("areaMax", "number"),
      f("priceMin", "number"),
      f("priceMax", "number"),
      f("availability", "select", {
        options: (["available", "limited", "full"] as const).map((k) => ({
          value: k,
          label: t(`space.availability.${k}`),
        })),
      }),
      f("position", "number"),
      f("descriptionEn", "textarea"),
      f("descriptionZh", "textarea"),
    ],
    step: [
      f("position", "number"),
      f("titleEn"),
      f("titleZh"),
      f("durationEn"),
      f("durationZh"),
      f("documentsEn"),
      f("documentsZh"),
      f("bodyEn", "textarea"),
      f("bodyZh", "textarea"),
    ],
  } satisfies Record<ParkSection, FieldDef[]>;
}

/**
 * A list section: its title, one form per row (each followed by `after`, if given), and a
 * blank form that adds a row. Form keys are `<prefix>-<id>` and `<prefix>-new`.
 */
export function SectionList<R extends { id: string }>({
  title,
  section,
  prefix,
  fields,
  rows,
  values,
  blank = {},
  after,
}: {
  title: string;
  section: Exclude<ParkSection, "profile">;
  prefix: string;
  fields: FieldDef[];
  rows: R[];
  values: (row: R) => RowValues;
  blank?: RowValues;
  after?: (row: R) => ReactNode;
}) {
  return (
    <>
      <h2>{title}</h2>
      {rows.map((r) => (
        <Fragment key={r.id}>
          <RowEditor
            section={section}
            formKey={`${prefix}-${r.id}`}
            canDelete
            fields={fields}
            row={{ id: r.id, ...values(r) }}
          />
          {after?.(r)}
        </Fragment>
      ))}
      <RowEditor
        section={section}
        formKey={`${prefix}-new`}
        canDelete={false}
        fields={fields}
        row={blank}
      />
    </>
  );
}
