import { data } from "@remix-run/node";
import type { NewsActor } from "~/news/news.server";
import { invariantFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { readUploadForm } from "~/lib/form.server";
import { redirectWithToast } from "~/lib/toast.server";
import { MAX_SPACE_PHOTO_BYTES, setSpacePhoto } from "~/park/park.server";
import type { DeskParkReply } from "./reply";

function photoError(spaceId: string, error: "empty" | "tooLarge" | "type" | "alt", status: number) {
  return data<DeskParkReply>(
    {
      formKey: `photo-${spaceId}`,
      message: `park:desk.photoErrors.${error}`,
      fields: ["photo"],
      values: {},
    },
    { status },
  );
}

/** A space's photo (multipart): the file is checked by its bytes, not its name or type. */
export async function photoAction(request: Request, user: NewsActor) {
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
