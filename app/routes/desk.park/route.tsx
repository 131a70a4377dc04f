import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { isoDay } from "~/lib/format";
import { knownValues, readForm } from "~/lib/form.server";
import { idempotent } from "~/forms/idempotency.server";
import { orHttp } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  deleteParkRow,
  getProfile,
  listIndustries,
  listInvestSteps,
  listPolicies,
  listRankings,
  listSpaces,
  saveSection,
  SECTION_TABLES,
} from "~/park/park.server";
import { parseSection, sectionSchema } from "~/park/schema";
import { photoAction } from "./photo.server";
import type { DeskParkReply } from "./reply";
import { RowEditor } from "./row-editor";
import { SectionList, useSectionFields } from "./sections";
import { SpacePhotoForm } from "./space-photo-form";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Park pages · 园区页面 | Zizhu Park Portal") },
];

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

/** One form per row, each posting its `section` (and `intent=delete` to remove the row). */
export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:park:any");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return photoAction(request, user);
  const formData = await readForm(request);
  const section = String(formData.get("section") ?? "");
  const formKey = String(formData.get("formKey") ?? "");
  const values = knownValues(formData, sectionSchema(section));
  const refuse = (fields: string[], status = 400, message = "park:desk.invalid") =>
    data<DeskParkReply>({ formKey, message, fields, values }, { status });
  if (formData.get("intent") === "delete" && Object.hasOwn(SECTION_TABLES, section)) {
    const table = SECTION_TABLES[section as keyof typeof SECTION_TABLES];
    await orHttp(deleteParkRow(db(), user, table, String(formData.get("id") ?? "")));
    return redirectWithToast("/desk/park", { type: "success", key: "park:desk.deleted" });
  }
  const parsed = parseSection(section, values);
  if (!parsed.success)
    return refuse(parsed.error ? Object.keys(parsed.error.flatten().fieldErrors) : []);
  if (!(await orHttp(saveSection(db(), user, parsed.input))))
    return refuse([], 409, "park:desk.conflict");
  return redirectWithToast("/desk/park", { type: "success", key: "park:desk.saved" });
}

export default function DeskPark() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const fields = useSectionFields();
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
        fields={fields.profile}
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
      <SectionList
        title={t("rankings.title")}
        section="ranking"
        prefix="r"
        fields={fields.ranking}
        rows={d.rankings}
        values={(r) => ({
          year: r.year,
          measure: r.measure,
          measureEn: r.measure_en,
          measureZh: r.measure_zh,
          rank: r.rank,
          outOf: r.out_of,
          position: r.position,
          featured: r.featured,
        })}
      />
      <SectionList
        title={t("industries.title")}
        section="industry"
        prefix="i"
        fields={fields.industry}
        rows={d.industries}
        values={(r) => ({
          nameEn: r.name_en,
          nameZh: r.name_zh,
          summaryEn: r.summary_en,
          summaryZh: r.summary_zh,
          position: r.position,
        })}
      />
      <SectionList
        title={t("policies.title")}
        section="policy"
        prefix="p"
        fields={fields.policy}
        rows={d.policies}
        values={(r) => ({
          titleEn: r.title_en,
          titleZh: r.title_zh,
          summaryEn: r.summary_en,
          summaryZh: r.summary_zh,
          // A DATE comes from pg as a Date: the day as the date field wants it.
          deadline: isoDay(r.deadline),
          link: r.link,
          position: r.position,
        })}
      />
      <SectionList
        title={t("space.title")}
        section="space"
        prefix="s"
        fields={fields.space}
        rows={d.spaces}
        blank={{ kind: "office", availability: "available" }}
        after={(r) => <SpacePhotoForm space={r} />}
        values={(r) => ({
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
        })}
      />
      <SectionList
        title={t("invest.title")}
        section="step"
        prefix="st"
        fields={fields.step}
        rows={d.steps}
        values={(r) => ({
          position: r.position,
          titleEn: r.title_en,
          titleZh: r.title_zh,
          bodyEn: r.body_en,
          bodyZh: r.body_zh,
          documentsEn: r.documents_en,
          documentsZh: r.documents_zh,
          durationEn: r.duration_en,
          durationZh: r.duration_zh,
        })}
      />
    </div>
  );
}
