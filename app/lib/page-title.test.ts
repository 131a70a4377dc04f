import { describe, expect, it } from "vitest";
import { localTitle, pageDescription, pageTitle } from "./page-title";

describe("page titles in the page's language", () => {
  it("keeps the reader's half and the site name in that language", () => {
    expect(localTitle("Rankings · 评价排名 | Zizhu Park Portal", "en")).toBe(
      "Rankings | Zizhu Park Portal",
    );
    expect(localTitle("Rankings · 评价排名 | Zizhu Park Portal", "zh-CN")).toBe(
      "评价排名 | 紫竹园区门户",
    );
  });
  it("keeps a reference both languages share", () => {
    expect(localTitle("SR-2026-0001 · Service desk · 服务台 | Zizhu Park Portal", "zh-CN")).toBe(
      "SR-2026-0001 · 服务台 | 紫竹园区门户",
    );
    expect(localTitle("SR-2026-0001 · Service desk · 服务台 | Zizhu Park Portal", "en")).toBe(
      "SR-2026-0001 · Service desk | Zizhu Park Portal",
    );
  });
  it("keeps a one-language title whole", () => {
    expect(localTitle("园区 · 新闻 | Zizhu Park Portal", "en")).toBe(
      "园区 · 新闻 | Zizhu Park Portal",
    );
    expect(localTitle("Zizhu High-Tech Park Portal · 紫竹高新区门户", "zh-CN")).toBe(
      "紫竹高新区门户",
    );
  });
  it("reads the locale from the root match", () => {
    const matches = [{ id: "root", data: { locale: "zh-CN" } }];
    expect(pageTitle(matches, "News · 园区新闻 | Zizhu Park Portal")).toBe(
      "园区新闻 | 紫竹园区门户",
    );
    expect(pageTitle([], "News · 园区新闻 | Zizhu Park Portal")).toBe("News | Zizhu Park Portal");
  });
  it("gives the description in the page's language", () => {
    const zh = [{ id: "root", data: { locale: "zh-CN" } }];
    expect(pageDescription(zh, "Space to rent", "可租空间")).toEqual({
      name: "description",
      content: "可租空间",
    });
    expect(pageDescription([], "Space to rent", "可租空间").content).toBe("Space to rent");
  });
});
