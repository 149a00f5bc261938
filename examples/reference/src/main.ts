// The smallest app that uses samtycke the documented way: the page's consent object from the head
// script, its state on the page, and a "Cookie settings" control. It brings no tracker of its own, so
// `npm run size` measures what samtycke costs an app before any click.
import { getConsent } from 'samtycke';

const consent = getConsent();
const status = document.getElementById('status')!;
const show = () => {
  status.textContent = consent.state.decided ? `Analytics: ${consent.has('analytics') ? 'on' : 'off'}` : 'No choice made yet';
};
show();
consent.on('change', show);
document.getElementById('cookie-settings')!.addEventListener('click', () => consent.showPreferences());
