import type { Page } from 'playwright-core';

/** A piece of text that does not fit its box. */
export interface Overflow {
  /** A CSS path to the element holding the text (anchored at the nearest data-testid or id). */
  path: string;
  text: string;
  /** `x`: cut or spilling sideways; `y`: cut or spilling at the bottom (a line too many for the box). */
  axis: 'x' | 'y';
  /** How far the text reaches past the box, in CSS pixels. */
  by: number;
  /** `clipped`: a box hides the rest; `spills`: it runs out of its own box onto its neighbours. */
  kind: 'clipped' | 'spills';
}

/**
 * Every visible text that overflows its box on the page as it is now. Runs in the page: for each element with text of
 * its own, the text's rectangle (a Range over its text nodes) is compared with its own box (the nearest box that is not
 * inline) and with each ancestor that hides overflow, up to the first scroll container (scrolled content is reachable)
 * and below <body> (the page's own scroll, locked while a dialog is open, hides nothing for good).
 *
 * A deliberate truncation does not count: the own box cuts the text with `text-overflow: ellipsis` or a line clamp
 * (only the box whose lines hold the text can draw the ellipsis) and the full text is in a `title`, `aria-label` or
 * `data-full-text` of the element or a near ancestor (DataTable sets titles on the cells it cuts).
 */
export async function findOverflows(page: Page): Promise<Overflow[]> {
  // tsx names inner functions with a `__name` helper that the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(() => {
    const found: Overflow[] = [];
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'OPTION', 'TEXTAREA']);

    const cssPath = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
        const testId = e.getAttribute('data-testid');
        if (testId) {
          parts.unshift(`[data-testid="${testId}"]`);
          break;
        }
        if (e.id && !/^(mantine|«|:r|_r)/.test(e.id)) {
          parts.unshift(`#${CSS.escape(e.id)}`);
          break;
        }
        const tag = e.tagName.toLowerCase();
        const cls = [...e.classList].find((c) => /^(k-|mantine-)/.test(c));
        const parent = e.parentElement;
        const same = parent ? [...parent.children].filter((c) => c.tagName === e?.tagName) : [];
        const nth = same.length > 1 ? `:nth-of-type(${same.indexOf(e) + 1})` : '';
        parts.unshift(`${tag}${cls ? `.${cls}` : ''}${nth}`);
      }
      return parts.join(' > ');
    };

    /** The full text is revealed elsewhere: a title, aria-label or data-full-text on the element or close above it. */
    const revealed = (el: Element, text: string): boolean => {
      let e: Element | null = el;
      for (let i = 0; e && i < 8; i++, e = e.parentElement) {
        for (const attr of ['title', 'aria-label', 'data-full-text']) {
          const v = e.getAttribute(attr);
          if (v && norm(v).includes(text)) return true;
        }
      }
      return false;
    };

    const owners = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue?.trim() && n.parentElement) owners.add(n.parentElement);
    }

    for (const el of owners) {
      if (SKIP.has(el.tagName) || el.closest('svg')) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const nodes = [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE && c.nodeValue?.trim());
      const text = norm(nodes.map((c) => c.nodeValue ?? '').join(' '));
      let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
      const range = document.createRange();
      for (const node of nodes) {
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.height === 0) continue;
          left = Math.min(left, r.left); right = Math.max(right, r.right);
          top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
        }
      }
      if (!Number.isFinite(left)) continue;
      const fontSize = parseFloat(getComputedStyle(el).fontSize) || 14;
      // A line's glyphs may reach a little past a tight line box; a cut line reaches a whole line past it.
      const tolX = 1.5, tolY = Math.max(2, fontSize * 0.4);

      let own: Element | null = null;
      let spill: Overflow | null = null;
      let hit: Overflow | null = null;
      let cutAbove = false;
      let skip = false;
      for (let a: Element | null = el; a && a !== document.body && a !== document.documentElement; ) {
        const cs = getComputedStyle(a);
        if (cs.display === 'inline' || cs.display === 'contents') {
          a = a.parentElement;
          continue;
        }
        const r = a.getBoundingClientRect();
        // a visually hidden box (screen-reader text) is not meant to be seen
        if (r.width <= 2 || r.height <= 2 || (cs.clip !== 'auto' && cs.clip !== '')) {
          skip = true;
          break;
        }
        const bl = r.left + a.clientLeft, bt = r.top + a.clientTop;
        const br = bl + (a.clientWidth || r.width), bb = bt + (a.clientHeight || r.height);
        const dx = Math.max(right - br, bl - left), dy = Math.max(bottom - bb, bt - top);
        const clipX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
        const clipY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
        const scrolls = /auto|scroll/.test(cs.overflowX) || /auto|scroll/.test(cs.overflowY);
        const axis: 'x' | 'y' | null = dx > tolX ? 'x' : dy > tolY ? 'y' : null;
        const by = Math.round(axis === 'x' ? dx : dy);
        if (axis && ((axis === 'x' && clipX) || (axis === 'y' && clipY))) {
          const clamp = cs.getPropertyValue('-webkit-line-clamp');
          const cutOnPurpose = !own && (cs.textOverflow === 'ellipsis' || (clamp !== '' && clamp !== 'none'));
          if (!(cutOnPurpose && revealed(el, text))) hit = { path: cssPath(el), text, axis, by, kind: 'clipped' };
          cutAbove = true;
          break;
        }
        if (!own) {
          own = a;
          if (axis && !scrolls) spill = { path: cssPath(el), text, axis, by, kind: 'spills' };
        }
        if (scrolls || cs.position === 'fixed') break;
        // an absolutely positioned box is clipped only from its containing block up
        a = cs.position === 'absolute' ? (a as HTMLElement).offsetParent : a.parentElement;
      }
      if (skip) continue;
      // a box that cuts the text decides (an offender, or a deliberate cut); otherwise a spill out of the own box counts
      if (hit) found.push(hit);
      else if (spill && !cutAbove) found.push(spill);
    }
    return found;
  });
}

/** One line per offender, for a failure message. */
export const describeOverflow = (o: Overflow) => `${o.path} "${o.text.slice(0, 80)}" ${o.kind} ${o.axis === 'x' ? 'sideways' : 'below'} by ${o.by}px`;
