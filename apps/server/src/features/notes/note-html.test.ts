import { describe, expect, it } from 'vitest';
import { cleanNoteHtml, excerpt } from './note-html.ts';

const clean = (html: string, known: number[] = [12]) => cleanNoteHtml(html, (id) => known.includes(id));

describe('note sanitiser', () => {
  it('keeps the text around a script and an event handler, and loses both', () => {
    const out = clean('<p>Hello<script>alert(1)</script> <img src=x onerror=alert(1)>world</p>');
    expect(out.html).toBe('<p>Hello world</p>');
    expect(out.text).toBe('Hello world');
  });

  it('keeps formatting: bold, italic, underline, strike, lists, quotes, code, line breaks', () => {
    const html = '<p><strong>b</strong> <b>b2</b> <em>i</em> <i>i2</i> <u>u</u> <s>s</s><br />next</p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote><pre><code>x = 1</code></pre>';
    expect(clean(html).html).toBe(html);
    expect(clean(html).text).toBe('b b2 i i2 u s\nnext\none\n\ntwo\n\nq\nx = 1');
  });

  it('drops every attribute but a link\'s address, and adds rel and target to links', () => {
    const out = clean('<p onmouseover="x()" style="color:red" class="big" title="t"><a href="https://example.com/a?b=1&amp;c=2" onclick="x()" target="_self" rel="opener">ok</a></p>');
    expect(out.html).toBe('<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">ok</a></p>');
  });

  it('keeps http, https and mailto links only: javascript:, data:, obfuscated, relative and protocol-relative ones lose the link and keep the text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java&#x09;script:alert(1)', '&#106;avascript:alert(1)', ' javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '/relative', '//evil.example/', 'ftp://files.example/']) {
      const out = clean(`<p><a href="${href}">click</a></p>`);
      expect(out.html, href).toBe('<p><span>click</span></p>');
    }
    expect(clean('<a href="mailto:anna@example.com">mail</a>').html).toContain('href="mailto:anna@example.com"');
    expect(clean('<a href="HTTP://EXAMPLE.COM">x</a>').html).toContain('href="HTTP://EXAMPLE.COM"');
  });

  it('removes style elements with their content, iframes, objects, svg, forms and images', () => {
    const out = clean('<style>p { color: red }</style><p>kept</p><iframe src="https://evil.example"></iframe><object data="x"></object><svg onload="x()"><script>1</script></svg><form action="/x"><input value="v"></form><img src="data:image/png;base64,AAAA">');
    expect(out.html).toBe('<p>kept</p>');
    for (const gone of ['style', 'iframe', 'object', 'svg', 'form', 'input', 'img', 'script', 'color: red']) expect(out.html).not.toContain(gone);
  });

  it('survives the classic mutation tricks', () => {
    for (const html of [
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
      '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
      '<<script>script>alert(1)<</script>/script>',
      '<scr<script>ipt>alert(1)</script>',
      '<a href="jav\u0000ascript:alert(1)">x</a>',
    ]) {
      const out = clean(html).html;
      expect(out, html).not.toMatch(/<(script|img|svg|math|style)|onerror=|javascript:/i);
    }
  });

  it('keeps mentions of known users as spans with their id, and only the id attribute', () => {
    const out = clean('<p>Hi <span data-type="mention" class="mention" data-mention-id="12" data-label="Anna">@Anna</span> and <span data-mention-id="99">@Ghost</span> <span data-mention-id="12abc">@Bad</span></p>');
    expect(out.html).toBe('<p>Hi <span data-mention-id="12">@Anna</span> and <span>@Ghost</span> <span>@Bad</span></p>');
    expect(out.mentionIds).toEqual([12]);
    expect(out.text).toBe('Hi @Anna and @Ghost @Bad');
  });

  it('turns plain text into paragraphs, escaping what looks like markup', () => {
    const out = clean('First line\nsecond line\n\nNew paragraph: a < b & c > d');
    expect(out.html).toBe('<p>First line<br />second line</p><p>New paragraph: a &lt; b &amp; c &gt; d</p>');
    expect(out.text).toBe('First line\nsecond line\nNew paragraph: a < b & c > d');
  });

  it('drops empty paragraphs at the start and the end, keeping those in between', () => {
    expect(clean('<p></p><p><br></p><p>a</p><p></p><p>b</p><p> </p><p></p>').html).toBe('<p>a</p><p></p><p>b</p>');
  });

  it('leaves nothing of a note that held only unsafe or empty content', () => {
    for (const html of ['<script>alert(1)</script>', '<p></p><p> <br> </p>', '<img src=x onerror=alert(1)>', '<style>x</style>']) expect(clean(html).text, html).toBe('');
  });

  it('cuts excerpts by characters, never inside one', () => {
    expect(excerpt('報'.repeat(300))).toHaveLength(200);
    expect(Array.from(excerpt('😀'.repeat(300)))).toHaveLength(200);
  });
});
