// Starts the typed server (server.ts, ADR 0019) through tsx's public loader API, so that
// `node server.js` stays the one command for npm start, containers, CI and the tests.
import { register } from "tsx/esm/api";

register();
await import("./server.ts");
