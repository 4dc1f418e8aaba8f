-- Provider cards, dietary tags and needs, meal delivery addresses, attendance, ratings and
-- complaints. Same conventions as 0001: instants are unix seconds, money fen.
--
-- Everything here is added (ADD COLUMN, new tables): no table is rebuilt, so existing rows keep
-- their ids and existing databases upgrade in place. SQLite checks a CHECK on an added column
-- against the rows already there (https://www.sqlite.org/lang_altertable.html#altertabaddcol).

-- Provider cards: who runs each service, who supervises it (the community's residents'
-- committee, 居委会), who pays, and whether the government buys it (政府购买服务).
ALTER TABLE communities ADD COLUMN committee_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE communities ADD COLUMN committee_en TEXT NOT NULL DEFAULT '';

ALTER TABLE canteens ADD COLUMN operator_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE canteens ADD COLUMN operator_en TEXT NOT NULL DEFAULT '';
ALTER TABLE canteens ADD COLUMN funding_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE canteens ADD COLUMN funding_en TEXT NOT NULL DEFAULT '';
ALTER TABLE canteens ADD COLUMN government_purchased INTEGER NOT NULL DEFAULT 0
    CHECK (government_purchased IN (0, 1));

ALTER TABLE daycare_centres ADD COLUMN operator_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE daycare_centres ADD COLUMN operator_en TEXT NOT NULL DEFAULT '';
ALTER TABLE daycare_centres ADD COLUMN funding_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE daycare_centres ADD COLUMN funding_en TEXT NOT NULL DEFAULT '';
ALTER TABLE daycare_centres ADD COLUMN government_purchased INTEGER NOT NULL DEFAULT 0
    CHECK (government_purchased IN (0, 1));

-- A visit provider is its own organisation (its name); its funding is already recorded.
ALTER TABLE visit_providers ADD COLUMN government_purchased INTEGER NOT NULL DEFAULT 0
    CHECK (government_purchased IN (0, 1));

-- Until an operator is recorded, a canteen or centre answers for itself.
UPDATE canteens SET operator_zh = name_zh, operator_en = name_en WHERE operator_zh = '';
UPDATE daycare_centres SET operator_zh = name_zh, operator_en = name_en WHERE operator_zh = '';

-- What each dish suits (a dish is one position on one meal slot's menu).
CREATE TABLE dish_tags (
    slot_id     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    tag         TEXT NOT NULL CHECK (tag IN ('soft', 'low_salt', 'low_sugar', 'low_fat', 'vegetarian', 'halal')),
    PRIMARY KEY (slot_id, position, tag),
    FOREIGN KEY (slot_id, position) REFERENCES dishes(slot_id, position)
);

-- An elder's standing dietary needs, from the care assessment.
CREATE TABLE diet_needs (
    person_id   INTEGER NOT NULL REFERENCES people(id),
    tag         TEXT NOT NULL CHECK (tag IN ('soft', 'low_salt', 'low_sugar', 'low_fat', 'vegetarian', 'halal')),
    PRIMARY KEY (person_id, tag)
);

-- Where a delivered meal goes: given with the order, or the address on file when it was made
-- (copied, so a later move does not redirect a past delivery). Only ever on a meal delivery.
ALTER TABLE bookings ADD COLUMN delivery_address TEXT
    CHECK (delivery_address IS NULL OR (kind = 'meal' AND fulfilment = 'delivery'));

-- Attendance at a meal or a day-care session, recorded by staff (a visit's lifecycle has its
-- own stage columns): who recorded the booking's last status change on the day, and when.
ALTER TABLE bookings ADD COLUMN attendance_at INTEGER
    CHECK (attendance_at IS NULL OR kind IN ('meal', 'daycare'));
ALTER TABLE bookings ADD COLUMN attendance_by INTEGER REFERENCES people(id)
    CHECK (attendance_by IS NULL OR kind IN ('meal', 'daycare'));

-- "Already booked" covers an elder who has already arrived, too: rebuilt so the unique indexes
-- count `arrived` as active, like the application's checks.
DROP INDEX bookings_one_active_meal;
DROP INDEX bookings_one_active_daycare;
DROP INDEX bookings_one_active_visit;
CREATE UNIQUE INDEX bookings_one_active_meal ON bookings(elder_id, meal_slot_id)
    WHERE status IN ('pending', 'booked', 'arrived');
CREATE UNIQUE INDEX bookings_one_active_daycare ON bookings(elder_id, daycare_session_id)
    WHERE status IN ('pending', 'booked', 'arrived');
CREATE UNIQUE INDEX bookings_one_active_visit ON bookings(elder_id, visit_window_id)
    WHERE status IN ('pending', 'booked', 'arrived');

-- One rating per booking: the primary key is what makes a second rating impossible, whatever
-- the interleaving of requests.
CREATE TABLE ratings (
    booking_id  INTEGER PRIMARY KEY REFERENCES bookings(id),
    face        TEXT NOT NULL CHECK (face IN ('good', 'so_so', 'bad')),
    comment     TEXT,
    rated_by    INTEGER NOT NULL REFERENCES people(id),
    rated_at    INTEGER NOT NULL
);

-- Complaints ("report a problem"), about one booking or none. Staff move them
-- received → in_progress → resolved and may reply in words the elder reads.
CREATE TABLE complaints (
    id                  INTEGER PRIMARY KEY,
    elder_id            INTEGER NOT NULL REFERENCES people(id),
    made_by             INTEGER NOT NULL REFERENCES people(id),
    booking_id          INTEGER REFERENCES bookings(id),
    topic               TEXT NOT NULL CHECK (topic IN ('late', 'quality', 'attitude', 'price', 'safety', 'other')),
    text                TEXT,
    status              TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'resolved')),
    reply               TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    -- The staff member who last moved it on.
    updated_by          INTEGER REFERENCES people(id)
);
CREATE INDEX complaints_elder ON complaints(elder_id, created_at);
