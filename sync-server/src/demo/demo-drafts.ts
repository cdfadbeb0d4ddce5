/**
 * Papers the administration is working on right now (the demo's Amtsinfo): drafts, a co-signing
 * round with one department overdue, one waiting for the mayor's approval, one returned with a
 * comment, and a withdrawn one. Written with the same shapes the app and relay produce.
 */
import {
  derivePaperWorkflow,
  paperAccess,
  paperTypeDef,
  type AccessEntry,
  type Consultation,
  type ConsultationRole,
  type PaperDoc,
  type PaperType,
  type WorkflowEvent,
} from '@ratstisch/domain'
import { markedSentence, markedText, markedTitle } from './demo-marker.ts'
import { DEMO_DEPARTMENTS, ORG_IDS, type DemoDepartment, type DemoTown } from './demo-town.ts'

interface DraftSpec {
  id: string
  type: PaperType
  name: string
  department: DemoDepartment
  createdBy: string
  daysAgo: number
  summary: string
  sections: Record<string, string>
  consultations: Array<[string, ConsultationRole]>
  /** events relative to creation: [days after creation, actor user id, action, extra] */
  steps: Array<[number, string, string, Partial<WorkflowEvent>?]>
}

const ACTORS: Record<string, { name: string; roles: WorkflowEvent['roles']; department?: string }> = {
  'user-author': { name: 'Martin Vogel', roles: ['author'], department: DEMO_DEPARTMENTS.bau.id },
  'user-author-2': { name: 'Jana Winkler', roles: ['author'], department: DEMO_DEPARTMENTS.bau.id },
  'user-kaemmerei': { name: 'Uwe Brandt, Kämmerei', roles: ['author', 'cosigner'], department: DEMO_DEPARTMENTS.finanzen.id },
  'user-ordnungsamt': { name: 'Katrin Scholz, Ordnungsamt', roles: ['author', 'cosigner'], department: DEMO_DEPARTMENTS.ordnung.id },
  'user-mayor': { name: 'Bürgermeister', roles: ['approver'] },
  'user-clerk': { name: 'Sabine Krüger, Sitzungsdienst', roles: ['clerk'] },
}

const SPECS: DraftSpec[] = [
  {
    id: 'paper-draft-bplan-47',
    type: 'Beschlussvorlage',
    name: 'Bebauungsplan Nr. 47 „Wohnen am Mühlengraben“ – Aufstellungsbeschluss',
    department: DEMO_DEPARTMENTS.bau,
    createdBy: 'user-author',
    daysAgo: 3,
    summary: 'Aufstellung eines Bebauungsplans für rund 60 Wohneinheiten auf der Brachfläche am Mühlengraben.',
    sections: {
      beschlussvorschlag:
        'Der Stadtrat beschließt die Aufstellung des Bebauungsplans Nr. 47 „Wohnen am Mühlengraben“ gemäß **§ 2 Abs. 1 BauGB** für den im Lageplan dargestellten Geltungsbereich.',
      sachverhalt:
        'Die ehemalige Gärtnereifläche am Mühlengraben (ca. 2,4 ha) liegt seit 2019 brach. Der Eigentümer hat die Entwicklung von Wohnbauflächen beantragt.\n\n### Ziele der Planung\n\n- rund 60 Wohneinheiten, davon mindestens 20 % gefördert\n- Erhalt des Baumbestands entlang des Grabens\n- Anbindung an den Radweg nach Musterdorf\n\nWeitere Informationen: [Flächennutzungsplan](https://www.musterstadt.example/fnp)',
      'finanzielle-auswirkungen':
        '| Position | Betrag |\n|---|---|\n| Planungskosten (Vorhabenträger) | 45.000 € |\n| Eigenanteil der Stadt | 0 € |',
      begruendung: 'Der Bedarf an Wohnraum in Musterstadt ist im *Wohnraumversorgungskonzept 2025* belegt.',
    },
    consultations: [
      [ORG_IDS.ortschaftsratMusterdorf, 'Anhörung'],
      [ORG_IDS.bauausschuss, 'Vorberatung'],
      [ORG_IDS.stadtrat, 'Entscheidung'],
    ],
    steps: [],
  },
  {
    id: 'paper-draft-turnhalle',
    type: 'Beschlussvorlage',
    name: 'Sanierung der Turnhalle der Grundschule Am Park – Vergabe der Planungsleistungen',
    department: DEMO_DEPARTMENTS.bau,
    createdBy: 'user-author-2',
    daysAgo: 20,
    summary: 'Vergabe der Objektplanung (Leistungsphasen 1–4) für die energetische Sanierung der Turnhalle.',
    sections: {
      beschlussvorschlag: 'Der Bauausschuss beschließt die Vergabe der Planungsleistungen an das wirtschaftlichste Angebot.',
      sachverhalt: 'Die Turnhalle (Baujahr 1974) hat einen hohen Energieverbrauch. Das Dach ist undicht.',
      'finanzielle-auswirkungen': 'Haushaltsstelle 2.1.1.01 – Planungskosten **86.000 €**, im Haushalt 2026 veranschlagt.',
      begruendung: 'Fördermittel aus dem Programm „Sanierung kommunaler Sportstätten“ sind in Aussicht gestellt.',
    },
    consultations: [[ORG_IDS.bauausschuss, 'Entscheidung']],
    steps: [
      [2, 'user-author-2', 'request-cosigning', { departments: [DEMO_DEPARTMENTS.finanzen.id, DEMO_DEPARTMENTS.ordnung.id] }],
      [4, 'user-ordnungsamt', 'cosign', { department: DEMO_DEPARTMENTS.ordnung.id }],
    ],
  },
  {
    id: 'paper-draft-hlf',
    type: 'Beschlussvorlage',
    name: 'Beschaffung eines Hilfeleistungslöschfahrzeugs HLF 20 für die Ortsfeuerwehr Musterdorf',
    department: DEMO_DEPARTMENTS.ordnung,
    createdBy: 'user-ordnungsamt',
    daysAgo: 12,
    summary: 'Ersatzbeschaffung für das 31 Jahre alte Löschgruppenfahrzeug der Ortsfeuerwehr Musterdorf.',
    sections: {
      beschlussvorschlag: 'Der Stadtrat beschließt die Beschaffung eines HLF 20 im Rahmen einer europaweiten Ausschreibung.',
      sachverhalt: 'Das vorhandene LF 8/6 ist nicht mehr verkehrssicher zu halten. Der Brandschutzbedarfsplan sieht den Ersatz 2026 vor.',
      'finanzielle-auswirkungen': 'Gesamtkosten rund **520.000 €**; Zuwendung des Landes 30 %.',
      begruendung: 'Sicherstellung des Brandschutzes nach dem Brandschutzgesetz des Landes.',
    },
    consultations: [
      [ORG_IDS.ordnungsausschuss, 'Vorberatung'],
      [ORG_IDS.hauptausschuss, 'Vorberatung'],
      [ORG_IDS.stadtrat, 'Entscheidung'],
    ],
    steps: [
      [1, 'user-ordnungsamt', 'request-cosigning', { departments: [DEMO_DEPARTMENTS.finanzen.id] }],
      [3, 'user-kaemmerei', 'cosign', { department: DEMO_DEPARTMENTS.finanzen.id }],
    ],
  },
  {
    id: 'paper-draft-quartalsbericht',
    type: 'Informationsvorlage',
    name: 'Bericht zur Haushaltsdurchführung im 3. Quartal',
    department: DEMO_DEPARTMENTS.finanzen,
    createdBy: 'user-kaemmerei',
    daysAgo: 9,
    summary: 'Stand der Erträge und Aufwendungen zum 30. September.',
    sections: {
      sachverhalt: 'Die Gewerbesteuer liegt **4,2 %** über dem Planansatz. Die Personalaufwendungen liegen im Plan.',
      'finanzielle-auswirkungen': 'Keine.',
    },
    consultations: [
      [ORG_IDS.finanzausschuss, 'Kenntnisnahme'],
      [ORG_IDS.stadtrat, 'Kenntnisnahme'],
    ],
    steps: [
      [1, 'user-kaemmerei', 'request-approval'],
      [2, 'user-mayor', 'return-to-draft', { comment: 'Bitte die Entwicklung der Kreisumlage ergänzen.' }],
    ],
  },
  {
    id: 'paper-draft-parkgebuehren',
    type: 'Beschlussvorlage',
    name: 'Änderung der Parkgebührenordnung',
    department: DEMO_DEPARTMENTS.ordnung,
    createdBy: 'user-ordnungsamt',
    daysAgo: 30,
    summary: 'Anpassung der Parkgebühren in der Innenstadt.',
    sections: { beschlussvorschlag: 'Der Stadtrat beschließt die 3. Änderung der Parkgebührenordnung.', sachverhalt: 'Die Gebühren wurden seit 2012 nicht angepasst.' },
    consultations: [[ORG_IDS.stadtrat, 'Entscheidung']],
    steps: [[5, 'user-ordnungsamt', 'withdraw', { comment: 'Wird mit dem Parkraumkonzept 2027 neu vorgelegt.' }]],
  },
]

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * Writes the in-flight papers; returns how many. None of them is public yet, so with the leak-test
 * marker (RATSTISCH_DEMO_MARKER) every name, summary and section text carries it.
 */
export async function seedDemoDrafts(
  town: DemoTown,
  create: (doc: PaperDoc, access: AccessEntry) => Promise<unknown>,
  today = new Date().toISOString().slice(0, 10),
  marker: string | null = null,
): Promise<number> {
  const orgName = new Map(town.organizations.map((o) => [o.id, o.name]))
  for (const spec of SPECS) {
    const created = addDays(today, -spec.daysAgo)
    const def = paperTypeDef(spec.type)
    const consultations: Consultation[] = spec.consultations.map(([organizationId, role], i) => ({
      id: `${spec.id}-c${i + 1}`,
      organizationId,
      organizationName: orgName.get(organizationId) ?? organizationId,
      role,
    }))
    const events: WorkflowEvent[] = spec.steps.map(([days, actor, action, extra], i) => {
      const who = ACTORS[actor]
      const event: WorkflowEvent = {
        id: `${spec.id}-e${i + 1}`,
        at: `${addDays(created, days)}T${String(9 + i).padStart(2, '0')}:15:00.000Z`,
        actor,
        actorName: who.name,
        roles: who.roles,
        action,
        ...extra,
      }
      if (action === 'request-cosigning') event.dueDate = addDays(created, days + 7)
      return event
    })
    const doc: PaperDoc = {
      type: 'paper',
      id: spec.id,
      reference: '',
      name: marker ? markedTitle(spec.name, marker) : spec.name,
      paperType: spec.type,
      date: created,
      public: false,
      departmentId: spec.department.id,
      department: spec.department.name,
      summary: marker ? markedSentence(spec.summary, marker) : spec.summary,
      workflowId: 'default',
      createdBy: spec.createdBy,
      createdAt: `${created}T08:00:00.000Z`,
      sections: (def?.sections ?? []).map((s) => {
        const text = spec.sections[s.key] ?? ''
        return { key: s.key, title: s.title, text: marker ? markedText(text, marker) : text }
      }),
      attachments: [],
      consultations,
      sharedWith: [],
      events,
    }
    const access = paperAccess(doc, derivePaperWorkflow(doc))
    if (marker && access.readers.includes('public')) throw new Error(`demo: draft ${spec.id} would be public`)
    await create(doc, access)
  }
  return SPECS.length
}
