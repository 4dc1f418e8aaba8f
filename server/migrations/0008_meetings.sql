-- Community council meetings (议事会, issue 7). Only adds, so an existing database upgrades in
-- place. Same conventions as 0001: instants are unix seconds; enum values are spelled as serde
-- spells them in `api`.

-- Where an elder lives inside the community, so a building's or a compound's council invites
-- only its own residents. NULL: not known; such an elder is invited to community meetings only.
ALTER TABLE people ADD COLUMN compound TEXT;
ALTER TABLE people ADD COLUMN building TEXT;

-- A meeting and its live state. `version` grows with every change anyone in the room should
-- see (presence, hands, votes, the current item), so the live stream sends only news.
CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    level           TEXT NOT NULL CHECK (level IN ('building', 'compound', 'community')),
    compound        TEXT CHECK ((level = 'community') = (compound IS NULL)),
    building        TEXT CHECK ((level = 'building') = (building IS NOT NULL)),
    topic_zh        TEXT NOT NULL,
    topic_en        TEXT NOT NULL,
    place_zh        TEXT NOT NULL,
    place_en        TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL CHECK (ends_at > starts_at),
    status          TEXT NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
    channel_type    TEXT NOT NULL CHECK (channel_type IN ('builtin', 'jitsi', 'livekit')),
    -- An external room's URL; NULL for the built-in room.
    external_url    TEXT CHECK ((channel_type = 'builtin') = (external_url IS NULL)),
    current_item_id INTEGER,
    caption_zh      TEXT,
    caption_en      TEXT,
    minutes_zh      TEXT,
    minutes_en      TEXT,
    minutes_at      INTEGER,
    version         INTEGER NOT NULL DEFAULT 0,
    created_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX meetings_community ON meetings(community_id, starts_at);

CREATE TABLE agenda_items (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    position        INTEGER NOT NULL,
    title_zh        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    concern_id      INTEGER,
    UNIQUE (meeting_id, position)
);

-- An elder's answer to the invitation; answering again replaces it.
CREATE TABLE meeting_replies (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    elder_id        INTEGER NOT NULL REFERENCES people(id),
    reply           TEXT NOT NULL CHECK (reply IN ('online', 'in_person', 'cannot')),
    replied_by      INTEGER NOT NULL REFERENCES people(id),
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, elder_id)
);

-- Who is in the meeting: elders (online, or checked in by staff in the room) and the host.
-- `left_at` is set on leaving and cleared on coming back.
CREATE TABLE meeting_presence (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    mode            TEXT NOT NULL CHECK (mode IN ('online', 'in_person')),
    joined_at       INTEGER NOT NULL,
    left_at         INTEGER,
    PRIMARY KEY (meeting_id, person_id)
);

-- A ticket for the live stream and the signalling socket, which browsers open without
-- headers. Only a SHA-256 is kept; it works for one meeting and one person until the meeting's end.
CREATE TABLE meeting_tickets (
    token_hash      TEXT PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    expires_at      INTEGER NOT NULL
);

-- Raised hands: the queue is the raised ones neither lowered nor taken, first raised first.
CREATE TABLE meeting_hands (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    raised_at       INTEGER NOT NULL,
    lowered_at      INTEGER,
    taken_at        INTEGER,
    taken_by        INTEGER REFERENCES people(id)
);
-- One hand up per person per meeting at a time.
CREATE UNIQUE INDEX meeting_hands_up ON meeting_hands(meeting_id, person_id)
    WHERE lowered_at IS NULL AND taken_at IS NULL;

CREATE TABLE motions (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    agenda_item_id  INTEGER REFERENCES agenda_items(id),
    text_zh         TEXT NOT NULL,
    text_en         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at       INTEGER NOT NULL,
    closed_at       INTEGER,
    -- Elders present when the vote closed.
    present_at_close INTEGER,
    follow_up       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (follow_up IN ('pending', 'scheduled', 'in_progress', 'done', 'none')),
    follow_up_zh    TEXT NOT NULL DEFAULT '',
    follow_up_en    TEXT NOT NULL DEFAULT '',
    follow_up_at    INTEGER,
    opened_by       INTEGER NOT NULL REFERENCES people(id)
);
-- One vote open per meeting at a time.
CREATE UNIQUE INDEX motions_one_open ON motions(meeting_id) WHERE status = 'open';

-- One vote per elder per motion, enforced by the key; changing it replaces the choice.
CREATE TABLE votes (
    motion_id       INTEGER NOT NULL REFERENCES motions(id),
    elder_id        INTEGER NOT NULL REFERENCES people(id),
    choice          TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (motion_id, elder_id)
);

-- Residents' concerns before a meeting, and what staff did with them.
CREATE TABLE concerns (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    elder_id        INTEGER NOT NULL REFERENCES people(id),
    raised_by       INTEGER NOT NULL REFERENCES people(id),
    topic           TEXT NOT NULL
                    CHECK (topic IN ('safety', 'cleanliness', 'noise', 'repairs', 'services', 'other')),
    text            TEXT,
    meeting_id      INTEGER REFERENCES meetings(id),
    status          TEXT NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received', 'on_agenda', 'handled', 'declined')),
    note            TEXT,
    agenda_item_id  INTEGER REFERENCES agenda_items(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    handled_by      INTEGER REFERENCES people(id)
);
CREATE INDEX concerns_elder ON concerns(elder_id, created_at);
CREATE INDEX concerns_community ON concerns(community_id, status, created_at);
