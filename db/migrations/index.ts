import type { Migration } from "kysely";
import * as foundation from "./2026-11-28T0900_foundation";
import * as admin from "./2026-11-28T1100_admin";
import * as promotion from "./2026-11-28T1200_promotion";
import * as incubation from "./2026-11-28T1300_incubation";
import * as serviceRequests from "./2026-11-28T1400_service_requests";
import * as newsSearch from "./2026-11-28T1535_news_search";
import * as contentVersion from "./2026-11-28T1547_content_version";
import * as contentVersionNotify from "./2026-11-28T1552_content_version_notify";
import * as keptInput from "./2026-12-04T1930_kept_input";
import * as idempotency from "./2026-12-04T2000_idempotency";
import * as projects from "./2026-12-04T2300_projects";
import * as incubationCare from "./2026-12-05T0200_incubation_care";
import * as notificationUnread from "./2026-12-05T0230_notification_unread";
import * as companyFile from "./2026-12-05T0240_company_file";
import * as knowledgeBase from "./2026-12-05T0300_knowledge_base";
import * as statistics from "./2026-12-05T0310_statistics";
import * as incubationOffer from "./2026-12-05T0320_incubation_offer";
import * as projectInvestors from "./2026-12-05T0330_project_investors";
import * as projectLanding from "./2026-12-05T0335_project_landing";
import * as spaceUnits from "./2026-12-05T0400_space_units";
import * as inboundMail from "./2026-12-05T0500_inbound_mail";
import * as replySnippets from "./2026-12-05T0510_reply_snippets";
import * as policies from "./2026-12-05T0700_policies";
import * as mergeLink from "./2026-12-06T0200_merge_link";
import * as incubationMilestones from "./2026-12-06T0300_incubation_milestones";
import * as projectVisits from "./2026-12-06T0400_project_visits";
import * as reportReminders from "./2026-12-06T0500_report_reminders";
import * as kbSearchSpeed from "./2026-12-06T0600_kb_search_speed";
import * as policyOutreach from "./2026-12-07T0100_policy_outreach";
import * as indicators from "./2026-12-07T0400_indicators";
import * as milestoneReminders from "./2026-12-07T0405_milestone_reminders";
import * as promotionPublicFigures from "./2026-12-07T0455_promotion_public_figures";
import * as projectViews from "./2026-12-07T0500_project_views";
import * as policyAwardPayee from "./2026-12-07T0520_policy_award_payee";
import * as incubationReportComments from "./2026-12-07T0540_incubation_report_comments";
import * as serviceRules from "./2026-12-07T0600_service_rules";
import * as newsCoverThumb from "./2026-12-07T0620_news_cover_thumb";
import * as incubationMentors from "./2026-12-07T0700_incubation_mentors";
import * as projectStageTotals from "./2026-12-08T0100_project_stage_totals";
import * as projectVisitUnits from "./2026-12-08T0110_project_visit_units";
import * as incubationExtensions from "./2026-12-08T0200_incubation_extensions";
import * as ruleStateSubject from "./2026-12-08T0300_rule_state_subject";
import * as requestWatchers from "./2026-12-08T0310_request_watchers";
import * as companyReportFacts from "./2026-12-08T0600_company_report_facts";

/**
 * Every migration, by its date-prefixed name. Listed here (not read from the folder) so the
 * production server bundle carries them. A test checks this list against the folder.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-28T0900_foundation": foundation,
  "2026-11-28T1100_admin": admin,
  "2026-11-28T1200_promotion": promotion,
  "2026-11-28T1300_incubation": incubation,
  "2026-11-28T1400_service_requests": serviceRequests,
  "2026-11-28T1535_news_search": newsSearch,
  "2026-11-28T1547_content_version": contentVersion,
  "2026-11-28T1552_content_version_notify": contentVersionNotify,
  "2026-12-04T1930_kept_input": keptInput,
  "2026-12-04T2000_idempotency": idempotency,
  "2026-12-04T2300_projects": projects,
  "2026-12-05T0200_incubation_care": incubationCare,
  "2026-12-05T0230_notification_unread": notificationUnread,
  "2026-12-05T0240_company_file": companyFile,
  "2026-12-05T0300_knowledge_base": knowledgeBase,
  "2026-12-05T0310_statistics": statistics,
  "2026-12-05T0320_incubation_offer": incubationOffer,
  "2026-12-05T0330_project_investors": projectInvestors,
  "2026-12-05T0335_project_landing": projectLanding,
  "2026-12-05T0400_space_units": spaceUnits,
  "2026-12-05T0500_inbound_mail": inboundMail,
  "2026-12-05T0510_reply_snippets": replySnippets,
  "2026-12-05T0700_policies": policies,
  "2026-12-06T0200_merge_link": mergeLink,
  "2026-12-06T0300_incubation_milestones": incubationMilestones,
  "2026-12-06T0400_project_visits": projectVisits,
  "2026-12-06T0500_report_reminders": reportReminders,
  "2026-12-06T0600_kb_search_speed": kbSearchSpeed,
  "2026-12-07T0100_policy_outreach": policyOutreach,
  "2026-12-07T0400_indicators": indicators,
  "2026-12-07T0405_milestone_reminders": milestoneReminders,
  "2026-12-07T0455_promotion_public_figures": promotionPublicFigures,
  "2026-12-07T0500_project_views": projectViews,
  "2026-12-07T0520_policy_award_payee": policyAwardPayee,
  "2026-12-07T0540_incubation_report_comments": incubationReportComments,
  "2026-12-07T0600_service_rules": serviceRules,
  "2026-12-07T0620_news_cover_thumb": newsCoverThumb,
  "2026-12-07T0700_incubation_mentors": incubationMentors,
  "2026-12-08T0100_project_stage_totals": projectStageTotals,
  "2026-12-08T0110_project_visit_units": projectVisitUnits,
  "2026-12-08T0200_incubation_extensions": incubationExtensions,
  "2026-12-08T0300_rule_state_subject": ruleStateSubject,
  "2026-12-08T0310_request_watchers": requestWatchers,
  "2026-12-08T0600_company_report_facts": companyReportFacts,
};
