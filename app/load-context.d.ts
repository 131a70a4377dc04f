import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce, set by server.js. */
    nonce: string;
    /** Request id, also in the logs and the X-Request-Id header. */
    requestId: string;
    /** Client address (honours X-Forwarded-For only with TRUST_PROXY=true). */
    ip: string;
    /**
     * Set by the page cache (server.js): render the whole page into one buffer, handed over in
     * `bufferedBodies` (app/cache/page-cache.server.ts) beside a Response without a body.
     */
    buffered?: boolean;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
