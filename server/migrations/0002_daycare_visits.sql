-- Day care (日间照料) and home visits (上门服务).
-- Same conventions as 0001: instants are unix seconds, dates 'YYYY-MM-DD' local, money fen.

-- A centre's bookable sessions. The centre divides its places between the kinds of session;
-- `booked` is kept in step with active bookings in the same transaction, and the CHECKs are the
-- last line of defence against overbooking, for the session and for its transport alike.
CREATE TABLE daycare_sessions (
    id                  INTEGER PRIMARY KEY,
    centre_id           INTEGER NOT NULL REFERENCES daycare_centres(id),
    date                TEXT NOT NULL,
    period              TEXT NOT NULL CHECK (period IN ('morning', 'afternoon', 'full_day')),
    starts_at           INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL CHECK (ends_at > starts_at),
    order_by            INTEGER NOT NULL,
    cancel_by           INTEGER NOT NULL,
    capacity            INTEGER NOT NULL CHECK (capacity >= 0),
    booked              INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    price_fen           INTEGER NOT NULL CHECK (price_fen >= 0),
    -- Pick-up and drop-off by the centre's minibus: its own, smaller, number of seats.
    -- A capacity of 0 means the session offers no transport.
    transport_capacity  INTEGER NOT NULL DEFAULT 0 CHECK (transport_capacity >= 0),
    transport_booked    INTEGER NOT NULL DEFAULT 0
                        CHECK (transport_booked >= 0 AND transport_booked <= transport_capacity),
    transport_fee_fen   INTEGER NOT NULL DEFAULT 0 CHECK (transport_fee_fen >= 0),
    UNIQUE (centre_id, date, period)
);
CREATE INDEX daycare_sessions_centre_date ON daycare_sessions(centre_id, date);

-- Days a centre is shut (Sundays, holidays, a burst pipe). Sessions are not published on them,
-- and a session already published on a day closed later can no longer be booked.
CREATE TABLE daycare_closed_days (
    centre_id   INTEGER NOT NULL REFERENCES daycare_centres(id),
    date        TEXT NOT NULL,
    reason_zh   TEXT NOT NULL,
    reason_en   TEXT NOT NULL,
    PRIMARY KEY (centre_id, date)
);

-- What each home-visit provider offers.
CREATE TABLE visit_services (
    id                  INTEGER PRIMARY KEY,
    provider_id         INTEGER NOT NULL REFERENCES visit_providers(id),
    kind                TEXT NOT NULL CHECK (kind IN ('cleaning', 'bathing', 'nursing', 'companionship',
                                                      'repairs', 'haircut', 'errands')),
    name_zh             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    description_zh      TEXT NOT NULL,
    description_en      TEXT NOT NULL,
    duration_minutes    INTEGER NOT NULL CHECK (duration_minutes > 0),
    price_fen           INTEGER NOT NULL CHECK (price_fen >= 0),
    UNIQUE (provider_id, kind)
);

-- Two-hour arrival windows per provider: how many visits its workers can start in each.
CREATE TABLE visit_windows (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES visit_providers(id),
    date        TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
    order_by    INTEGER NOT NULL,
    cancel_by   INTEGER NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity >= 0),
    booked      INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    UNIQUE (provider_id, starts_at)
);
CREATE INDEX visit_windows_provider_date ON visit_windows(provider_id, date);

-- Subsidies for care other than meals: per day-care session or per home visit. Same rule as
-- meals (the largest applicable amount, never stacked, never above the price), other amounts.
CREATE TABLE service_subsidy_rules (
    community_id    INTEGER NOT NULL REFERENCES communities(id),
    service         TEXT NOT NULL CHECK (service IN ('daycare', 'visit')),
    category        TEXT NOT NULL,
    amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (community_id, service, category)
);

-- Bookings of every kind, still one table.
--
-- Why rebuild rather than add side tables: 0001's `kind` CHECK allows only 'meal', and SQLite
-- cannot ALTER a CHECK, so the table has to be rebuilt whichever way the new kinds are stored
-- (https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema changes").
-- Given that, one table is the cleaner design: one row per booking, one status, one price split,
-- one cancel path and one "My bookings" query for every kind. Each kind references its own
-- bookable unit in its own nullable column (meal slot, day-care session, visit window), and the
-- table CHECK ties those columns to `kind`, so no row can be half one kind and half another.
-- A visit's lifecycle (`visit_stage`, the assigned worker) lives on the same row and changes in
-- the same UPDATE as `status`, so the two can never disagree.
CREATE TABLE bookings_new (
    id                  INTEGER PRIMARY KEY,
    elder_id            INTEGER NOT NULL REFERENCES people(id),
    booked_by           INTEGER NOT NULL REFERENCES people(id),
    kind                TEXT NOT NULL CHECK (kind IN ('meal', 'daycare', 'visit')),
    status              TEXT NOT NULL CHECK (status IN ('pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow')),
    -- kind = 'meal'
    meal_slot_id        INTEGER REFERENCES meal_slots(id),
    fulfilment          TEXT CHECK (fulfilment IN ('dine_in', 'pickup', 'delivery')),
    -- kind = 'daycare'
    daycare_session_id  INTEGER REFERENCES daycare_sessions(id),
    transport           INTEGER NOT NULL DEFAULT 0 CHECK (transport IN (0, 1)),
    -- kind = 'visit'
    visit_service_id    INTEGER REFERENCES visit_services(id),
    visit_window_id     INTEGER REFERENCES visit_windows(id),
    visit_address       TEXT,
    visit_note          TEXT,
    visit_stage         TEXT CHECK (visit_stage IN ('requested', 'assigned', 'on_the_way', 'done', 'cancelled', 'missed')),
    worker_name         TEXT,
    stage_changed_at    INTEGER,
    stage_changed_by    INTEGER REFERENCES people(id),
    -- The price as split when booked: later changes to rules never change a booking.
    -- `delivery_fee_fen` is the meal delivery fee or the day-care transport fee.
    full_price_fen      INTEGER NOT NULL,
    subsidy_fen         INTEGER NOT NULL,
    delivery_fee_fen    INTEGER NOT NULL,
    you_pay_fen         INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    cancelled_at        INTEGER,
    cancelled_by        INTEGER REFERENCES people(id),
    CHECK (
        (kind = 'meal' AND meal_slot_id IS NOT NULL AND fulfilment IS NOT NULL
            AND daycare_session_id IS NULL AND transport = 0 AND visit_window_id IS NULL
            AND visit_service_id IS NULL AND visit_stage IS NULL)
        OR (kind = 'daycare' AND daycare_session_id IS NOT NULL
            AND meal_slot_id IS NULL AND fulfilment IS NULL AND visit_window_id IS NULL
            AND visit_service_id IS NULL AND visit_stage IS NULL)
        OR (kind = 'visit' AND visit_window_id IS NOT NULL AND visit_service_id IS NOT NULL
            AND visit_address IS NOT NULL AND visit_stage IS NOT NULL
            AND meal_slot_id IS NULL AND fulfilment IS NULL AND daycare_session_id IS NULL
            AND transport = 0)
    )
);

INSERT INTO bookings_new (id, elder_id, booked_by, kind, status, meal_slot_id, fulfilment,
                          full_price_fen, subsidy_fen, delivery_fee_fen, you_pay_fen, created_at,
                          cancelled_at, cancelled_by)
SELECT id, elder_id, booked_by, kind, status, meal_slot_id, fulfilment,
       full_price_fen, subsidy_fen, delivery_fee_fen, you_pay_fen, created_at,
       cancelled_at, cancelled_by
FROM bookings;

DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;

CREATE INDEX bookings_elder ON bookings(elder_id);
-- One active booking per elder per meal, per day-care session and per visit window.
CREATE UNIQUE INDEX bookings_one_active_meal ON bookings(elder_id, meal_slot_id)
    WHERE status IN ('pending', 'booked');
CREATE UNIQUE INDEX bookings_one_active_daycare ON bookings(elder_id, daycare_session_id)
    WHERE status IN ('pending', 'booked');
CREATE UNIQUE INDEX bookings_one_active_visit ON bookings(elder_id, visit_window_id)
    WHERE status IN ('pending', 'booked');
CREATE INDEX bookings_daycare_session ON bookings(daycare_session_id);
CREATE INDEX bookings_visit_window ON bookings(visit_window_id);
