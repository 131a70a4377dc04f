import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce, set by server.ts. */
    nonce: string;
    /** Request id, also in the logs and the X-Request-Id header. */
    requestId: string;
    /** The one client address (X-Forwarded-For only from trusted proxies, ADR 0018). */
    ip: string;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
