import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/**
 * Import boundaries that CI checks (ADR 0027). Layers, each importing only the ones below it:
 *   app/routes/**  -> areas, app/lib, foundation
 *   areas (app/<area>/**: accounts, auth, companies, forms, news, notifications, ...)
 *                  -> other areas, app/lib, foundation; never a route
 *   app/lib/**     -> app/lib and foundation only
 *   foundation: app/env.server.ts, app/db.server.ts, db/**, app/i18n/**, app/observability/**
 * Everywhere: no value from `~/root` (types only), no package's `dist/` path, no `remix` or
 * `lucia` package. Flat config replaces a rule's options per file group, so each group below
 * lists the common patterns too.
 */
const COMMON = [
  {
    group: ["remix", "lucia"],
    message: "Remix 2 does not use the `remix` package; `lucia` is deprecated. See README.",
  },
  {
    group: ["**/dist", "**/dist/**"],
    message: "Import a package's public entry point, never its dist/ files (issue 12).",
  },
  {
    group: ["~/root", "**/root"],
    allowTypeImports: true,
    message:
      "Only types come from the root route (`import type`); shared code lives in app/lib (root-data.ts).",
  },
  {
    group: ["~/i18n/resources", "**/i18n/resources", "~/i18n/bundle.*"],
    allowTypeImports: true,
    message:
      "Both languages' strings are for the server (~/i18n/i18n.server); the browser loads one (entry.client).",
  },
];
const NO_ROUTES = {
  group: ["~/routes", "~/routes/**", "**/routes/**", "!../../tests/**"],
  message: "An area never imports a route: move what both need into the area or app/lib.",
};
const LIB_ONLY = {
  // (gitignore syntax: a folder's files can be let through again only when the folder itself
  // is not matched, hence `~/*/**` rather than `~/*`.)
  group: [
    "~/*/**",
    "!~/lib/**",
    "!~/i18n/**",
    "!~/observability/**",
    "~/startup.server",
    "~/entry.server",
    "~/entry.client",
    "../**",
    "!../../tests/**",
  ],
  message:
    "app/lib imports only app/lib and the foundation (env, db, i18n, observability): no area, no route.",
};
const AREAS = [
  "accounts",
  "admin",
  "audit",
  "auth",
  "cache",
  "companies",
  "components",
  "forms",
  "incubation",
  "inquiries",
  "jobs",
  "kb",
  "mail",
  "news",
  "notifications",
  "park",
  "projects",
  "service-requests",
  "statistics",
  "uploads",
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    // Migrations take Kysely<any>: they are frozen in time and must not depend on today's types.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      // Layers (ADR 0027): see `restrictedImports` above.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message:
            'Write `import * as z from "zod"`: `import { z }` ships every Zod locale to the browser (docs/performance.md).',
        },
      ],
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: COMMON }],
    },
  },
  {
    files: AREAS.map((area) => `app/${area}/**/*.{ts,tsx}`),
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...COMMON, NO_ROUTES] }],
    },
  },
  {
    files: ["app/lib/**/*.{ts,tsx}"],
    ignores: ["app/lib/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [...COMMON, NO_ROUTES, LIB_ONLY] },
      ],
    },
  },
);
