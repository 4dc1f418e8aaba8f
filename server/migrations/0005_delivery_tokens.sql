-- Delivery tokens (issue 4): a kiosk's write-only credential for its outbox. A token is a
-- row of `sessions` like any sign-in, with a scope: 'session' may do everything its person
-- may; 'delivery' may only send queued bookings and cancellations (server/src/auth.rs).
-- Only adds, so an existing database upgrades in place: every earlier row is a session.
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'session'
    CHECK (scope IN ('session', 'delivery'));
