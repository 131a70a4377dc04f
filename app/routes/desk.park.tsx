import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { knownValues, readForm, readUploadForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import type { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import {
  deleteParkRow,
  getProfile,
  listIndustries,
  listInvestSteps,
  listPolicies,
  listRankings,
  listSpaces,
  saveIndustry,
  saveInvestStep,
  savePolicy,
  saveProfile,
  saveRanking,
  saveSpace,
  setSpacePhoto,
  MAX_SPACE_PHOTO_BYTES,
} from "~/park/park.server";
import {
  industrySchema,
  policySchema,
  profileSchema,
  rankingSchema,
  sectionSchema,
  spaceSchema,
  stepSchema,
} from "~/park/schema";
import { invariantFound } from "~/auth/guards.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

export const meta: MetaFunction = () => [{ title: "Park pages · 园区页面 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:park:any");
  return {
    profile: await getProfile(db()),
    rankings: await listRankings(db()),
    industries: await listIndustries(db()),
    policies: await listPolicies(db()),
    spaces: await listSpaces(db()),
    steps: await listInvestSteps(db()),
  };
}

const TABLES = {
  ranking: "park_ranking",
  industry: "park_industry",
  policy: "park_policy",
  space: "park_space",
  step: "park_invest_step",
} as const;
type Section = keyof typeof TABLES | "profile";

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:park:any");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return photoAction(request, user);
  const formData = await readForm(request);
  const section = String(formData.get("section") ?? "") as Section;
  const formKey = String(formData.get("formKey") ?? "");
  const values = knownValues(formData, sectionSchema(section));
  const done = () => redirectWithToast("/desk/park", { type: "success", key: "park:desk.saved" });
  const fail = (error: z.ZodError | null, status = 400, message = "park:desk.invalid") =>
    data(
      { formKey, message, fields: error ? Object.keys(error.flatten().fieldErrors) : [], values },
      { status },
    );
  if (formData.get("intent") === "delete" && section in TABLES) {
    await deleteParkRow(
      db(),
      user,
      TABLES[section as keyof typeof TABLES],
      String(formData.get("id") ?? ""),
    );
    return redirectWithToast("/desk/park", { type: "success", key: "park:desk.deleted" });
  }
  switch (section) {
    case "profile": {
      const r = profileSchema.safeParse(values);
      if (!r.success) return fail(r.error);
      const ok = await saveProfile(db(), user, r.data.version, r.data);
      return ok ? done() : fail(null, 409, "park:desk.conflict");
    }
    case "ranking": {
      const r = rankingSchema.safeParse(values);
      if (!r.success) return fail(r.error);
      await saveRanking(db(), user, { ...r.data, id: r.data.id || null });
      return done();
    }
    case "industry": {
      const r = industrySchema.safeParse(values);
      if (!r.success) return fail(r.error);
      await saveIndustry(db(), user, { ...r.data, id: r.data.id || null });
      return done();
    }
    case "policy": {
      const r = policySchema.safeParse(values);
      if (!r.success) return fail(r.error);
      await savePolicy(db(), user, { ...r.data, id: r.data.id || null });
      return done();
    }
    case "space": {
      const r = spaceSchema.safeParse(values);
      if (!r.success) return fail(r.error);
      await saveSpace(db(), user, { ...r.data, id: r.data.id || null });
      return done();
    }
    case "step": {
      const r = stepSchema.safeParse(values);
      if (!r.success) return fail(r.error);
      await saveInvestStep(db(), user, { ...r.data, id: r.data.id || null });
      return done();
    }
    default:
      return fail(null);
  }
}

/** A space's photo (multipart): the file is checked by its bytes, not its name or type. */
async function photoAction(request: Request, user: Awaited<ReturnType<typeof requirePermission>>) {
  const photoError = (
    spaceId: string,
    error: "empty" | "tooLarge" | "type" | "alt",
    status: number,
  ) =>
    data(
      {
        formKey: `photo-${spaceId}`,
        message: `park:desk.photoErrors.${error}`,
        fields: ["photo"],
        values: {} as Record<string, string>,
      },
      { status },
    );
  const spaceId = new URL(request.url).searchParams.get("space") ?? "";
  const read = await readUploadForm(request, { maxFileBytes: MAX_SPACE_PHOTO_BYTES, maxFiles: 1 });
  if (read.refused) return photoError(spaceId, "tooLarge", 413);
  const { form } = read;
  const id = String(form.get("id") ?? "");
  const file = form.get("photo");
  if (!file || typeof file === "string" || file.size === 0) return photoError(id, "empty", 400);
  const result = await setSpacePhoto(
    db(),
    user,
    id,
    {
      bytes: new Uint8Array(await file.arrayBuffer()),
      filename: file.name,
      declaredType: file.type,
    },
    { en: String(form.get("altEn") ?? ""), zh: String(form.get("altZh") ?? "") },
  );
  if (!result.ok) {
    const { error } = result;
    if (error === "notFound") return invariantFound(null);
    return photoError(id, error, error === "tooLarge" ? 413 : 400);
  }
  return redirectWithToast("/desk/park", { type: "success", key: "park:desk.photoSaved" });
}

function SpacePhotoForm({
  space,
}: {
  space: {
    id: string;
    photo_file_id: string | null;
    photo_alt_en: string | null;
    photo_alt_zh: string | null;
    photo_width: number | null;
    photo_height: number | null;
  };
}) {
  const { t } = useTranslation("park");
  const result = useActionData<typeof action>();
  const mine = result && result.formKey === `photo-${space.id}` ? result : null;
  const fileId = `photo-${space.id}`;
  return (
    <Form
      method="post"
      action={`/desk/park?space=${space.id}`}
      encType="multipart/form-data"
      className={`card park-row-form${mine ? " has-error" : ""}`}
    >
      <IdempotencyKey />
      <input type="hidden" name="id" value={space.id} />
      {space.photo_file_id ? (
        <img
          src={`/news/media/${space.photo_file_id}`}
          alt={space.photo_alt_en ?? ""}
          width={space.photo_width ?? undefined}
          height={space.photo_height ?? undefined}
          className="news-cover-thumb"
        />
      ) : null}
      <div className="park-row-fields">
        <div className={`field${mine ? " has-error" : ""}`}>
          <label htmlFor={fileId}>{t("desk.fields.photo")}</label>
          <p className="field-hint">{t("desk.fields.photoHint")}</p>
          <input
            id={fileId}
            name="photo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-invalid={mine ? true : undefined}
          />
          {mine ? (
            <p className="field-errors" role="alert">
              {t(mine.message.replace(/^park:/, "") as never)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${fileId}-alt-en`}>{t("desk.fields.photoAltEn")}</label>
          <input
            id={`${fileId}-alt-en`}
            name="altEn"
            type="text"
            defaultValue={space.photo_alt_en ?? ""}
          />
        </div>
        <div className="field">
          <label htmlFor={`${fileId}-alt-zh`}>{t("desk.fields.photoAltZh")}</label>
          <input
            id={`${fileId}-alt-zh`}
            name="altZh"
            type="text"
            lang="zh-CN"
            defaultValue={space.photo_alt_zh ?? ""}
          />
        </div>
      </div>
      <button type="submit" className="button button-secondary">
        {t("desk.uploadPhoto")}
      </button>
    </Form>
  );
}

type FieldDef = {
  name: string;
  label: string;
  type?: "text" | "number" | "date" | "textarea" | "checkbox" | "select" | "url";
  options?: { value: string; label: string }[];
  zh?: boolean;
};

function RowEditor({
  section,
  formKey,
  fields,
  row,
  canDelete,
}: {
  section: Section;
  formKey: string;
  fields: FieldDef[];
  row: Record<string, string | number | boolean | null>;
  canDelete: boolean;
}) {
  const { t } = useTranslation("park");
  const result = useActionData<typeof action>();
  const mine = result && result.formKey === formKey ? result : null;
  const value = (name: string) => (mine ? mine.values[name] : row[name]);
  return (
    <Form method="post" className={`card park-row-form${mine ? " has-error" : ""}`}>
      <IdempotencyKey />
      <input type="hidden" name="section" value={section} />
      <input type="hidden" name="formKey" value={formKey} />
      {row.id ? <input type="hidden" name="id" value={String(row.id)} /> : null}
      {row.version != null ? (
        <input type="hidden" name="version" value={String(row.version)} />
      ) : null}
      {mine ? (
        <p className="field-errors" role="alert">
          {t(mine.message.replace(/^park:/, "") as never)}
        </p>
      ) : null}
      <div className="park-row-fields">
        {fields.map((f) => {
          const id = `${formKey}-${f.name}`;
          const invalid = mine?.fields.includes(f.name);
          const v = value(f.name);
          return (
            <div
              key={f.name}
              className={`field${invalid ? " has-error" : ""}${f.type === "textarea" ? " park-wide" : ""}`}
            >
              {f.type === "checkbox" ? (
                <label className="checkbox" htmlFor={id}>
                  <input
                    id={id}
                    name={f.name}
                    type="checkbox"
                    defaultChecked={v === true || v === "on"}
                  />{" "}
                  {f.label}
                </label>
              ) : (
                <label htmlFor={id}>{f.label}</label>
              )}
              {f.type === "textarea" ? (
                <textarea
                  id={id}
                  name={f.name}
                  rows={4}
                  defaultValue={v == null ? "" : String(v)}
                  aria-invalid={invalid || undefined}
                  lang={f.zh ? "zh-CN" : undefined}
                />
              ) : f.type === "select" ? (
                <select id={id} name={f.name} defaultValue={v == null ? "" : String(v)}>
                  {f.options!.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.type === "checkbox" ? null : (
                <input
                  id={id}
                  name={f.name}
                  type={f.type ?? "text"}
                  defaultValue={v == null ? "" : String(v)}
                  aria-invalid={invalid || undefined}
                  lang={f.zh ? "zh-CN" : undefined}
                />
              )}
            </div>
          );
        })}
      </div>
      <div className="row">
        <button type="submit" className="button button-small">
          {row.id || row.version != null ? t("desk.save") : t("desk.add")}
        </button>
        {canDelete ? (
          <button
            type="submit"
            name="intent"
            value="delete"
            className="button button-small button-secondary"
            formNoValidate
          >
            {t("desk.delete")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export default function DeskPark() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const f = (name: string, type?: FieldDef["type"], extra: Partial<FieldDef> = {}): FieldDef => ({
    name,
    label: t(`desk.fields.${name}` as never) as string,
    type,
    zh: name.endsWith("Zh"),
    ...extra,
  });
  const rankingFields = [
    f("year", "number"),
    f("measure"),
    f("measureEn"),
    f("measureZh"),
    f("rank", "number"),
    f("outOf", "number"),
    f("position", "number"),
    f("featured", "checkbox"),
  ];
  const industryFields = [
    f("nameEn"),
    f("nameZh"),
    f("summaryEn", "textarea"),
    f("summaryZh", "textarea"),
    f("position", "number"),
  ];
  const policyFields = [
    f("titleEn"),
    f("titleZh"),
    f("deadline", "date"),
    f("link", "url"),
    f("position", "number"),
    f("summaryEn", "textarea"),
    f("summaryZh", "textarea"),
  ];
  const spaceFields = [
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
  ];
  const stepFields = [
    f("position", "number"),
    f("titleEn"),
    f("titleZh"),
    f("durationEn"),
    f("durationZh"),
    f("documentsEn"),
    f("documentsZh"),
    f("bodyEn", "textarea"),
    f("bodyZh", "textarea"),
  ];
  const p = d.profile;
  return (
    <div className="container">
      <p>
        <Link to="/desk/news">← {t("desk.title")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("desk.title")}</h1>
        <p className="lead">{t("desk.lead")}</p>
      </header>
      <h2>{t("desk.profile")}</h2>
      <RowEditor
        section="profile"
        formKey="profile"
        canDelete={false}
        fields={[
          f("nameEn"),
          f("nameZh"),
          f("taglineEn"),
          f("taglineZh"),
          f("locationEn"),
          f("locationZh"),
          f("introEn", "textarea"),
          f("introZh", "textarea"),
        ]}
        row={{
          version: p?.version ?? 0,
          nameEn: p?.name_en ?? "",
          nameZh: p?.name_zh ?? "",
          taglineEn: p?.tagline_en ?? "",
          taglineZh: p?.tagline_zh ?? "",
          locationEn: p?.location_en ?? "",
          locationZh: p?.location_zh ?? "",
          introEn: p?.intro_en ?? "",
          introZh: p?.intro_zh ?? "",
        }}
      />
      <h2>{t("rankings.title")}</h2>
      {d.rankings.map((r) => (
        <RowEditor
          key={r.id}
          section="ranking"
          formKey={`r-${r.id}`}
          canDelete
          fields={rankingFields}
          row={{
            id: r.id,
            year: r.year,
            measure: r.measure,
            measureEn: r.measure_en,
            measureZh: r.measure_zh,
            rank: r.rank,
            outOf: r.out_of,
            position: r.position,
            featured: r.featured,
          }}
        />
      ))}
      <RowEditor
        section="ranking"
        formKey="r-new"
        canDelete={false}
        fields={rankingFields}
        row={{}}
      />
      <h2>{t("industries.title")}</h2>
      {d.industries.map((r) => (
        <RowEditor
          key={r.id}
          section="industry"
          formKey={`i-${r.id}`}
          canDelete
          fields={industryFields}
          row={{
            id: r.id,
            nameEn: r.name_en,
            nameZh: r.name_zh,
            summaryEn: r.summary_en,
            summaryZh: r.summary_zh,
            position: r.position,
          }}
        />
      ))}
      <RowEditor
        section="industry"
        formKey="i-new"
        canDelete={false}
        fields={industryFields}
        row={{}}
      />
      <h2>{t("policies.title")}</h2>
      {d.policies.map((r) => (
        <RowEditor
          key={r.id}
          section="policy"
          formKey={`p-${r.id}`}
          canDelete
          fields={policyFields}
          row={{
            id: r.id,
            titleEn: r.title_en,
            titleZh: r.title_zh,
            summaryEn: r.summary_en,
            summaryZh: r.summary_zh,
            deadline: r.deadline ? String(r.deadline).slice(0, 10) : "",
            link: r.link,
            position: r.position,
          }}
        />
      ))}
      <RowEditor
        section="policy"
        formKey="p-new"
        canDelete={false}
        fields={policyFields}
        row={{}}
      />
      <h2>{t("space.title")}</h2>
      {d.spaces.map((r) => (
        <Fragment key={r.id}>
          <RowEditor
            section="space"
            formKey={`s-${r.id}`}
            canDelete
            fields={spaceFields}
            row={{
              id: r.id,
              kind: r.kind,
              nameEn: r.name_en,
              nameZh: r.name_zh,
              descriptionEn: r.description_en,
              descriptionZh: r.description_zh,
              areaMin: r.area_min_m2,
              areaMax: r.area_max_m2,
              priceMin: r.price_min,
              priceMax: r.price_max,
              availability: r.availability,
              position: r.position,
            }}
          />
          <SpacePhotoForm space={r} />
        </Fragment>
      ))}
      <RowEditor
        section="space"
        formKey="s-new"
        canDelete={false}
        fields={spaceFields}
        row={{ kind: "office", availability: "available" }}
      />
      <h2>{t("invest.title")}</h2>
      {d.steps.map((r) => (
        <RowEditor
          key={r.id}
          section="step"
          formKey={`st-${r.id}`}
          canDelete
          fields={stepFields}
          row={{
            id: r.id,
            position: r.position,
            titleEn: r.title_en,
            titleZh: r.title_zh,
            bodyEn: r.body_en,
            bodyZh: r.body_zh,
            documentsEn: r.documents_en,
            documentsZh: r.documents_zh,
            durationEn: r.duration_en,
            durationZh: r.duration_zh,
          }}
        />
      ))}
      <RowEditor section="step" formKey="st-new" canDelete={false} fields={stepFields} row={{}} />
    </div>
  );
}
