/**
 * Our own XSS payloads for every Markdown field: raw HTML that must stay text, and what Markdown
 * itself turns into URLs and attributes (links, images, autolinks, references, footnotes, tables,
 * task lists, code fences). Written by us, so the suite runs on a fresh clone; the public corpora
 * in ../shared/data/xss come on top where that folder exists.
 */
export const XSS_PAYLOADS: string[] = [
  // Raw HTML
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x:gif" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="&#106;avascript:alert(1)">click</a>',
  '<a href="jav&#x0A;ascript:alert(1)">click</a>',
  '<a href="javascript&#58;alert(1)">click</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style>',
  '<object data="javascript:alert(1)"></object>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<button formaction="javascript:alert(1)">go</button>',
  '<isindex action=javascript:alert(1) type=image>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<div>\n<img src=x onerror=alert(1)>\n</div>',
  // Links and images Markdown makes
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1))',
  '[click](<javascript:alert(1)>)',
  '[click](javascript:alert(1) "title")',
  '[click](javascript://%0Aalert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](#" onclick="alert(1))',
  '[![img](javascript:alert(1))](javascript:alert(2))',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '[ref][x]\n\n[x]: javascript:alert(1)',
  '[ref][x]\n\n[x]: <data:text/html,<script>alert(1)</script>>',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '![x](x"onerror="alert(1))',
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '<https://example.com/"onmouseover="alert(1)>',
  'www.example.com/"onmouseover="alert(1)',
  'javascript:alert(1) as plain text, and www.example.com/javascript:alert(1)',
  // Inside the structures GFM adds
  '| a |\n| --- |\n| <img src=x onerror=alert(1)> |',
  '| a |\n| --- |\n| [x](javascript:alert(1)) |',
  '- [ ] <img src=x onerror=alert(1)>',
  '- [x] [done](javascript:alert(1))',
  '> [quoted](javascript:alert(1))',
  '***[strong](javascript:alert(1))***',
  '~~<script>alert(1)</script>~~',
  'note[^<img src=x onerror=alert(1)>]\n\n[^<img src=x onerror=alert(1)>]: boom',
  'note[^1]\n\n[^1]: [x](javascript:alert(1))',
  '```"><script>alert(1)</script>\ncode\n```',
  '```js onload=alert(1)\ncode\n```',
  '### <img src=x onerror=alert(1)> heading',
]

/** markdown-it-testgen: optional prose, then ".", Markdown, ".", expected HTML, "." — we keep the Markdown. */
export function markdownItCases(text: string): string[] {
  const cases: string[] = []
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '.') continue
    const end = lines.indexOf('.', i + 1)
    const close = lines.indexOf('.', end + 1)
    if (end < 0 || close < 0) break
    cases.push(lines.slice(i + 1, end).join('\n'))
    i = close
  }
  return cases
}
