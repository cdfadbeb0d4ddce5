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
]
