import { expect } from '@esm-bundle/chai';
import { configText, loadPage } from '../helpers/page.js';
import { runInsideClick } from '../helpers/click-with-mouse.js';
import { useFreshPage } from '../helpers/fresh-page.js';
import { siteConfig } from '../fixtures/config.js';
import { configHash } from '../../src/config/config.js';
import { decisionApplied, tracker, type GatedFrame } from './helpers.js';

/** dataLayer as short labels: `consent:default`, `js`, `config:G-TEST`, `event:gtm.js`, `page`. */
const LABEL = `(entry) => Object.prototype.toString.call(entry) === '[object Arguments]'
  ? (entry[0] === 'consent' ? 'consent:' + entry[1] : entry[0] === 'config' ? 'config:' + entry[1] : entry[0])
  : entry.event ? 'event:' + entry.event : Object.keys(entry).join(',')`;

/** Records dataLayer as it stands at the page's first gtag('config'), which is when Google's tag reads the consent state. */
const AT_CONFIG = `<script>window.__atConfig = null;</script>`;
const RECORD = `window.__atConfig ??= window.dataLayer.map(${LABEL});`;

/** Each way Google's documentation tells a site to set up its tags, verbatim but for the ids (and a recording right after `config`). */
const PATTERNS: Record<string, string> = {
  'the gtag.js snippet': `<script async data-service="ga4" src="${tracker('analytics.test', 'gtag/js?id=G-TEST')}"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-TEST');
  ${RECORD}
</script>`,
  'the tag manager snippet': `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'${tracker('analytics.test', 'gtm.js')}?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','GTM-TEST');</script>
<script>function gtag(){dataLayer.push(arguments);} gtag('config', 'G-TEST'); ${RECORD}</script>`,
  'a data layer declared above the tag manager (dataLayer = […])': `<script>
  dataLayer = [{ pageCategory: 'signup', visitorType: 'high-value' }];
</script>
<script>window.dataLayer.push({ event: 'gtm.js' }); function gtag(){dataLayer.push(arguments);} gtag('config', 'G-TEST'); ${RECORD}</script>`,
  'var dataLayer = […]': `<script>
  var dataLayer = [{ pageCategory: 'signup' }];
  function gtag(){dataLayer.push(arguments);}
  gtag('config', 'G-TEST');
  ${RECORD}
</script>`,
};

describe('gates: Consent Mode defaults before the first gtag("config"), whatever the page does with dataLayer (R02, R29)', () => {
  useFreshPage();

  for (const [name, markup] of Object.entries(PATTERNS)) {
    it(`${name}: the default first on a first visit; default and the stored choice first on a return`, async () => {
      const text = configText(siteConfig());
      const first = (await loadPage({ config: text, stamp: configHash(text), head: AT_CONFIG + markup })) as GatedFrame;
      const atConfig = first.__atConfig as string[];
      expect(atConfig[0], JSON.stringify(atConfig)).to.equal('consent:default');
      expect(atConfig).to.include('config:G-TEST');
      expect(atConfig.filter((label) => label.startsWith('consent:'))).to.deep.equal(['consent:default']);

      expect(await runInsideClick(first, () => first.samtycke.set({ analytics: true }))).to.equal(true);
      await decisionApplied(first);
      const back = (await loadPage({ config: text, stamp: configHash(text), head: AT_CONFIG + markup })) as GatedFrame;
      expect((back.__atConfig as string[]).slice(0, 3)).to.deep.equal(['consent:default', 'consent:update', 'event:samtycke_consent']);
    });
  }

  it('an app that starts dataLayer anew after load still gets the update of every later decision, after the default', async () => {
    const text = configText(siteConfig());
    const win = (await loadPage({ config: text, stamp: configHash(text) })) as GatedFrame;
    (win as unknown as { dataLayer: unknown[] }).dataLayer = [];
    expect(await runInsideClick(win, () => win.samtycke.acceptAll())).to.equal(true);
    await decisionApplied(win);
    const labels = (win.dataLayer ?? []).map((entry) => (Object.prototype.toString.call(entry) === '[object Arguments]' ? `${(entry as IArguments)[0]}:${(entry as IArguments)[1]}` : (entry as { event?: string }).event));
    expect(labels).to.deep.equal(['consent:default', 'consent:update', 'samtycke_consent']);
  });
});
