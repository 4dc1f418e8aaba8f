-- Day-care session times, places and prices, and the booking cutoffs, as each centre's own
-- configuration (as a canteen's meal times are in 0001), rather than constants in the code.
-- Times are local 'HH:MM'; the CHECKs keep them well formed, so publishing never guesses.

-- Bookings and cancellations close at this time on the day before the session (the minibus
-- route and the kitchen are planned the evening before).
ALTER TABLE daycare_centres ADD COLUMN order_cutoff TEXT NOT NULL DEFAULT '18:00'
    CHECK (order_cutoff GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE daycare_centres ADD COLUMN cancel_cutoff TEXT NOT NULL DEFAULT '18:00'
    CHECK (cancel_cutoff GLOB '[0-2][0-9]:[0-5][0-9]');

-- The kinds of session a centre runs each open day: how its places are divided between half
-- and full days, what each costs, and the minibus seats for it (0: no transport).
CREATE TABLE daycare_periods (
    centre_id           INTEGER NOT NULL REFERENCES daycare_centres(id),
    period              TEXT NOT NULL CHECK (period IN ('morning', 'afternoon', 'full_day')),
    starts              TEXT NOT NULL CHECK (starts GLOB '[0-2][0-9]:[0-5][0-9]'),
    ends                TEXT NOT NULL CHECK (ends GLOB '[0-2][0-9]:[0-5][0-9]' AND ends > starts),
    capacity            INTEGER NOT NULL CHECK (capacity >= 0),
    price_fen           INTEGER NOT NULL CHECK (price_fen >= 0),
    transport_seats     INTEGER NOT NULL DEFAULT 0 CHECK (transport_seats >= 0),
    transport_fee_fen   INTEGER NOT NULL DEFAULT 0 CHECK (transport_fee_fen >= 0),
    PRIMARY KEY (centre_id, period)
);
