/**
 * The editor's action and loader data, shared by the new and edit routes: parse the form,
 * preview the criteria as typed (nothing is saved) or save with the version seen.
 */
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { can } from "~/auth/permissions";
import { parseForm, readForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { shanghaiDay } from "./criteria";
import {
  getPolicy,
  LIVE_PREVIEW_LIMIT,
  policyCriteria,
  policyDocuments,
  policyStages,
  previewMatches,
  savePolicyLibrary,
  type PolicyActor,
  type PolicyRow,
} from "./policies.server";
import {
  criteriaDefaults,
  criteriaOf,
  documentsText,
  POLICY_FORM_LIMITS,
  policyFormSchema,
  previewQuerySchema,
  previewValues,
} from "./schema";

export async function editorAction(request: Request, user: PolicyActor, id: string | null) {
  const form = await readForm(request, { limits: POLICY_FORM_LIMITS });
  const submission = parseForm(form, { schema: policyFormSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), preview: null }, { status: 400 });
  const today = shanghaiDay(new Date());
  if (submission.value.intent === "preview") {
    const preview = await previewMatches(db(), user, criteriaOf(submission.value), id, { today });
    return data({ reply: submission.reply(), preview: { ...preview, today } });
  }
  const result = await savePolicyLibrary(db(), user, id, submission.value);
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return data(
      { reply: submission.reply({ formErrors: ["policies:desk.conflict"] }), preview: null },
      { status: statusOf(result) },
    );
  }
  return redirectWithToast(`/desk/policies/${result.id}`, {
    type: "success",
    key: "policies:desk.saved",
  });
}

/** The form's defaults from a stored policy. */
export function policyDefaults(
  p: PolicyRow & { opens_on: string | null; deadline: string | null },
) {
  return {
    titleEn: p.title_en,
    titleZh: p.title_zh,
    issuerEn: p.issuer_en,
    issuerZh: p.issuer_zh,
    summaryEn: p.summary_en,
    summaryZh: p.summary_zh,
    bodyEn: p.body_en,
    bodyZh: p.body_zh,
    benefitKind: p.benefit_kind,
    benefitMax: p.benefit_max_minor == null ? undefined : p.benefit_max_minor / 100,
    benefitRate: p.benefit_rate ?? undefined,
    benefitNoteEn: p.benefit_note_en,
    benefitNoteZh: p.benefit_note_zh,
    opensOn: p.opens_on ?? undefined,
    deadline: p.deadline ?? undefined,
    documents: documentsText(policyDocuments(p)),
    link: p.link ?? undefined,
    stages: policyStages(p),
    autoAward: p.auto_award ? "on" : undefined,
    status: p.status,
    position: p.position,
    version: p.version,
    ...criteriaDefaults(policyCriteria(p) ?? []),
  };
}

/** The edit page: the policy, its defaults and the preview of its saved criteria. */
export async function editorLoad(user: PolicyActor, id: string) {
  const policy = await getPolicy(db(), id);
  if (!policy) throw new Response("Not found", { status: 404 });
  const today = shanghaiDay(new Date());
  const preview = await previewMatches(db(), user, policyCriteria(policy) ?? [], id, { today });
  return {
    policy: {
      id: policy.id,
      title_en: policy.title_en,
      title_zh: policy.title_zh,
      status: policy.status,
      auto_award: policy.auto_award,
    },
    defaults: policyDefaults(policy),
    preview: { ...preview, today },
    figuresHidden: !can(user, "read:statistics:any"),
  };
}

/**
 * The live preview (a GET from the editor while staff type, ADR 0058): the criteria in the
 * query, parsed by the schema the browser used; the counts and the first companies of each
 * list. Reads only. Hostile or half-typed criteria: 400 with nothing else.
 */
export async function livePreview(request: Request, user: PolicyActor) {
  const url = new URL(request.url);
  const parsed = previewQuerySchema.safeParse(previewValues(url.searchParams));
  if (!parsed.success) return data({ preview: null }, { status: 400 });
  const today = shanghaiDay(new Date());
  const { policyId, ...fields } = parsed.data;
  const preview = await previewMatches(db(), user, criteriaOf(fields), policyId ?? null, {
    today,
    limit: LIVE_PREVIEW_LIMIT,
  });
  return data(
    { preview: { ...preview, today } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
