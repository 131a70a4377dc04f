import type en from "../en/notifications";
import type { Translation } from "../types";

const notifications: Translation<typeof en> = {
  title: "通知",
  empty: "暂无通知。",
  markRead: "全部标为已读",
  unread: "新",
  kinds: {
    reply: "园区回复了 {{ref}}（{{subject}}）",
    state: "{{ref}}（{{subject}}）的状态已更新",
    requester_reply: "企业回复了 {{ref}}（{{subject}}）",
    requester_state: "企业更改了 {{ref}}（{{subject}}）的状态",
    assigned: "{{ref}}（{{subject}}）已分派给您",
    filed: "您的团队收到新申请 {{ref}}（{{subject}}）",
    breach: "{{ref}}（{{subject}}）已超出服务时限",
    breach_warning: "{{ref}}（{{subject}}）即将到期",
    rated: "{{ref}}（{{subject}}）获得 {{rating}} 分评价（满分 5 分）",
  },
};

export default notifications;
