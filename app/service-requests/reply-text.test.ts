import { describe, expect, it } from "vitest";
import { parseThreadAddress, replyAddress, threadRoot } from "./mail-thread.server";
import { automatedReason, looksChinese, stripReply } from "./reply-text";

describe("stripReply: English clients", () => {
  it("cuts Gmail's 'On ... wrote:' and the quote under it", () => {
    const text = [
      "Thanks, the meeting room works for us.",
      "",
      "On Sat, Dec 5, 2026 at 10:02 AM Zizhu Park Portal <request+SR-2026-000001.abc@reply.test> wrote:",
      "> Hello Alice,",
      "> The park replied to your request.",
    ].join("\n");
    expect(stripReply(text)).toBe("Thanks, the meeting room works for us.");
  });

  it("cuts a header that Gmail wrapped onto two lines", () => {
    const text = [
      "Yes please.",
      "",
      "On Sat, Dec 5, 2026 at 10:02 AM Zizhu Park Portal <",
      "request+SR-2026-000001.abc@reply.test> wrote:",
      "> Earlier text",
    ].join("\n");
    expect(stripReply(text)).toBe("Yes please.");
  });

  it("cuts '-----Original Message-----' and Outlook's From/Sent/To/Subject block", () => {
    expect(
      stripReply("See attached.\n\n-----Original Message-----\nFrom: Park\nSent: today\nold text"),
    ).toBe("See attached.");
    const outlook = [
      "Please send the invoice again.",
      "",
      "________________________________",
      "From: Zizhu Park Portal <no-reply@portal.test>",
      "Sent: Saturday, December 5, 2026 10:02",
      "To: Alice <alice@example.com>",
      "Subject: SR-2026-000001: a reply from the park",
      "",
      "Hello Alice,",
    ].join("\r\n");
    expect(stripReply(outlook)).toBe("Please send the invoice again.");
    // Outlook without the underscores, with bold field names from an HTML body.
    expect(
      stripReply("Fine.\n\n*From:* Park\n*Sent:* Saturday\n*To:* Alice\n*Subject:* x\n\nold"),
    ).toBe("Fine.");
  });

  it("keeps inline answers and drops the quoted lines between them", () => {
    const text = ["> Which floor?", "The third.", "> Which day?", "Monday."].join("\n");
    expect(stripReply(text)).toBe("The third.\nMonday.");
  });

  it("drops the signature after '-- ' and 'Sent from my iPhone'", () => {
    expect(stripReply("Done, thank you.\n\n-- \nAlice Wang\nLumina Photonics\n+86 21 5555")).toBe(
      "Done, thank you.",
    );
    expect(stripReply("Done.\n\nSent from my iPhone")).toBe("Done.");
    expect(stripReply("Done.\n\nGet Outlook for iOS")).toBe("Done.");
  });

  it("keeps a text that merely mentions 'wrote' or 'From:' in a sentence", () => {
    const text = "On Monday our engineer wrote the report.\nFrom: the lab, results are fine.";
    expect(stripReply(text)).toBe(text);
  });

  it("leaves nothing of a reply that is only a quote", () => {
    expect(stripReply("On Sat, Dec 5, 2026, Park <a@b.c> wrote:\n> old")).toBe("");
  });
});

describe("stripReply: Chinese clients", () => {
  it("cuts Apple Mail's and NetEase's '在 ... 写道：'", () => {
    const text = [
      "好的，周一上午可以。",
      "",
      "在 2026年12月5日，上午10:02，紫竹园区门户 <request+SR-2026-000001.abc@reply.test> 写道：",
      "> 您好：",
    ].join("\n");
    expect(stripReply(text)).toBe("好的，周一上午可以。");
    expect(
      stripReply('收到。\n在 2026-12-05 10:02:00，"紫竹园区门户" <x@reply.test> 写道:\n> 旧内容'),
    ).toBe("收到。");
  });

  it("cuts Gmail's Chinese '<name> 于<date>写道：'", () => {
    expect(
      stripReply(
        "附件是营业执照。\n\n紫竹园区门户 <x@reply.test> 于2026年12月5日周六 10:02写道：\n> 旧",
      ),
    ).toBe("附件是营业执照。");
  });

  it("cuts QQ Mail's and Foxmail's '原始邮件' block and Outlook's 发件人 block", () => {
    const qq = [
      "请尽快处理，谢谢！",
      "",
      "------------------ 原始邮件 ------------------",
      '发件人: "紫竹园区门户"<no-reply@portal.test>;',
      "发送时间: 2026年12月5日(星期六) 上午10:02",
      "收件人: 王丽<wangli@example.cn>;",
      "主题: SR-2026-000001：园区回复了您的申请",
    ].join("\n");
    expect(stripReply(qq)).toBe("请尽快处理，谢谢！");
    const outlook = [
      "已补充材料。",
      "",
      "发件人: 紫竹园区门户 <no-reply@portal.test>",
      "发送时间: 2026年12月5日 10:02",
      "收件人: 王丽 <wangli@example.cn>",
      "主题: SR-2026-000001：园区回复了您的申请",
      "",
      "王丽，您好：",
    ].join("\n");
    expect(stripReply(outlook)).toBe("已补充材料。");
    expect(stripReply("好。\n\n-----原始邮件-----\n发件人: 园区\n旧")).toBe("好。");
  });

  it("drops '发自我的iPhone' and '从我的iPhone发送'", () => {
    expect(stripReply("收到，谢谢。\n\n发自我的iPhone")).toBe("收到，谢谢。");
    expect(stripReply("收到。\n\n从我的 iPhone 发送")).toBe("收到。");
  });

  it("is fast on hostile input (one long line, many lines)", () => {
    const started = performance.now();
    stripReply(`On ${"x".repeat(200_000)}`);
    stripReply(`在${"在".repeat(100_000)}`);
    stripReply(Array.from({ length: 20_000 }, () => "From: a").join("\n"));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("automatedReason", () => {
  const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it("spots auto-replies, bulk mail and bounces; lets a person's mail through", () => {
    expect(automatedReason(headers({ "auto-submitted": "auto-replied" }), "a@b.c", "a@b.c")).toBe(
      "autoReply",
    );
    expect(automatedReason(headers({ "auto-submitted": "no" }), "a@b.c", "a@b.c")).toBeNull();
    expect(automatedReason(headers({ precedence: "bulk" }), "a@b.c", "a@b.c")).toBe("bulk");
    expect(automatedReason(headers({ "list-id": "<x.lists>" }), "a@b.c", "a@b.c")).toBe("bulk");
    expect(automatedReason(headers({ "x-autoreply": "yes" }), "a@b.c", "a@b.c")).toBe("autoReply");
    expect(automatedReason(headers({}), "", "a@b.c")).toBe("bounce");
    expect(automatedReason(headers({}), "x@y.z", "MAILER-DAEMON@y.z".toLowerCase())).toBe("bounce");
    expect(automatedReason(headers({}), "a@b.c", "a@b.c")).toBeNull();
    expect(automatedReason(headers({}), null, "a@b.c")).toBeNull();
  });

  it("tells Chinese text", () => {
    expect(looksChinese("请处理")).toBe(true);
    expect(looksChinese("please")).toBe(false);
  });
});

describe("reply addresses", () => {
  const token = "0123456789abcdef0123456789abcdef";
  it("reads back what it writes, case-insensitively, only for our domain", () => {
    const address = replyAddress("SR-2026-000123", token, "reply.portal.test");
    expect(address).toBe(`request+SR-2026-000123.${token}@reply.portal.test`);
    expect(parseThreadAddress(address.toUpperCase(), "reply.portal.test")).toEqual({
      ref: "SR-2026-000123",
      token,
    });
    expect(
      parseThreadAddress(
        threadRoot("SR-2026-000123", token, "reply.portal.test"),
        "reply.portal.test",
      ),
    ).toEqual({ ref: "SR-2026-000123", token });
    expect(parseThreadAddress(address, "evil.test")).toBeNull();
    expect(
      parseThreadAddress(`request+SR-2026-000123@reply.portal.test`, "reply.portal.test"),
    ).toBeNull();
    expect(
      parseThreadAddress(
        `request+SR-2026-000123.${token.slice(1)}@reply.portal.test`,
        "reply.portal.test",
      ),
    ).toBeNull();
  });
});
