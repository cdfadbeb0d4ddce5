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
  /* 6: portal search — the text of public PDFs per file, extracted once in the background */ `
  CREATE TABLE pdf_texts (
    sha256 TEXT PRIMARY KEY,
    -- 'ok': pages holds the page texts; 'failed': unreadable, skipped (never retried automatically)
    status TEXT NOT NULL,
    -- JSON array of page texts, page 1 first; NULL when failed
    pages TEXT,
    page_count INTEGER NOT NULL DEFAULT 0,
    extracted_at TEXT NOT NULL,
    ms INTEGER NOT NULL DEFAULT 0
  );
  `,
  /* 7: OParl import — runs with their list checkpoints and reports, the staged objects of each system, downloaded files, and where imported objects came from */ `
  CREATE TABLE import_runs (
    id TEXT PRIMARY KEY,
    system_url TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    -- running | done | failed | cancelled
    status TEXT NOT NULL,
    -- crawl | files | apply | done
    phase TEXT NOT NULL,
    options TEXT NOT NULL,
    error TEXT,
    -- JSON: the last progress snapshot (counts, rates) and, when done, the report summary
    stats TEXT NOT NULL DEFAULT '{}',
    report_file TEXT
  );
  CREATE INDEX import_runs_system ON import_runs(system_url, started_at);
  -- where each list of a run stands (checkpoint): the next page to fetch, or done
  CREATE TABLE import_lists (
    run_id TEXT NOT NULL REFERENCES import_runs(id),
    list_key TEXT NOT NULL,
    next_url TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    since TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    objects INTEGER NOT NULL DEFAULT 0,
    total_pages INTEGER,
    total_elements INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, list_key)
  );
  -- modified_since of the next run per list: the start of the last run that read the list to its end
  CREATE TABLE import_baselines (
    system_url TEXT NOT NULL,
    list_key TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (system_url, list_key)
  );
  -- the normalised objects of a system (JSON), by URL; embedded objects are objects of their own
  CREATE TABLE import_objects (
    system_url TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    modified TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    run_id TEXT NOT NULL,
    PRIMARY KEY (system_url, url)
  );
  CREATE INDEX import_objects_kind ON import_objects(system_url, kind);
  -- file contents downloaded into the blob store, by the OParl File URL
  CREATE TABLE import_files (
    system_url TEXT NOT NULL,
    url TEXT NOT NULL,
    -- ok | missing (404/410) | failed
    status TEXT NOT NULL,
    sha256 TEXT,
    size INTEGER,
    mime TEXT,
    source_modified TEXT,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (system_url, url)
  );
  -- where an imported Ratstisch object came from (stable mapping source URL -> local id) and a hash
  -- of what was written last (a re-run writes only what changed)
  CREATE TABLE import_sources (
    system_url TEXT NOT NULL,
    url TEXT NOT NULL,
    -- term | organization | department | person | membership | location | meeting | paper
    kind TEXT NOT NULL,
    local_id TEXT NOT NULL,
    document_id TEXT,
    confidential_document_id TEXT,
    hash TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (system_url, url)
  );
  CREATE INDEX import_sources_local ON import_sources(kind, local_id);
  -- what a run skipped, repaired or failed on, one row per (code, object)
  CREATE TABLE import_report (
    run_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT NOT NULL,
    url TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, outcome, code, url)
  );
  `,
  /* 8: allowances (Sitzungsgeld) — statute versions, the finance clerk's assignments, absences and members' bank data, claims with their proofs, calculation runs, payouts and the paid ledger. Relay tables only: never in documents, the read model or the public model */ `
  CREATE TABLE allowance_statutes (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    statute_id TEXT NOT NULL,
    title TEXT NOT NULL,
    -- the statute file as uploaded (validated), JSON
    json TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT
  );
  -- the finance clerk's additions and removals of allowance types on top of the statute's defaults
  CREATE TABLE allowance_assignments (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    type_id TEXT NOT NULL,
    -- add | remove
    action TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    organization_id TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT
  );
  CREATE INDEX allowance_assignments_person ON allowance_assignments(person_id);
  -- days a member did not exercise the office (lapse of the monthly rate, handover to the deputy)
  CREATE TABLE allowance_absences (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT
  );
  CREATE INDEX allowance_absences_person ON allowance_absences(person_id);
  CREATE TABLE allowance_payees (
    person_id TEXT PRIMARY KEY REFERENCES persons(id),
    account_holder TEXT,
    iban TEXT NOT NULL,
    bic TEXT,
    street TEXT,
    postal_code TEXT,
    town TEXT,
    country TEXT,
    tax_id TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT
  );
  CREATE TABLE allowance_claims (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    -- travel | lostEarnings | care
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    meeting_id TEXT,
    -- JSON: the kind's fields (mode, km, receiptCents, inTown; basis, minutes, hourlyRateCents; minutes, receiptCents)
    data TEXT NOT NULL,
    note TEXT,
    -- pending | approved | rejected | withdrawn
    status TEXT NOT NULL,
    reason TEXT,
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT
  );
  CREATE INDEX allowance_claims_person ON allowance_claims(person_id, date);
  CREATE INDEX allowance_claims_status ON allowance_claims(status, date);
  -- proofs and receipts: bytes in the blob store, never referenced by a document (so never served by /api/files)
  CREATE TABLE allowance_claim_files (
    claim_id TEXT NOT NULL REFERENCES allowance_claims(id),
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (claim_id, sha256)
  );
  CREATE TABLE allowance_runs (
    id TEXT PRIMARY KEY,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    statute_version INTEGER NOT NULL,
    input_hash TEXT NOT NULL,
    -- the canonical input and the engine's run (JSON): reproducible, and the diff of a re-run
    input TEXT NOT NULL,
    result TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    member_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    approved_at TEXT,
    approved_by TEXT
  );
  CREATE INDEX allowance_runs_period ON allowance_runs(period_from, period_to, created_at);
  CREATE TABLE allowance_payouts (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    execution_date TEXT NOT NULL,
    due_by TEXT,
    -- JSON array of the approved runs it took
    run_ids TEXT NOT NULL,
    -- the engine's payout (JSON): settlements, transfers, blocked, reclaims
    payout TEXT NOT NULL,
    xml TEXT NOT NULL,
    csv BLOB NOT NULL,
    csv_encoding TEXT NOT NULL,
    transfers INTEGER NOT NULL,
    control_sum_cents INTEGER NOT NULL,
    -- created | cancelled (the bank refused the file: its ledger entries are removed)
    status TEXT NOT NULL,
    cancelled_at TEXT,
    cancelled_by TEXT
  );
  -- what was paid per line item: a payout built again pays only the difference
  CREATE TABLE allowance_ledger (
    payout_id TEXT NOT NULL REFERENCES allowance_payouts(id),
    item_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    month TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    end_to_end_id TEXT NOT NULL,
    paid_on TEXT NOT NULL,
    PRIMARY KEY (payout_id, item_id)
  );
  CREATE INDEX allowance_ledger_person ON allowance_ledger(person_id, paid_on);
  CREATE INDEX allowance_ledger_item ON allowance_ledger(item_id);
  `,
]
