-- Family accounts, consented links and "who acted for me" (issue 6). Only adds, so an existing
-- database upgrades in place. Same conventions as 0001: instants are unix seconds.

-- When each person last signed in, and the sign-in before that. An elder's spoken summary at
-- sign-in is "what others did for you since last time", and last time is the sign-in before
-- this one (`previous_sign_in_at`), kept so every request of the session counts from the same
-- moment.
ALTER TABLE people ADD COLUMN last_sign_in_at INTEGER;
ALTER TABLE people ADD COLUMN previous_sign_in_at INTEGER;

-- Wrong link codes a family account has entered in a row, and the lock they earn. Kept apart
-- from `failed_attempts` (the password's), so guessing codes never locks anyone out of signing
-- in, and a forgotten password never stops a code from working.
ALTER TABLE people ADD COLUMN link_code_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN link_code_locked_until INTEGER;

-- One row per elder and family member: linking again updates it (new permissions, a new
-- twelve months, active again) rather than adding another. Who made it: NULL for a link made
-- with the elder's code (the elder consented), a staff member's id for one made at the centre.
ALTER TABLE family_links ADD COLUMN made_by_staff INTEGER REFERENCES people(id);
-- What the family member calls the elder ("妈妈"), shown to them only in their picker.
ALTER TABLE family_links ADD COLUMN elder_nickname TEXT;
ALTER TABLE family_links ADD COLUMN revoked_by INTEGER REFERENCES people(id);
CREATE INDEX family_links_elder ON family_links(elder_id, family_id);
CREATE INDEX family_links_family ON family_links(family_id);

-- One-time link codes. Only a SHA-256 of the six digits is kept; a code works once, for ten
-- minutes, and only until the elder makes a newer one (`superseded_at`). A code's permissions
-- are the elder's choice when they made it; seeing is needed to book or cancel.
CREATE TABLE link_codes (
    id              INTEGER PRIMARY KEY,
    elder_id        INTEGER NOT NULL REFERENCES people(id),
    code_hash       TEXT NOT NULL,
    can_view        INTEGER NOT NULL CHECK (can_view IN (0, 1)),
    can_book        INTEGER NOT NULL CHECK (can_book IN (0, 1)),
    can_cancel      INTEGER NOT NULL CHECK (can_cancel IN (0, 1)),
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER,
    used_by         INTEGER REFERENCES people(id),
    superseded_at   INTEGER,
    CHECK (can_view = 1 OR (can_book = 0 AND can_cancel = 0))
);
CREATE INDEX link_codes_hash ON link_codes(code_hash, expires_at);
CREATE INDEX link_codes_elder ON link_codes(elder_id);

-- Every change to a link, by whom: the consent record, and the source of the link entries in
-- the elder's "who acted for me" list. Permissions are those after the change.
CREATE TABLE link_events (
    id          INTEGER PRIMARY KEY,
    link_id     INTEGER NOT NULL REFERENCES family_links(id),
    elder_id    INTEGER NOT NULL REFERENCES people(id),
    family_id   INTEGER NOT NULL REFERENCES people(id),
    event       TEXT NOT NULL CHECK (event IN ('linked', 'renewed', 'permissions_changed', 'revoked')),
    by          INTEGER NOT NULL REFERENCES people(id),
    at          INTEGER NOT NULL,
    can_view    INTEGER NOT NULL CHECK (can_view IN (0, 1)),
    can_book    INTEGER NOT NULL CHECK (can_book IN (0, 1)),
    can_cancel  INTEGER NOT NULL CHECK (can_cancel IN (0, 1))
);
CREATE INDEX link_events_elder ON link_events(elder_id, at);
