import enCommon from "./en/common";
import enAdmin from "./en/admin";
import enAccounts from "./en/accounts";
import enCompany from "./en/company";
import enEmails from "./en/emails";
import enDesk from "./en/desk";
import enServices from "./en/services";
import enIncubation from "./en/incubation";
import enNews from "./en/news";
import enPark from "./en/park";
import enInquiries from "./en/inquiries";
import enKept from "./en/kept";
import enProjects from "./en/projects";
import enCompanyFile from "./en/companyFile";
import enKb from "./en/kb";
import enInvestor from "./en/investor";
import enNotifications from "./en/notifications";
import enStatistics from "./en/statistics";
import enInbound from "./en/inbound";
import enSnippets from "./en/snippets";
import enRules from "./en/rules";
import enSpace from "./en/space";
import enPolicies from "./en/policies";
import enClaims from "./en/claims";

/** Every namespace in English: the browser loads only its page's language (entry.client). */
const en = {
  common: enCommon,
  admin: enAdmin,
  accounts: enAccounts,
  company: enCompany,
  emails: enEmails,
  desk: enDesk,
  services: enServices,
  incubation: enIncubation,
  news: enNews,
  park: enPark,
  inquiries: enInquiries,
  kept: enKept,
  projects: enProjects,
  companyFile: enCompanyFile,
  kb: enKb,
  investor: enInvestor,
  notifications: enNotifications,
  statistics: enStatistics,
  inbound: enInbound,
  snippets: enSnippets,
  rules: enRules,
  space: enSpace,
  policies: enPolicies,
  claims: enClaims,
} as const;

export default en;
