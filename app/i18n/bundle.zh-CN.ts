import zhCommon from "./zh-CN/common";
import zhAdmin from "./zh-CN/admin";
import zhAccounts from "./zh-CN/accounts";
import zhCompany from "./zh-CN/company";
import zhEmails from "./zh-CN/emails";
import zhDesk from "./zh-CN/desk";
import zhServices from "./zh-CN/services";
import zhIncubation from "./zh-CN/incubation";
import zhNews from "./zh-CN/news";
import zhPark from "./zh-CN/park";
import zhInquiries from "./zh-CN/inquiries";
import zhKept from "./zh-CN/kept";
import zhProjects from "./zh-CN/projects";
import zhCompanyFile from "./zh-CN/companyFile";
import zhKb from "./zh-CN/kb";
import zhInvestor from "./zh-CN/investor";
import zhNotifications from "./zh-CN/notifications";
import zhStatistics from "./zh-CN/statistics";
import zhInbound from "./zh-CN/inbound";
import zhSnippets from "./zh-CN/snippets";
import zhRules from "./zh-CN/rules";
import zhSpace from "./zh-CN/space";
import zhPolicies from "./zh-CN/policies";
import zhClaims from "./zh-CN/claims";

/** Every namespace in Chinese, typed by the English ones (a missing key fails typecheck). */
const zhCN = {
  common: zhCommon,
  admin: zhAdmin,
  accounts: zhAccounts,
  company: zhCompany,
  emails: zhEmails,
  desk: zhDesk,
  services: zhServices,
  incubation: zhIncubation,
  news: zhNews,
  park: zhPark,
  inquiries: zhInquiries,
  kept: zhKept,
  projects: zhProjects,
  companyFile: zhCompanyFile,
  kb: zhKb,
  investor: zhInvestor,
  notifications: zhNotifications,
  statistics: zhStatistics,
  inbound: zhInbound,
  snippets: zhSnippets,
  rules: zhRules,
  space: zhSpace,
  policies: zhPolicies,
  claims: zhClaims,
} as const;

export default zhCN;
