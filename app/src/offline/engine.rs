//! The replay loop: sends due entries in order, one at a time, and records what
//! each answer means.

use std::cell::Cell;

use api::PersonId;
use chrono::{DateTime, Utc};

use super::Transport;
use super::backoff::Backoff;
use super::classify::{Outcome, classify};
use super::outbox::{Entry, EntryState, Queued, Sent};
use super::store::{Store, StoreError};

/// A change that reached the platform, with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub entry: Entry,
    pub sent: Sent,
}

/// What one run did, for the connectivity banner and the screens that speak it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Changes the platform now has, in the order they were sent.
    pub delivered: Vec<Delivered>,
    /// Entries refused in this run, each holding its refusal.
    pub needs_attention: Vec<Entry>,
    /// The queue waits for someone to sign in (see [`Engine::resume_after_sign_in`]).
    pub paused_for_sign_in: bool,
    /// Entries still on their way after this run (waiting or paused).
    pub pending: usize,
    /// When to run again; `None` when nothing is waiting (or the queue is paused).
    pub next_run: Option<DateTime<Utc>>,
    /// Another run was already under way, so this one did nothing.
    pub already_running: bool,
}

/// The outbox and its replay.
///
/// Every method takes `&self` so one engine can be shared (an `Rc` in the app's
/// context) between the confirm screens that queue, My bookings that lists, and the
/// online event and timer that run it.
pub struct Engine<S, T> {
    store: S,
    transport: T,
    backoff: Backoff,
    running: Cell<bool>,
    /// The highest `seq` handed out by this engine, so a `seq` is never reused within a
    /// session even when the queue empties between two changes.
    last_seq: Cell<u64>,
}

impl<S: Store, T: Transport> Engine<S, T> {
    pub fn new(store: S, transport: T, backoff: Backoff) -> Self {
        Engine {
            store,
            transport,
            backoff,
            running: Cell::new(false),
            last_seq: Cell::new(0),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Queues a change, due at once. A change already queued under the same key by the
    /// same person (a screen that tried again after a reload, still offline) is not queued
    /// twice: the entry already there is returned as it is.
    pub async fn queue(&self, queued: Queued, now: DateTime<Utc>) -> Result<Entry, StoreError> {
        let entries = self.store.load().await?;
        if let Some(known) = entries
            .iter()
            .find(|e| e.key == queued.key && e.principal == queued.principal)
        {
            return Ok(known.clone());
        }
        let stored = entries.last().map_or(0, |e| e.seq);
        let seq = stored.max(self.last_seq.get()) + 1;
        self.last_seq.set(seq);
        let Queued {
            change,
            key,
            elder,
            principal,
            delivery_token,
            summary,
        } = queued;
        let entry = Entry {
            seq,
            key,
            change,
            elder,
            principal,
            delivery_token,
            summary,
            queued_at: now,
            attempts: 0,
            next_attempt: now,
            state: EntryState::Waiting,
        };
        self.store.insert(&entry).await?;
        Ok(entry)
    }

    /// The elder's entries in queue order, including refused ones until dismissed: My
    /// bookings shows them as "waiting to send" or "could not be booked".
    pub async fn entries_for(&self, elder: PersonId) -> Result<Vec<Entry>, StoreError> {
        let mut entries = self.store.load().await?;
        entries.retain(|e| e.elder == elder);
        Ok(entries)
    }

    /// Removes every entry of one elder (whether to, at a kiosk's sign-out, is decided
    /// elsewhere). Returns how many were removed. An entry in flight is not written back.
    pub async fn drop_elder(&self, elder: PersonId) -> Result<usize, StoreError> {
        let mut dropped = 0;
        for entry in self.store.load().await? {
            if entry.elder == elder {
                self.store.remove(entry.seq).await?;
                dropped += 1;
            }
        }
        Ok(dropped)
    }

    /// Removes one entry once the elder has been told about its refusal.
    pub async fn dismiss(&self, seq: u64) -> Result<(), StoreError> {
        self.store.remove(seq).await
    }

    /// After `principal` signed in, every paused entry is due again, and that person's
    /// entries carry `delivery_token` from now on when one is given (their old one may
    /// have expired). Entries whose principal is still not signed in pause the queue
    /// again on their turn.
    pub async fn resume_after_sign_in(
        &self,
        now: DateTime<Utc>,
        principal: PersonId,
        delivery_token: Option<&str>,
    ) -> Result<(), StoreError> {
        for mut entry in self.store.load().await? {
            let paused = entry.state == EntryState::NeedsSignIn;
            let retoken = entry.principal == principal
                && entry.is_pending()
                && delivery_token.is_some_and(|t| entry.delivery_token.as_deref() != Some(t));
            if retoken {
                entry.delivery_token = delivery_token.map(str::to_owned);
            }
            if paused {
                entry.state = EntryState::Waiting;
                entry.next_attempt = now;
            }
            if paused || retoken {
                self.store.update(&entry).await?;
            }
        }
        Ok(())
    }

    /// The network is back: every entry waiting out its backoff is due at once (the
    /// backoff guards against a platform that is down, not against an offline device).
    pub async fn due_now(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        for mut entry in self.store.load().await? {
            if entry.state == EntryState::Waiting && entry.next_attempt > now {
                entry.next_attempt = now;
                self.store.update(&entry).await?;
            }
        }
        Ok(())
    }

    /// Every entry, in queue order (the connectivity banner counts them; a kiosk checks
    /// which delivery tokens are still needed).
    pub async fn entries(&self) -> Result<Vec<Entry>, StoreError> {
        self.store.load().await
    }

    /// Sends every due entry, strictly in `seq` order, one at a time.
    ///
    /// The queue is first in, first out: an entry waiting to retry holds back all after
    /// it, so a cancellation can never overtake the booking it cancels, nor a later
    /// booking take the place an earlier one was meant to have. A refused entry does not
    /// hold the queue: it is set aside for the elder, and the next one goes.
    ///
    /// `now` is the time at the start of the run; `random` is a number in `0.0..1.0`
    /// for the backoff's jitter.
    pub async fn run_once(&self, now: DateTime<Utc>, random: f64) -> Result<Report, StoreError> {
        if self.running.replace(true) {
            return Ok(Report {
                already_running: true,
                ..Report::default()
            });
        }
        // Cleared on drop too, so a run abandoned mid-way (its page unmounted) does not
        // block every later one.
        let _running = Running(&self.running);
        self.run(now, random).await
    }

    async fn run(&self, now: DateTime<Utc>, random: f64) -> Result<Report, StoreError> {
        let mut report = Report::default();
        loop {
            // Reloaded for each entry: changes queued or dropped meanwhile are seen.
            let entries = self.store.load().await?;
            report.pending = entries.iter().filter(|e| e.is_pending()).count();
            if entries.iter().any(|e| e.state == EntryState::NeedsSignIn) {
                report.paused_for_sign_in = true;
                return Ok(report);
            }
            let Some(mut entry) = entries
                .into_iter()
                .find(|e| matches!(e.state, EntryState::Waiting | EntryState::Sending))
            else {
                return Ok(report);
            };
            if !entry.is_due(now) {
                report.next_run = Some(entry.next_attempt);
                return Ok(report);
            }

            // Written before the request goes out, so a crash leaves a trace: the entry
            // is found `Sending` on the next load and sent again with the same key.
            entry.state = EntryState::Sending;
            entry.attempts += 1;
            if !self.store.update(&entry).await? {
                continue;
            }
            let answer = self.transport.send(&entry).await;
            match classify(&entry.change, answer) {
                Outcome::Delivered(sent) => {
                    self.store.remove(entry.seq).await?;
                    report.delivered.push(Delivered { entry, sent });
                }
                Outcome::RetryLater { not_before } => {
                    let wait = self.backoff.delay(entry.attempts, random);
                    entry.state = EntryState::Waiting;
                    entry.next_attempt = not_before.map_or(now + wait, |t| t.max(now + wait));
                    if self.store.update(&entry).await? {
                        report.next_run = Some(entry.next_attempt);
                        return Ok(report);
                    }
                }
                Outcome::SignIn => {
                    // Not the entry's fault: this try does not lengthen its backoff.
                    entry.attempts -= 1;
                    entry.state = EntryState::NeedsSignIn;
                    if self.store.update(&entry).await? {
                        report.paused_for_sign_in = true;
                        return Ok(report);
                    }
                }
                Outcome::Refused(refusal) => {
                    entry.state = EntryState::NeedsAttention { refusal };
                    if self.store.update(&entry).await? {
                        report.needs_attention.push(entry);
                    }
                }
            }
        }
    }
}

/// Clears the engine's running flag when a run ends or is dropped.
struct Running<'a>(&'a Cell<bool>);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}
