import { GeneralErrorBoundary } from "~/components/error-boundary";

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
