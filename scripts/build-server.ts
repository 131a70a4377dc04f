/**
 * Part of `npm run build`: server.ts -> build/server.js, transpiled with TypeScript's public
 * `transpileModule` (types are checked by `npm run typecheck`; its imports of the app are
 * type-only). `node server.js` then starts without a TypeScript loader (ADR 0022).
 */
import fs from "node:fs";
import ts from "typescript";

const source = fs.readFileSync("server.ts", "utf8");
const { outputText } = ts.transpileModule(source, {
  fileName: "server.ts",
  compilerOptions: {
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: false,
    sourceMap: false,
  },
});
fs.mkdirSync("build", { recursive: true });
fs.writeFileSync(
  "build/server.js",
  `// Built from server.ts by scripts/build-server.ts: edit server.ts.\n${outputText}`,
);
console.log("server.ts -> build/server.js");
