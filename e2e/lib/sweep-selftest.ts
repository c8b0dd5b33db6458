import type { Browser } from 'playwright-core';
import { findOverflows } from './overflow.ts';
import { runAxe } from './axe.ts';

// Planted offenders and look-alikes that are fine: the checks must tell them apart, or the sweep proves nothing.
const HTML = `<!doctype html><html lang="de"><head><title>Selbsttest</title></head><body style="font:14px sans-serif"><main>
<h1>Selbsttest</h1>
<div style="width:90px"><button id="cut-button" style="white-space:nowrap;width:90px;overflow:hidden">Änderungen verwerfen</button></div>
<div id="cut-ellipsis" style="width:60px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">Ohne Titel abgeschnitten</div>
<div id="cut-line" style="width:100px;height:20px;overflow:hidden;line-height:20px">zwei Zeilen Text, die umbrechen</div>
<div id="spills" style="width:50px;white-space:nowrap">läuft über den Rand</div>
<div style="display:flex;width:120px;overflow:hidden"><span id="cut-flex" style="flex:none">Feste Beschriftung hier</span></div>
<div id="ok-ellipsis" style="width:60px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap" title="Mit Titel abgeschnitten">Mit Titel abgeschnitten</div>
<span id="ok-hidden" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap">nur für Screenreader</span>
<div id="ok-fits" style="width:300px">Passt</div>
<div id="ok-cjk" style="width:100px;height:16px;line-height:1">一行中文</div>
<button id="no-name" style="width:24px;height:24px"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="6"/></svg></button>
</main></body></html>`;

const MUST_FLAG = ['#cut-button', '#cut-ellipsis', '#cut-line', '#spills', '#cut-flex'];

/** Throws unless the overflow check flags exactly the planted offenders and axe flags the unnamed button. */
export async function selfTest(browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  try {
    const page = await context.newPage();
    await page.setContent(HTML);
    const flagged = (await findOverflows(page)).map((o) => o.path).sort();
    if (flagged.join() !== [...MUST_FLAG].sort().join()) throw new Error(`the overflow check flagged ${flagged.join(', ') || 'nothing'}; expected ${MUST_FLAG.join(', ')}`);
    const ids = (await runAxe(page)).map((v) => v.id);
    if (!ids.includes('button-name')) throw new Error(`axe did not flag the button without a name (found: ${ids.join(', ') || 'nothing'})`);
  } finally {
    await context.close();
  }
}
