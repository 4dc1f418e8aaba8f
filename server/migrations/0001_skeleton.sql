-- Linli reference platform, first schema.
-- Instants are unix seconds (UTC); calendar dates are 'YYYY-MM-DD' in the community's time zone;
-- money is integer fen.

CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    hotline     TEXT NOT NULL
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    kind            TEXT NOT NULL CHECK (kind IN ('elder', 'family', 'staff')),
    name            TEXT NOT NULL,
    card_number     TEXT UNIQUE,
    phone           TEXT UNIQUE,
    -- argon2 PHC string: the PIN for elders, the password for family and staff.
    secret_hash     TEXT NOT NULL,
    birth_date      TEXT,
    address         TEXT,
    lang            TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL
);

-- Standing eligibility for subsidies ('dibao', 'low_income', 'disability', 'lives_alone').
-- Age bands are derived from birth_date, never stored.
CREATE TABLE eligibilities (
    person_id   INTEGER NOT NULL REFERENCES people(id),
    category    TEXT NOT NULL,
    PRIMARY KEY (person_id, category)
);

-- What the community's subsidy pays per meal for each category; an elder gets the largest that applies.
CREATE TABLE subsidy_rules (
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    category        TEXT NOT NULL,
    amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (community_id, category)
);

CREATE TABLE family_links (
    id          INTEGER PRIMARY KEY,
    elder_id    INTEGER NOT NULL REFERENCES people(id),
    family_id   INTEGER NOT NULL REFERENCES people(id),
    relation    TEXT NOT NULL,
    can_view    INTEGER NOT NULL DEFAULT 1,
    can_book    INTEGER NOT NULL DEFAULT 1,
    can_cancel  INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE TABLE sessions (
    -- SHA-256 of the bearer token: a leaked database does not leak live sessions.
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE canteens (
    id                  INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL REFERENCES communities(id),
    name_zh             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    address_zh          TEXT NOT NULL,
    address_en          TEXT NOT NULL,
    hotline             TEXT NOT NULL,
    offers_delivery     INTEGER NOT NULL DEFAULT 0,
    delivery_fee_fen    INTEGER NOT NULL DEFAULT 0,
    -- Local 'HH:MM' times: when each meal is served, and the same-day order and cancel cutoffs.
    lunch_from          TEXT NOT NULL,
    lunch_until         TEXT NOT NULL,
    lunch_order_by      TEXT NOT NULL,
    lunch_cancel_by     TEXT NOT NULL,
    lunch_capacity      INTEGER NOT NULL,
    lunch_price_fen     INTEGER NOT NULL,
    dinner_from         TEXT NOT NULL,
    dinner_until        TEXT NOT NULL,
    dinner_order_by     TEXT NOT NULL,
    dinner_cancel_by    TEXT NOT NULL,
    dinner_capacity     INTEGER NOT NULL,
    dinner_price_fen    INTEGER NOT NULL
);

CREATE TABLE meal_slots (
    id          INTEGER PRIMARY KEY,
    canteen_id  INTEGER NOT NULL REFERENCES canteens(id),
    date        TEXT NOT NULL,
    meal        TEXT NOT NULL CHECK (meal IN ('lunch', 'dinner')),
    serve_from  INTEGER NOT NULL,
    serve_until INTEGER NOT NULL,
    order_by    INTEGER NOT NULL,
    cancel_by   INTEGER NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity >= 0),
    -- Kept in step with active bookings in the same transaction; the CHECK is the last line of
    -- defence against overbooking.
    booked      INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
    UNIQUE (canteen_id, date, meal)
);

CREATE TABLE dishes (
    slot_id     INTEGER NOT NULL REFERENCES meal_slots(id),
    position    INTEGER NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    PRIMARY KEY (slot_id, position)
);

CREATE TABLE bookings (
    id                  INTEGER PRIMARY KEY,
    elder_id            INTEGER NOT NULL REFERENCES people(id),
    booked_by           INTEGER NOT NULL REFERENCES people(id),
    kind                TEXT NOT NULL CHECK (kind IN ('meal')),
    status              TEXT NOT NULL CHECK (status IN ('pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow')),
    meal_slot_id        INTEGER REFERENCES meal_slots(id),
    fulfilment          TEXT CHECK (fulfilment IN ('dine_in', 'pickup', 'delivery')),
    -- The price as split when booked: later changes to rules never change a booking.
    full_price_fen      INTEGER NOT NULL,
    subsidy_fen         INTEGER NOT NULL,
    delivery_fee_fen    INTEGER NOT NULL,
    you_pay_fen         INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    cancelled_at        INTEGER,
    cancelled_by        INTEGER REFERENCES people(id)
);
CREATE INDEX bookings_elder ON bookings(elder_id);
-- One active booking per elder per meal.
CREATE UNIQUE INDEX bookings_one_active_meal ON bookings(elder_id, meal_slot_id)
    WHERE status IN ('pending', 'booked');

-- Stored responses to changes, written in the same transaction as the change.
CREATE TABLE idempotency_keys (
    principal_id    INTEGER NOT NULL REFERENCES people(id),
    key             TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    status_code     INTEGER NOT NULL,
    response_body   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (principal_id, key)
);

-- Other services, seeded now so later work has real providers to build on.
CREATE TABLE daycare_centres (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    address_zh      TEXT NOT NULL,
    address_en      TEXT NOT NULL,
    hotline         TEXT NOT NULL,
    places          INTEGER NOT NULL
);

CREATE TABLE visit_providers (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    hotline         TEXT NOT NULL,
    funding_zh      TEXT NOT NULL,
    funding_en      TEXT NOT NULL
);
