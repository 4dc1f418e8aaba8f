//! Backoff, and what each kind of answer does to the queue.

use super::*;

#[test]
fn retries_back_off_from_five_seconds_to_five_minutes() {
    let e = engine(FakePlatform::answering(vec![Answer::Offline; 9]));
    queue(&e, 1, ELDER);
    let mut at = t0();
    let mut waits = Vec::new();
    for _ in 0..9 {
        let next = run(&e, at).next_run.unwrap();
        waits.push((next - at).num_seconds());
        at = next;
    }
    assert_eq!(waits, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
    assert_eq!(e.store().entries()[0].attempts, 9);

    let report = run(&e, at);
    assert_eq!(delivered_seqs(&report), [1]);
    assert_eq!(e.transport().bookings_made(), 1);
}

#[test]
fn jitter_from_the_caller_shortens_the_wait() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue(&e, 1, ELDER);
    let report = block_on(e.run_once(t0(), 0.5)).unwrap();
    assert_eq!(report.next_run, Some(t0() + TimeDelta::milliseconds(4_500)));
}

#[test]
fn a_busy_platform_is_not_asked_again_before_it_says() {
    let retry_at = t0() + secs(120);
    let e = engine(FakePlatform::answering([
        Answer::Busy { retry_at },
        Answer::Refuse(ProblemType::ServerError, 500),
    ]));
    queue(&e, 1, ELDER);
    assert_eq!(run(&e, t0()).next_run, Some(retry_at));
    // A server error backs off as usual: second attempt, 10 s.
    assert_eq!(run(&e, retry_at).next_run, Some(retry_at + secs(10)));
}

#[test]
fn an_ended_session_pauses_the_queue_until_sign_in() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::SessionExpired,
        401,
    )]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert!(report.paused_for_sign_in);
    assert_eq!(report.next_run, None);
    assert_eq!(report.pending, 2);
    let head = &e.store().entries()[0];
    assert_eq!(head.state, EntryState::NeedsSignIn);
    assert_eq!(
        head.attempts, 0,
        "an ended session is not the entry's fault"
    );

    let later = run(&e, t0() + secs(3600));
    assert!(later.paused_for_sign_in);
    assert_eq!(e.transport().sent_seqs(), [1], "nothing sent while paused");

    block_on(e.resume_after_sign_in(t0() + secs(7200), ELDER, None)).unwrap();
    let report = run(&e, t0() + secs(7200));
    assert!(!report.paused_for_sign_in);
    assert_eq!(delivered_seqs(&report), [1, 2]);
    assert_eq!(e.transport().sent_seqs(), [1, 1, 2]);
}

#[test]
fn another_booking_holding_the_place_is_reported_as_already_booked() {
    let e = engine(FakePlatform::answering([
        Answer::Refuse(ProblemType::AlreadyBooked, 409),
        Answer::Refuse(ProblemType::IdempotencyKeyReused, 422),
    ]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);
    let report = run(&e, t0());
    let kinds: Vec<RefusalKind> = report
        .needs_attention
        .iter()
        .map(|e| match &e.state {
            EntryState::NeedsAttention { refusal } => refusal.kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, [RefusalKind::AlreadyBooked, RefusalKind::Bug]);
    assert!(report.delivered.is_empty());
    assert_eq!(report.pending, 0);
}

#[test]
fn signing_in_again_hands_that_person_s_entries_the_new_delivery_token() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::SessionExpired,
        401,
    )]));
    queue(&e, 1, ELDER);
    queue(&e, 2, OTHER_ELDER);
    run(&e, t0());

    block_on(e.resume_after_sign_in(t0() + secs(60), ELDER, Some("fresh"))).unwrap();
    let entries = e.store().entries();
    assert_eq!(entries[0].delivery_token.as_deref(), Some("fresh"));
    assert_eq!(entries[0].state, EntryState::Waiting);
    assert_eq!(
        entries[1].delivery_token, None,
        "another person's entry keeps its own credential"
    );
    let report = run(&e, t0() + secs(60));
    assert_eq!(delivered_seqs(&report), [1, 2]);
}

#[test]
fn the_network_coming_back_makes_waiting_entries_due_at_once() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue(&e, 1, ELDER);
    let report = run(&e, t0());
    assert_eq!(report.next_run, Some(t0() + secs(5)));

    block_on(e.due_now(t0() + secs(1))).unwrap();
    let report = run(&e, t0() + secs(1));
    assert_eq!(
        delivered_seqs(&report),
        [1],
        "sent without waiting out the backoff"
    );
}
