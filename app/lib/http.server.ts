import { Forbidden, NotFound, type Failure } from "~/lib/result";

/**
 * The one mapping from domain outcomes to HTTP (ADR 0025). Codes that are not listed are
 * a user's correctable mistake, answered as 422 with the form kept.
 */
const STATUS: Record<string, number> = {
  notFound: 404,
  forbidden: 403,
  conflict: 409,
  // Someone changed the record since this form was loaded (an older name for a conflict).
  stale: 409,
  tooMany: 429,
  gone: 410,
};

export function statusOf(failure: Pick<Failure, "error">): number {
  return STATUS[failure.error] ?? 422;
}

export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

/** Throws 404 unless the condition holds: for records the actor may not know exist. */
export function invariantFound<T>(
  value: T | null | undefined | false,
  message = "Not found",
): asserts value is T {
  if (!value) notFound(message);
}

/**
 * Turns a domain `Forbidden` or `NotFound` into the matching HTTP response; anything else
 * is rethrown untouched (a real fault: logged and answered 500 by the server).
 */
export function asHttpError(error: unknown): never {
  if (error instanceof Forbidden) forbidden(error.message);
  if (error instanceof NotFound) notFound(error.message);
  throw error;
}

/** Runs a domain call and maps its thrown authorization and not-found errors to HTTP. */
export async function orHttp<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    asHttpError(error);
  }
}

/** Throws the HTTP response for a failure whose code is not-found or forbidden. */
export function throwIfMissing(failure: Pick<Failure, "error">): void {
  if (failure.error === "notFound") notFound();
  if (failure.error === "forbidden") forbidden();
}
