import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isConnectionError } from "#db/client.server";
import { stopContentWatcher } from "~/cache/page-cache.server";
import { logger } from "~/observability/logger.server";
import { shutdown as stopApp } from "~/startup.server";
import { NonceProvider } from "~/lib/nonce";
import { RequestLocaleProvider } from "~/lib/root-data";
import { detectLocale } from "~/i18n/locale.server";
import { i18nFor } from "~/i18n/i18n.server";
import { I18nSourceProvider } from "~/i18n/instance";

const SERVER_I18N = { instance: i18nFor } as const;

export { startup } from "~/startup.server";
export { publicPageCache } from "~/cache/page-cache.server";
// What server.js uses before the app runs (ADR 0018).
export { refusalPage } from "~/lib/refusal-page.server";
export { createAssetServer } from "~/lib/build-assets.server";
export { isLoopbackHost } from "~/env.server";
export { clientAddressResolver } from "~/lib/client-address.server";
// The one logger (redaction, stacks): server.ts logs through it too (ADR 0022).
export { logger } from "~/observability/logger.server";

/** Stops the page cache's listening connection, then the app (worker, database). */
export async function shutdown(): Promise<void> {
  await stopContentWatcher();
  await stopApp();
}

const ABORT_DELAY = 5_000;
// How long Remix waits for streamed loader data: well before the render is aborted, so that
// pending data is rejected into the page first.
export const streamTimeout = 4_500;

function anyConnectionError(errors: Record<string, unknown> | null | undefined): boolean {
  return !!errors && Object.values(errors).some(isConnectionError);
}

/**
 * Requests (by their load context) whose loader or action lost the database. Remix replaces
 * errors with a generic one in production before rendering, so `handleError`, which sees the
 * original, marks the request here and the 500 becomes a 503.
 */
const databaseUnavailable = new WeakSet<object>();

function unavailable(
  status: number,
  headers: Headers,
  context: AppLoadContext | undefined,
): boolean {
  if (status !== 500 || !context || !databaseUnavailable.has(context)) return false;
  headers.set("Retry-After", "5");
  return true;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A lost database connection is "try again", not a bug: 503.
  if (unavailable(responseStatusCode, responseHeaders, loadContext)) {
    responseStatusCode = 503;
  } else if (
    responseStatusCode === 500 &&
    anyConnectionError(remixContext.staticHandlerContext.errors)
  ) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "5");
  }
  // Pages are private unless the page cache (server.js) makes an anonymous public page public.
  if (!responseHeaders.has("Cache-Control"))
    responseHeaders.set("Cache-Control", "private, no-store");
  const nonce = loadContext.nonce ?? "";
  const app = (
    <NonceProvider value={nonce}>
      <RequestLocaleProvider value={detectLocale(request)}>
        <I18nSourceProvider value={SERVER_I18N}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </I18nSourceProvider>
      </RequestLocaleProvider>
    </NonceProvider>
  );
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        // Drop the abort timer once the page is out: it would keep the render alive for 5 s.
        body.on("end", () => clearTimeout(timer));
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered)
          logger.error({ err: error, path: new URL(request.url).pathname }, "render error");
      },
    });
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const headers = new Headers(response.headers);
  if (!unavailable(response.status, headers, context)) return response;
  return new Response(response.body, { status: 503, statusText: "Service Unavailable", headers });
};

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context?: AppLoadContext },
) {
  if (isConnectionError(error) && context) databaseUnavailable.add(context);
  if (request.signal.aborted) return;
  if (isConnectionError(error)) {
    logger.warn({ err: error, path: new URL(request.url).pathname }, "database unavailable");
    return;
  }
  logger.error(
    {
      err: error,
      path: new URL(request.url).pathname,
    },
    "unhandled error",
  );
}
