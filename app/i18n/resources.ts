import enCommon from "./en/common";
import zhCommon from "./zh-CN/common";
import enAccounts from "./en/accounts";
import zhAccounts from "./zh-CN/accounts";
import enEmails from "./en/emails";
import zhEmails from "./zh-CN/emails";

/** Every namespace in both languages. Chinese files are typed by the English ones, so a missing key fails typecheck. */
export const resources = {
  en: { common: enCommon, accounts: enAccounts, emails: enEmails },
  "zh-CN": { common: zhCommon, accounts: zhAccounts, emails: zhEmails },
} as const;
