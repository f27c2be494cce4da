-- The event database as the first version of Lanyard made it (schema 1),
-- frozen here so the migration test starts from what an old kiosk left.
PRAGMA application_id = 1280203076;
CREATE TABLE guests (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
  code TEXT NOT NULL DEFAULT '',
  first TEXT NOT NULL DEFAULT '',
  last TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  role INTEGER NOT NULL DEFAULT 0,
  walk_in INTEGER NOT NULL DEFAULT 0,
  consent INTEGER NOT NULL DEFAULT 0,
  kiosk TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX guests_code ON guests (code) WHERE code <> '';
CREATE INDEX guests_email ON guests (lower(email)) WHERE email <> '';
CREATE TABLE guest_aliases (
  kind TEXT NOT NULL CHECK (kind IN ('id', 'code', 'email')),
  value TEXT NOT NULL,
  guest_id TEXT NOT NULL,
  PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX guest_aliases_guest ON guest_aliases (guest_id);
CREATE TABLE programs (
  code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  school TEXT NOT NULL DEFAULT '',
  pathway TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  grades TEXT NOT NULL DEFAULT '',
  certifications TEXT NOT NULL DEFAULT '',
  partner_needs TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  image TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  visible INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE TABLE attendance (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
  guest_id TEXT NOT NULL REFERENCES guests (id),
  kiosk TEXT NOT NULL DEFAULT '',
  checked_in_at TEXT NOT NULL,
  undone_at TEXT,
  undone_by TEXT NOT NULL DEFAULT '',
  badge_printed INTEGER NOT NULL DEFAULT 0,
  duplicate_of TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX attendance_active ON attendance (guest_id)
  WHERE undone_at IS NULL AND duplicate_of IS NULL;
CREATE TABLE interests (
  guest_id TEXT NOT NULL REFERENCES guests (id),
  kind TEXT NOT NULL CHECK (kind IN ('program', 'partnership')),
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  kiosk TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (guest_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX interests_value ON interests (kind, value);
CREATE TABLE audit (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
  at TEXT NOT NULL,
  kiosk TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  guest_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_guest ON audit (guest_id);
CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
PRAGMA user_version = 1;
