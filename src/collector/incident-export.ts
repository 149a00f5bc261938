/**
 * What a notification asks for, drawn from the register: the shape of IMY's form for a personal
 * data breach (GDPR art. 33(3)) and of a PTS report (Reg. 611/2013 Annex I: an initial and a
 * complete report). The collector serves it as JSON and as a printable page; the site owner
 * reviews it, completes what only they know, and files it themselves.
 */
import type { LeakReport } from '../proof/leak-report.js';
import { incidentDeadlines, unintelligibleReason, type Assessment, type Deadlines, type IncidentState, type RegisterEntry } from './incident-model.js';
import type { StoredEntry } from './incident-register.js';

/** Who answers for the site, from the collector's settings. */
export interface IncidentContact {
  /** The controller (the site's legal entity), e.g. `Kafferosteriet AB`. */
  controller?: string | undefined;
  /** Where the authority and the people concerned reach someone, e.g. `dpo@shop.example, +46 8 123 456`. */
  contact?: string | undefined;
}

/** Which form the export follows: IMY's (GDPR art. 33) or PTS's (Reg. 611/2013). */
export type ExportForm = 'imy' | 'pts';

const KIND_LABELS: Readonly<Record<string, string>> = {
  email: 'e-mail address',
  phone: 'phone number',
  name: 'name',
  'national-id': 'personal identity number (personnummer)',
  other: 'contact data from a form field',
};

/** The facts of one incident a notification needs, read from its register entries. */
export interface IncidentFacts {
  incident: IncidentState;
  deadlines: Deadlines;
  /** Encodings seen, e.g. `normalised+sha256`, with how often. */
  encodings: Record<string, number>;
  requestKinds: Record<string, number>;
  pages: Record<string, number>;
  fields: Record<string, number>;
  libraryVersions: Record<string, number>;
  /** Reports whose service's category was granted, refused, or had no decision behind it. */
  consent: { granted: number; refused: number; undecided: number; undeclared: number };
  assessment: (Assessment & { at: string; actor: string }) | undefined;
  measures: Array<{ stage: 'taken' | 'planned'; text: string; at: string; actor: string }>;
  history: Array<{ at: string; actor: string; entry: string; summary: string }>;
  /** Reports read for the counts above (the latest ones, when there are very many). */
  reportsRead: number;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Gathers an incident's facts from its entries (`IncidentStore.entries`). */
export function incidentFacts(incident: IncidentState, entries: readonly StoredEntry[]): IncidentFacts {
  const facts: IncidentFacts = {
    incident,
    deadlines: incidentDeadlines(incident.detectedAt, incident.operatorType),
    encodings: {},
    requestKinds: {},
    pages: {},
    fields: {},
    libraryVersions: {},
    consent: { granted: 0, refused: 0, undecided: 0, undeclared: 0 },
    assessment: undefined,
    measures: [],
    history: [],
    reportsRead: 0,
  };
  for (const row of entries) {
    const entry = JSON.parse(row.content) as RegisterEntry;
    if (entry.entry === 'report') {
      const report: LeakReport = entry.report;
      facts.reportsRead += 1;
      bump(facts.encodings, report.encoding === 'plain' ? report.form : `${report.form}+${report.encoding}`);
      bump(facts.requestKinds, `${report.requestKind}${report.blocked ? ' (blocked)' : ''}`);
      bump(facts.pages, new URL(report.page).pathname);
      bump(facts.fields, report.field);
      bump(facts.libraryVersions, report.libraryVersion);
      const consent = report.granted === null ? 'undeclared' : !report.decided ? 'undecided' : report.granted ? 'granted' : 'refused';
      facts.consent[consent] += 1;
      continue;
    }
    if (entry.entry === 'assessment') {
      const { entry: _entry, incidentId: _id, ...assessment } = entry;
      facts.assessment = assessment;
    }
    if (entry.entry === 'measure') facts.measures.push({ stage: entry.stage, text: entry.text, at: entry.at, actor: entry.actor });
    facts.history.push({ at: entry.at, actor: entry.actor, entry: entry.entry, summary: summarise(entry) });
  }
  return facts;
}

function summarise(entry: Exclude<RegisterEntry, { entry: 'report' }>): string {
  switch (entry.entry) {
    case 'opened':
      return `Opened as incident ${entry.number}: ${entry.dataKind} to ${entry.host}${entry.service ? ` (${entry.service})` : ''}; GDPR deadline ${entry.deadlines.gdpr}${entry.deadlines.ptsInitial ? `, PTS ${entry.deadlines.ptsInitial} and ${entry.deadlines.ptsFull}` : ''}`;
    case 'status':
      return `Status ${entry.from} → ${entry.to}${entry.note ? `: ${entry.note}` : ''}`;
    case 'assessment':
      return `Assessed: ${entry.severity}; notify authority: ${entry.notifyAuthority ? 'yes' : 'no'}; notify people: ${entry.notifyPeople ? 'yes' : 'no'}${entry.reasons ? ` (${entry.reasons})` : ''}`;
    case 'measure':
      return `Measure ${entry.stage}: ${entry.text}`;
  }
}

/** What kind of data, in words, with how it travelled: `e-mail address (normalised+sha256)`. */
export function dataCategories(facts: IncidentFacts): string[] {
  const kind = KIND_LABELS[facts.incident.dataKind] ?? facts.incident.dataKind;
  return Object.keys(facts.encodings).map((encoding) => `${kind} (${encoding})`);
}

/** A description of what happened, in plain words, for the forms' free-text fields. */
export function describeIncident(facts: IncidentFacts): string {
  const { incident } = facts;
  const kind = KIND_LABELS[incident.dataKind] ?? incident.dataKind;
  const receiver = incident.service ? `${incident.host} (service "${incident.service}")` : `${incident.host}, a host no service in the consent configuration declares`;
  const all = incident.blocked === incident.occurrences;
  const outcome = all
    ? `Every one of the ${incident.occurrences} requests was stopped in the browser before it left (the sentinel runs in block mode): these were attempts; nothing was disclosed by them.`
    : `${incident.occurrences - incident.blocked} of ${incident.occurrences} requests reached the recipient${incident.blocked ? `; ${incident.blocked} were stopped in the browser` : ''}.`;
  return `A third-party script on the site read the ${kind} visitors typed into a form (field ${Object.keys(facts.fields).join(', ')}) and sent it, as ${Object.keys(facts.encodings).join(', ')}, to ${receiver}. samtycke's leak sentinel detected it in visitors' browsers between ${incident.firstSeen} and ${incident.lastSeen}. ${outcome}`;
}

const LIKELY_CONSEQUENCES =
  'The recipient can match the hashed or plain contact data to its own users and link them to a visit to this site, and to what the page reveals (for example a health, finance or booking context), for profiling and advertising.';

/**
 * The export: the fields IMY's breach form, or a PTS report, asks for, filled from the register.
 * Fields only the site owner can answer say so (`null` and a note) rather than guess.
 * @example const json = incidentExport(facts, 'pts', { controller: 'Exempel AB', contact: 'dpo@exempel.se' }, new Date());
 */
export function incidentExport(facts: IncidentFacts, form: ExportForm, contact: IncidentContact, now: Date) {
  const { incident, assessment } = facts;
  const people = incident.visitors + incident.withoutConsentId;
  const measuresTaken = facts.measures.filter((measure) => measure.stage === 'taken').map((measure) => measure.text);
  const measuresPlanned = facts.measures.filter((measure) => measure.stage === 'planned').map((measure) => measure.text);
  if (incident.blocked > 0) measuresTaken.unshift(`${incident.blocked} request(s) were stopped in the visitors' browsers by samtycke's leak sentinel (block mode).`);
  const late = now.toISOString() > facts.deadlines.gdpr && !['notified', 'closed'].includes(incident.status);
  const common = {
    form: form === 'imy' ? 'IMY: anmälan om personuppgiftsincident (GDPR art. 33)' : 'PTS: anmälan om integritetsincident (Reg. (EU) 611/2013, Annex I)',
    generatedAt: now.toISOString(),
    incident: { id: incident.id, number: incident.number, status: incident.status },
    controller: { name: contact.controller ?? null, contactPoint: contact.contact ?? null },
    timeline: {
      occurredFrom: incident.firstSeen,
      occurredTo: incident.lastSeen,
      ongoing: incident.status !== 'closed',
      detectedAt: incident.detectedAt,
      howDetected: "samtycke's leak sentinel, in visitors' browsers: a form value (plain, encoded or hashed) appeared in a request to a third party.",
      deadlines: facts.deadlines,
    },
    description: describeIncident(facts),
    cause: 'A vendor script (for example a pixel with "automatic advanced matching") collected form input. Check the vendor\'s own settings as well as the site\'s tag manager: in the Kry, Apoteket and Avanza cases the vendor-side setting prevailed.',
    dataSubjects: {
      categories: ['Visitors of the website who typed into a form field'],
      approximateNumber: people,
      countedBy: `${incident.visitors} distinct consent ids, plus ${incident.withoutConsentId} report(s) from visitors who had made no consent decision (each counted as a person: an upper bound).`,
    },
    personalData: {
      categories: dataCategories(facts),
      approximateRecords: incident.occurrences,
      attemptsStoppedInBrowser: incident.blocked,
      specialCategories: null as string | null,
      specialCategoriesNote: 'Only the site owner can say whether the pages involved reveal health, finance or other sensitive facts: see the pages listed.',
      pages: facts.pages,
    },
    recipients: [{ host: incident.host, service: incident.service }],
    unintelligible: { value: false, reason: assessment?.unintelligibleReason ?? unintelligibleReason(Object.keys(facts.encodings)) },
    likelyConsequences: assessment?.consequences || LIKELY_CONSEQUENCES,
    severity: assessment?.severity ?? null,
    measures: { taken: measuresTaken, planned: measuresPlanned },
    dataSubjectsInformed: assessment ? { decided: assessment.notifyPeople, reasons: assessment.reasons } : null,
    lateNotificationReason: late ? 'Past the 72-hour deadline: state the reasons for the delay (GDPR art. 33(1)).' : null,
  };
  if (form === 'imy') return common;
  return {
    ...common,
    // Annex I of Reg. 611/2013: what the initial notification (24 h) and the complete one (3 days) hold.
    pts: {
      initial: {
        dueBy: facts.deadlines.ptsInitial ?? null,
        provider: contact.controller ?? null,
        contact: contact.contact ?? null,
        incidentTime: incident.firstSeen,
        detectionTime: incident.detectedAt,
        circumstances: 'Copying of personal data to a third party by a script embedded in the website.',
        natureAndContent: dataCategories(facts),
        measuresApplied: measuresTaken,
      },
      complete: {
        dueBy: facts.deadlines.ptsFull ?? null,
        summary: describeIncident(facts),
        individualsConcerned: people,
        potentialConsequences: assessment?.consequences || LIKELY_CONSEQUENCES,
        measuresToMitigate: [...measuresTaken, ...measuresPlanned],
        individualsNotified: assessment ? assessment.notifyPeople : null,
      },
      operatorType: incident.operatorType,
      note: incident.operatorType === 'ecs' ? null : 'The site is not registered as a provider of public electronic communications services (operatorType "other"): PTS\'s 24-hour rule does not apply; report to IMY within 72 hours.',
    },
  };
}

/** Time left until `deadline` from `now`, in words: `23 h 12 min left`, or `overdue by 3 h 5 min`. */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}
