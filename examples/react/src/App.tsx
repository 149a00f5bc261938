import { useConsent, useGranted } from 'samtycke/react';

/** Shown only while analytics is granted. */
function MeasuredNotice() {
  return useGranted('analytics') ? <p id="with-consent">Thanks: page views and clicks are counted (analytics is on).</p> : null;
}

export function App({ track }: { track: (event: string) => void }) {
  const { state, has, consent } = useConsent();
  return (
    <main>
      <h1>Kaffe, with React</h1>
      <p id="status">{state.decided ? `Analytics: ${has('analytics') ? 'on' : 'off'}` : 'No choice made yet'}</p>
      <button type="button" id="add-to-cart" onClick={() => track('add-to-cart')}>Add to cart</button>
      <MeasuredNotice />
      <footer>
        <button type="button" id="cookie-settings" onClick={() => consent.showPreferences()}>Cookie settings</button>
      </footer>
    </main>
  );
}
