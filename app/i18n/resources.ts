import enCommon from "./en/common";
import zhCommon from "./zh-CN/common";
import enAdmin from "./en/admin";
import zhAdmin from "./zh-CN/admin";
import enAccounts from "./en/accounts";
import zhAccounts from "./zh-CN/accounts";
import enCompany from "./en/company";
import zhCompany from "./zh-CN/company";
import enEmails from "./en/emails";
import zhEmails from "./zh-CN/emails";
import enDesk from "./en/desk";
import zhDesk from "./zh-CN/desk";
import enServices from "./en/services";
import zhServices from "./zh-CN/services";
import enIncubation from "./en/incubation";
import zhIncubation from "./zh-CN/incubation";
import enNews from "./en/news";
import zhNews from "./zh-CN/news";
import enPark from "./en/park";
import zhPark from "./zh-CN/park";
import enInquiries from "./en/inquiries";
import zhInquiries from "./zh-CN/inquiries";
import enKept from "./en/kept";
import zhKept from "./zh-CN/kept";
import enNotifications from "./en/notifications";
import zhNotifications from "./zh-CN/notifications";
import enProjects from "./en/projects";
import zhProjects from "./zh-CN/projects";
import enCompanyFile from "./en/companyFile";
import zhCompanyFile from "./zh-CN/companyFile";
import enKb from "./en/kb";
import zhKb from "./zh-CN/kb";
import enInvestor from "./en/investor";
import enStatistics from "./en/statistics";
import zhStatistics from "./zh-CN/statistics";
import zhInvestor from "./zh-CN/investor";
import enInbound from "./en/inbound";
import zhInbound from "./zh-CN/inbound";

/**
 * Every namespace in both languages (one line each). Chinese files are typed by the English
 * ones, so a missing key fails typecheck.
 */
export const resources = {
  en: {
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
    statistics: enStatistics,
    notifications: enNotifications,
    inbound: enInbound,
  },
  "zh-CN": {
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
    statistics: zhStatistics,
    notifications: zhNotifications,
    inbound: zhInbound,
  },
} as const;
