package library

// The library's schema, in one place. Each entry of migrations takes the
// database from schema version i to i+1 (PRAGMA user_version), and runs with
// the other migrations of one Open in a single transaction: a library
// is either fully at the new version or untouched. Migrations are only ever
// appended; an entry that shipped is never edited, since libraries in the
// wild were built by it.
//
// Conventions:
//   - key is a paper key (model.Paper.Keys): the arXiv id, or the title id.
//     User data for one paper lives under one key, chosen by writeKey.
//   - times are INTEGER Unix nanoseconds, UTC, so they round-trip exactly.
//   - every table of user data references the snapshot in papers, so a
//     bookmark can never exist without the paper it points at; pruneSnapshots
//     removes a snapshot once nothing refers to it.
var migrations = []string{
	// Version 1.
	`
CREATE TABLE meta (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) STRICT;
-- 'version' counts committed write transactions, from any process: it is
-- Marks.Version, and Changed compares it with the last snapshot's.
INSERT INTO meta (name, value) VALUES ('version', 0);

-- The last known metadata of every paper that has user data, so bookmarks
-- still show, search and export when no loaded corpus holds the paper.
CREATE TABLE papers (
	key        TEXT PRIMARY KEY,
	paper_id   TEXT NOT NULL,  -- model.Paper.ID at the last write: counts a paper once
	json       TEXT NOT NULL,  -- model.Paper as JSON
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE bookmarks (
	key      TEXT PRIMARY KEY REFERENCES papers (key) ON DELETE CASCADE,
	added_at INTEGER NOT NULL
) STRICT;

CREATE TABLE tags (
	key      TEXT NOT NULL REFERENCES papers (key) ON DELETE CASCADE,
	tag      TEXT NOT NULL CHECK (tag <> ''),  -- model.NormalizeTag form
	added_at INTEGER NOT NULL,
	PRIMARY KEY (key, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags (tag);

CREATE TABLE notes (
	key        TEXT PRIMARY KEY REFERENCES papers (key) ON DELETE CASCADE,
	note       TEXT NOT NULL CHECK (note <> ''),  -- model.CleanText form
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE reads (
	key     TEXT PRIMARY KEY REFERENCES papers (key) ON DELETE CASCADE,
	read_at INTEGER NOT NULL
) STRICT;

-- One row per RecordSeen call; load numbers only grow.
CREATE TABLE loads (
	load   INTEGER PRIMARY KEY,
	at     INTEGER NOT NULL,
	papers INTEGER NOT NULL,  -- papers offered
	added  INTEGER NOT NULL   -- papers never seen before
) STRICT;

-- Every paper key ever seen, with the load that first saw it. alias is 1 for
-- a title id recorded beside an arXiv id: it is kept so the paper is known
-- again if a title-only source lists it, but Marks reports the primary key
-- only. No foreign key to loads: this table takes a million rows at a time.
CREATE TABLE seen (
	key   TEXT PRIMARY KEY,
	load  INTEGER NOT NULL,
	alias INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

-- Topic tags the user chose not to see (model.NormalizeTag form).
CREATE TABLE hidden_topics (
	name      TEXT PRIMARY KEY,
	hidden_at INTEGER NOT NULL
) STRICT;
`,
	// Version 2: saved searches (papers watch).
	`
CREATE TABLE saved_searches (
	name       TEXT PRIMARY KEY CHECK (name <> ''),  -- model.NormalizeTag form
	query      TEXT NOT NULL CHECK (query <> ''),    -- as the user wrote it
	created_at INTEGER NOT NULL
) STRICT;
`,
	// Version 3: the corpus files whose papers are all in seen, so that
	// opening one again from the store need not read a million keys.
	`
CREATE TABLE seen_corpora (
	path    TEXT PRIMARY KEY,  -- the corpus file's absolute path
	version TEXT NOT NULL,     -- its version recorded (size, times, fingerprint)
	load    INTEGER NOT NULL   -- the load that recorded it
) STRICT;
`,
}

// schemaVersion is the version this build writes and understands.
var schemaVersion = len(migrations)
