import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { livePreview } from "~/policies/editor.server";

/**
 * The policy editor's live preview (issue 15, ADR 0058): a resource route the editor's fetcher
 * reads while staff change the criteria. Nothing is written.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  return livePreview(request, user);
}
