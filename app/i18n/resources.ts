import en from "./bundle.en";
import zhCN from "./bundle.zh-CN";

/**
 * Every namespace in both languages, for the server (renders and emails in either language).
 * The browser loads one language's bundle (app/entry.client.tsx), never this module. A
 * namespace is added in both bundle files.
 */
export const resources = { en, "zh-CN": zhCN } as const;
