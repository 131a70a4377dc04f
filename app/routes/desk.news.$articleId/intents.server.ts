/**
 * The article page's posts: the cover (multipart), the article form (`save`) and the
 * publishing steps (`publish`, `unpublish`, `archive`, `schedule`), each answered with a
 * redirect and a toast, or the refusal the page shows.
 */
import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { forbidden, invariantFound } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { parseForm, readForm, readUploadForm } from "~/lib/form.server";
import type { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  archiveArticle,
  MAX_COVER_BYTES,
  publishArticle,
  scheduleArticle,
  setCover,
  unpublishArticle,
  updateArticle,
} from "~/news/news.server";
import { ARTICLE_FORM_LIMITS, articleSchema, scheduleSchema } from "~/news/schema";
import { parseParkLocalInput } from "~/lib/format";
import type { ActionError } from "./reply";

export interface PostArgs {
  request: Request;
  user: SessionUser;
  id: string;
  meta: ReturnType<typeof requestMeta>;
}

const refuse = (error: ActionError, status = 400) => data<ActionError>(error, { status });
const coverError = (error: string, status: number) =>
  refuse({ kind: "actionError", intent: "cover", error }, status);

/** A new cover image, checked by its bytes (type and size) before it is stored. */
export async function postCover({ request, user, id }: PostArgs) {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_COVER_BYTES + 64_000) return coverError("news:errors.coverSize", 413);
  const read = await readUploadForm(request, { maxFileBytes: MAX_COVER_BYTES, maxFiles: 1 });
  if (read.refused) return coverError("news:errors.coverSize", 413);
  const file = read.form.get("cover");
  if (!file || typeof file === "string" || file.size === 0)
    return coverError("news:errors.coverEmpty", 400);
  const result = await setCover(db(), user, id, {
    bytes: new Uint8Array(await file.arrayBuffer()),
    filename: file.name,
    declaredType: file.type,
  });
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    if (result.error === "tooLarge") return coverError("news:errors.coverSize", 413);
    return coverError(
      result.error === "empty" ? "news:errors.coverEmpty" : "news:errors.coverType",
      400,
    );
  }
  return redirectWithToast(`/desk/news/${id}`, {
    type: "success",
    key: "news:toast.coverUploaded",
  });
}

async function save(formData: FormData, { user, id }: PostArgs) {
  const submission = parseForm(formData, { schema: articleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version } = submission.value;
  const result = await updateArticle(db(), user, id, version ?? -1, submission.value);
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    if (result.error === "conflict")
      return data(
        { ...submission.reply({ formErrors: ["news:desk.conflict"] }), conflict: true },
        { status: 409 },
      );
    return data(submission.reply({ fieldErrors: { slug: [`news:errors.${result.error}`] } }), {
      status: 400,
    });
  }
  return redirectWithToast(`/desk/news/${id}`, { type: "success", key: "news:toast.saved" });
}

/** A publishing step: the domain function and the toast of its success. */
type Step = (
  formData: FormData,
  args: PostArgs & { version: number | null },
) => Promise<
  | {
      toast: "published" | "scheduled" | "unpublished" | "archived";
      result: { ok: boolean; error?: string };
    }
  | { refused: ActionError }
>;

const STEPS: Record<string, Step> = {
  publish: async (_, { user, id, version, meta }) => ({
    toast: "published",
    result: await publishArticle(db(), user, id, version, meta.ip),
  }),
  unpublish: async (_, { user, id, version, meta }) => ({
    toast: "unpublished",
    result: await unpublishArticle(db(), user, id, version, meta.ip),
  }),
  archive: async (_, { user, id, version, meta }) => ({
    toast: "archived",
    result: await archiveArticle(db(), user, id, version, meta.ip),
  }),
  schedule: async (formData, { user, id, version, meta }) => {
    const submission = parseForm(formData, { schema: scheduleSchema });
    const at =
      submission.status === "success" ? parseParkLocalInput(submission.value.publishAt) : null;
    if (!at)
      return {
        refused: {
          kind: "actionError",
          intent: "schedule",
          error: "news:errors.publishAt",
          fields: { publishAt: String(formData.get("publishAt") ?? "") },
        },
      };
    return {
      toast: "scheduled",
      result: await scheduleArticle(db(), user, id, version, at, meta.ip),
    };
  },
};

/** The article form (`save`, the default intent) or a publishing step (publishers only). */
export async function postForm(args: PostArgs) {
  const formData = await readForm(args.request, { limits: ARTICLE_FORM_LIMITS });
  const intent = String(formData.get("intent") ?? "save");
  if (intent === "save") return save(formData, args);
  if (!can(args.user, "publish:news:any")) forbidden();
  const step = Object.hasOwn(STEPS, intent) ? STEPS[intent] : undefined;
  if (!step) return refuse({ kind: "actionError", intent, error: "news:errors.invalidTransition" });
  const version = Number(formData.get("version"));
  const done = await step(formData, {
    ...args,
    version: Number.isInteger(version) ? version : null,
  });
  if ("refused" in done) return refuse(done.refused);
  const { result, toast } = done;
  if (!result.ok) {
    invariantFound(result.error !== "notFound");
    const key =
      result.error === "conflict"
        ? "news:desk.conflict"
        : result.error === "pastTime"
          ? "news:errors.publishAt"
          : "news:errors.invalidTransition";
    return refuse(
      {
        kind: "actionError",
        intent,
        error: key,
        fields: { publishAt: String(formData.get("publishAt") ?? "") },
      },
      result.error === "conflict" ? 409 : 400,
    );
  }
  return redirectWithToast(`/desk/news/${args.id}`, {
    type: "success",
    key: `news:toast.${toast}`,
  });
}
