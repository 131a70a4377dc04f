import type { RouteHandle } from "~/i18n/client-strings";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: [] };

// Every unknown path: a friendly 404 inside the page shell.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
