// `node server.js`: the typed server (server.ts, ADR 0022), transpiled into build/server.js by
// `npm run build` together with the app.
await import("./build/server.js");
