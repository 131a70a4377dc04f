import type en from "../en/kept";
import type { Translation } from "../types";

const kept: Translation<typeof en> = {
  title: "您填写的内容已保留",
  lead: "您提交时登录已过期，内容尚未发送。请核对，如需可修改，然后立即发送。这些内容在本浏览器中保留两小时。",
  none: "本浏览器中没有待发送的内容：已发送、已放弃，或已超过两小时。",
  home: "返回首页",
  onPage: "提交自 {{page}}",
  openPage: "改为打开该页面",
  filesNotKept: "登录前后无法保留文件。发送后请重新添加以下文件：{{files}}",
  fieldsNotKept_other: "有 {{count}} 个字段过长或过多，未能保留。",
  send: "立即发送",
  discard: "放弃",
  toast: {
    kept: "您的登录已过期。您填写的内容已保留：登录后即可发送。",
    notKept: "您的登录已过期。请登录后继续。",
    gone: "该内容已发送、已放弃或已过期。",
    discarded: "已放弃。",
  },
};

export default kept;
