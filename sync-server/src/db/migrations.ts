/**
 * Schema migrations of the relay database. Append only: never edit a migration that has shipped.
 * The read model tables (meetings, blob_refs) are projections of the Automerge documents.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: identity, access registry, blobs, audit */ `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    person_id TEXT,
    department TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    organization_type TEXT NOT NULL,
    classification TEXT NOT NULL
  );
  CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    given_name TEXT,
    family_name TEXT,
    form_of_address TEXT,
    title TEXT,
    publish_consent INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    role TEXT NOT NULL,
    voting_right INTEGER NOT NULL DEFAULT 1,
    start_date TEXT,
    end_date TEXT,
    on_behalf_of TEXT
  );
  CREATE INDEX memberships_person ON memberships(person_id);
  CREATE INDEX memberships_organization ON memberships(organization_id);
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    meeting_id TEXT,
    owner_id TEXT,
    readers TEXT NOT NULL,
    writers TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX documents_meeting ON documents(meeting_id);
  CREATE UNIQUE INDEX documents_personal ON documents(type, meeting_id, owner_id) WHERE owner_id IS NOT NULL;
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    name TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT,
    state TEXT NOT NULL,
    location TEXT,
    public_doc_id TEXT,
    confidential_doc_id TEXT
  );
  CREATE INDEX meetings_organization_start ON meetings(organization_id, start);
  CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mime TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT
  );
  CREATE TABLE blob_refs (
    sha256 TEXT NOT NULL,
    document_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    PRIMARY KEY (sha256, document_id)
  );
  CREATE INDEX blob_refs_document ON blob_refs(document_id);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_log_action ON audit_log(action, at);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 2: structure maintained in the app (terms, departments, body settings, portraits), papers read model, numbering */ `
  CREATE TABLE legislative_terms (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL
  );
  CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  ALTER TABLE users ADD COLUMN department_id TEXT REFERENCES departments(id);
  ALTER TABLE organizations ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE organizations ADD COLUMN start_date TEXT;
  ALTER TABLE organizations ADD COLUMN end_date TEXT;
  ALTER TABLE organizations ADD COLUMN updated_at TEXT;
  ALTER TABLE persons ADD COLUMN portrait_sha256 TEXT;
  ALTER TABLE persons ADD COLUMN email TEXT;
  ALTER TABLE persons ADD COLUMN updated_at TEXT;
  ALTER TABLE memberships ADD COLUMN substitute_for_person_id TEXT REFERENCES persons(id);
  ALTER TABLE memberships ADD COLUMN updated_at TEXT;
  CREATE TABLE papers (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL,
    name TEXT NOT NULL,
    paper_type TEXT NOT NULL,
    department_id TEXT NOT NULL,
    department TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    public INTEGER NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    -- JSON {departmentId: "pending" | "signed" | "returned"} of the current co-signing round
    cosigning TEXT NOT NULL DEFAULT '{}',
    cosigning_since TEXT,
    cosigning_due TEXT,
    next_organization_id TEXT,
    next_organization_name TEXT,
    next_role TEXT,
    -- a draft sent back (from co-signing or approval): when
    returned_at TEXT
  );
  CREATE INDEX papers_state ON papers(state, department_id);
  CREATE INDEX papers_next_org ON papers(next_organization_id);
  CREATE TABLE paper_numbers (
    term_id TEXT NOT NULL,
    prefix TEXT NOT NULL,
    number INTEGER NOT NULL,
    paper_id TEXT NOT NULL UNIQUE,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (term_id, prefix, number)
  );
  `,
  /* 3: meetings end to end — locations, series, release state, commands, notifications, minutes, resolutions, circulars */ `
  CREATE TABLE locations (
    id TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    room TEXT,
    street_address TEXT,
    postal_code TEXT,
    locality TEXT,
    accessibility TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE meeting_series (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    location_id TEXT REFERENCES locations(id),
    created_at TEXT NOT NULL,
    created_by TEXT
  );
  ALTER TABLE meetings ADD COLUMN location_id TEXT;
  ALTER TABLE meetings ADD COLUMN series_id TEXT;
  ALTER TABLE meetings ADD COLUMN released_at TEXT;
  ALTER TABLE meetings ADD COLUMN agenda_version INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE meetings ADD COLUMN ended_at TEXT;
  CREATE INDEX meetings_location_start ON meetings(location_id, start);
  CREATE INDEX meetings_start ON meetings(start);
  -- idempotent server-checked commands (outbox delivery may repeat)
  CREATE TABLE meeting_commands (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    at TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE TABLE push_subscriptions (
    endpoint TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_error TEXT
  );
  CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
  -- every notification sent (no content beyond the public subject), for idempotency and audit
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient_user_id TEXT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    UNIQUE (key, channel, recipient)
  );
  CREATE TABLE minutes (
    doc_id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    part TEXT NOT NULL,
    state TEXT NOT NULL,
    approved_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (meeting_id, part)
  );
  CREATE TABLE resolutions (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL UNIQUE,
    organization_id TEXT NOT NULL,
    meeting_id TEXT,
    item_id TEXT,
    item_number TEXT,
    decided_on TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    public INTEGER NOT NULL,
    paper_id TEXT,
    paper_reference TEXT,
    owner_department_id TEXT REFERENCES departments(id),
    owner_person_name TEXT,
    due_date TEXT,
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX resolutions_org ON resolutions(organization_id, decided_on);
  CREATE INDEX resolutions_due ON resolutions(status, due_date);
  CREATE TABLE resolution_reports (
    id TEXT PRIMARY KEY,
    resolution_id TEXT NOT NULL REFERENCES resolutions(id),
    at TEXT NOT NULL,
    by_user_id TEXT,
    by_name TEXT NOT NULL,
    status TEXT NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX resolution_reports_resolution ON resolution_reports(resolution_id, at);
  CREATE TABLE circulars (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    title TEXT NOT NULL,
    motion TEXT NOT NULL,
    paper_id TEXT,
    paper_reference TEXT,
    deadline TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    state TEXT NOT NULL,
    result_text TEXT,
    decided_at TEXT
  );
  CREATE TABLE circular_voters (
    circular_id TEXT NOT NULL REFERENCES circulars(id),
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    user_id TEXT,
    answer TEXT,
    answered_at TEXT,
    command_id TEXT,
    PRIMARY KEY (circular_id, person_id)
  );
  CREATE INDEX circular_voters_user ON circular_voters(user_id);
  `,
  /* 4: member app — the faction's shared notes per meeting, push preferences per user */ `
  -- one faction-notes document per (meeting, faction): the primary key makes creating it race-free
  CREATE TABLE faction_notes (
    meeting_id TEXT NOT NULL,
    faction_id TEXT NOT NULL REFERENCES organizations(id),
    document_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (meeting_id, faction_id)
  );
  -- a missing row means the type's default (on)
  CREATE TABLE push_preferences (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, type)
  );
  `,
  /* 5: the public model (portal, OParl, portal search, feeds): objects with publication times and tombstones */ `
  CREATE TABLE public_objects (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    -- the public document the object comes from, 'structure' or 'files'
    source TEXT NOT NULL,
    -- JSON; NULL for a tombstone
    data TEXT,
    hash TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX public_objects_source ON public_objects(source);
  CREATE INDEX public_objects_modified ON public_objects(kind, modified);
  `,
]
