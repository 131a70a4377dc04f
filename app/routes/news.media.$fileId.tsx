import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, invariantFound } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { isPublicImage } from "~/news/news.server";
import { getStoredFile, IMAGE_TYPES, inlineImageResponse } from "~/uploads/uploads.server";

/**
 * Images of the promotion area: anyone sees covers of published articles and space photos;
 * news staff also see not-yet-public news and park images (previews). Nothing else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.fileId ?? "";
  const isPublic = await isPublicImage(db(), id);
  const file = await getStoredFile(db(), id);
  invariantFound(file);
  invariantFound(IMAGE_TYPES.includes(file.contentType));
  if (!isPublic) {
    const user = await getUser(request);
    invariantFound(
      user && can(user, "create:news:any") && (file.context === "news" || file.context === "park"),
    );
  }
  return inlineImageResponse(file);
}
