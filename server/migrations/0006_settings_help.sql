-- Per-person settings and the help button (issue 5). Only adds, so an existing database
-- upgrades in place. Same conventions as 0001: instants are unix seconds.

-- How a person likes Linli to look and sound. Keyed by the principal, never by the elder
-- acted for: a daughter's text size is hers, not her mother's. No row means "never saved":
-- the device's default applies. Enum values are spelled as serde spells them in `api`.
CREATE TABLE settings (
    person_id       INTEGER PRIMARY KEY REFERENCES people(id),
    text_size       TEXT NOT NULL CHECK (text_size IN ('standard', 'large', 'largest')),
    high_contrast   INTEGER NOT NULL CHECK (high_contrast IN (0, 1)),
    voice           INTEGER NOT NULL CHECK (voice IN (0, 1)),
    voice_speed     TEXT NOT NULL CHECK (voice_speed IN ('slow', 'normal', 'fast')),
    lang            TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    updated_at      INTEGER NOT NULL
);

-- An elder asking for help: where they were (a kiosk's configured place, or their phone) and
-- on which screen. The community is the elder's when they asked, so staff triage stays with
-- the community that was told. Staff move it open → acknowledged → closed, or open → closed.
CREATE TABLE help_requests (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    elder_id        INTEGER NOT NULL REFERENCES people(id),
    requested_by    INTEGER NOT NULL REFERENCES people(id),
    place           TEXT NOT NULL CHECK (place IN ('kiosk', 'phone')),
    kiosk_location  TEXT CHECK ((place = 'kiosk') = (kiosk_location IS NOT NULL)),
    screen          TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    -- The staff member who took it on (acknowledged it, or closed it straight from open).
    handled_by      INTEGER REFERENCES people(id),
    -- The staff member who last moved it on.
    updated_by      INTEGER REFERENCES people(id)
);
CREATE INDEX help_requests_elder ON help_requests(elder_id, created_at);
CREATE INDEX help_requests_community ON help_requests(community_id, status, created_at);

-- Who was told of each request, fixed when it was made: a family link revoked later does not
-- rewrite who knew.
CREATE TABLE help_notified (
    help_request_id INTEGER NOT NULL REFERENCES help_requests(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (help_request_id, person_id)
);
