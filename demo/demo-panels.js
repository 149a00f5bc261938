// Demo only: renders what samtycke and the fake third parties report. Not part of the library.
const consent = window.samtycke;
const $ = (id) => document.getElementById(id);
const item = (text) => Object.assign(document.createElement('li'), { textContent: text });
const time = (at) => new Date(at).toLocaleTimeString();

function renderState() {
  const { decided, choices, consentId, expiresAt } = consent.state;
  $('state').textContent = JSON.stringify({ decided, choices, consentId, expires: expiresAt && new Date(expiresAt).toISOString().slice(0, 10) }, null, 2);
}

function renderBlocked() {
  const blocked = typeof consent.blocked === 'function' ? consent.blocked() : [];
  $('blocked').replaceChildren(...(blocked.length ? blocked.map((b) => item(`${time(b.at)} ${b.kind} → ${b.host} (${b.service ?? b.category ?? 'undeclared'})`)) : [item('nothing yet')]));
}

function renderCookies() {
  const names = document.cookie.split('; ').filter(Boolean).map((entry) => entry.split('=')[0]);
  $('cookies').replaceChildren(...(names.length ? names.map((name) => item(name)) : [item('none')]));
}

async function renderHits() {
  const hits = await fetch('/demo-api/hits').then((r) => r.json());
  $('hits').replaceChildren(...(hits.length ? hits.slice(-30).reverse().map((h) => item(`${time(h.at)} ${h.host}${h.path}`)) : [item('nothing: no request reached a tracker')]));
}

async function renderProofs() {
  const id = consent.state.consentId;
  const records = id ? await fetch(`/demo-api/proofs?consentId=${id}`).then((r) => r.json()) : [];
  const pending = consent.proof?.pending() ?? [];
  $('proofs').replaceChildren(
    ...pending.map((p) => item(`${time(p.timestamp)} ${p.action} — waiting for the collector`)),
    ...records.reverse().map((r) => item(`#${r.chain}:${r.position} ${time(r.timestamp)} ${r.action} via ${r.layer}/${r.control ?? '-'} · ${Object.entries(r.choices).map(([k, v]) => `${k}:${v ? 'on' : 'off'}`).join(' ')} · text ${r.textHash.slice(0, 12)}… · chain ${r.chainHash.slice(0, 12)}…`)),
  );
  if (!pending.length && !records.length) $('proofs').replaceChildren(item('no decision yet'));
}

function renderAll() {
  renderState();
  renderBlocked();
  renderCookies();
  renderHits();
  renderProofs();
}

document.addEventListener('samtycke:change', () => setTimeout(renderAll, 300));
document.addEventListener('samtycke:show', renderState);
document.addEventListener('samtycke:blocked', renderBlocked);
const incidents = [];
document.addEventListener('samtycke:leak', (event) => {
  const { evidence, deadlines } = event.detail;
  const what = event.detail.measures.taken[0]?.includes('blocked') ? 'stopped before it left (block mode), reported to the collector as an attempt' : 'sent, reported to the collector';
  incidents.push(item(`${time(event.detail.detectedAt)} "${evidence.field}" (${evidence.encoding}) → ${evidence.host} by ${evidence.kind}: ${what}; notify the authority by ${new Date(deadlines.gdpr).toLocaleString()} unless assessed otherwise`));
  $('incidents').replaceChildren(...incidents);
});
document.getElementById('newsletter').addEventListener('submit', (event) => {
  event.preventDefault();
  $('newsletter-result').textContent = ' Thanks! (demo: nothing was sent)';
});
renderAll();
// The third-party log lives on the server: refresh it now and then.
setInterval(() => { renderHits(); renderCookies(); renderBlocked(); }, 2000);
