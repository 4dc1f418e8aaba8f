//! Help requests in the outbox: in turn with bookings, delivered with who was told, refused
//! for people to sort out, paused for sign-in like everything else, never queued twice.

use super::*;

fn told(report: &Report, index: usize) -> Vec<String> {
    match &report.delivered[index].sent {
        Sent::Help(request) => request.notified.iter().map(|p| p.name.clone()).collect(),
        other => panic!("not a help request: {other:?}"),
    }
}

#[test]
fn a_help_request_goes_out_in_turn_with_bookings() {
    let e = engine(FakePlatform::default());
    queue(&e, 1, ELDER);
    let asked = queue_help(&e, "help-1", ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert_eq!(delivered_seqs(&report), [1, asked.seq, 3]);
    assert!(matches!(report.delivered[0].sent, Sent::Booking(_)));
    assert_eq!(told(&report, 1), ["值班员", "王丽"]);
    assert!(matches!(report.delivered[2].sent, Sent::Booking(_)));
    assert_eq!(e.transport().bookings_made(), 2);
    assert_eq!(e.transport().help_requests_made(), 1);
    assert!(e.store().entries().is_empty());
}

#[test]
fn a_help_request_waiting_to_retry_holds_back_a_later_booking() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue_help(&e, "help-1", ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert!(report.delivered.is_empty());
    assert_eq!(report.pending, 2);
    assert_eq!(
        e.transport().sent_seqs(),
        [1],
        "the booking must not overtake"
    );

    let report = run(&e, report.next_run.unwrap());
    assert_eq!(delivered_seqs(&report), [1, 2]);
    assert_eq!(
        e.transport()
            .sent
            .borrow()
            .iter()
            .map(|s| s.1.as_str())
            .collect::<Vec<_>>(),
        ["help-1", "help-1", "key-2"],
        "sent again with the same key"
    );
}

#[test]
fn a_refused_help_request_is_kept_for_people_to_sort_out() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::Forbidden,
        403,
    )]));
    queue_help(&e, "help-1", ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert_eq!(
        delivered_seqs(&report),
        [2],
        "a refusal does not hold the queue"
    );
    let [refused] = report.needs_attention.as_slice() else {
        panic!("{:?}", report.needs_attention);
    };
    assert!(refused.change.is_help());
    let EntryState::NeedsAttention { refusal } = &refused.state else {
        panic!("{:?}", refused.state);
    };
    assert_eq!(refusal.kind, RefusalKind::NeedsHelp);
    assert_eq!(
        e.store().entries(),
        std::slice::from_ref(refused),
        "kept until read"
    );
}

#[test]
fn an_ended_session_pauses_a_help_request_until_sign_in() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::NotSignedIn,
        401,
    )]));
    queue_help(&e, "help-1", ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert!(report.paused_for_sign_in);
    assert_eq!(report.pending, 2);
    assert_eq!(e.store().entries()[0].state, EntryState::NeedsSignIn);

    block_on(e.resume_after_sign_in(t0() + secs(60), ELDER, Some("fresh"))).unwrap();
    let report = run(&e, t0() + secs(60));
    assert_eq!(delivered_seqs(&report), [1, 2]);
    assert_eq!(
        report.delivered[0].entry.delivery_token.as_deref(),
        Some("fresh")
    );
    assert_eq!(e.transport().help_requests_made(), 1);
}

/// The help screen reloaded with the network still down tries again with its press's key:
/// the request is queued once.
#[test]
fn the_same_key_is_queued_once() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    let first = queue_help(&e, "help-1", ELDER);
    run(&e, t0());
    let again = queue_help(&e, "help-1", ELDER);
    assert_eq!(again.seq, first.seq);
    assert_eq!(again.attempts, 1, "the entry already there, as it stands");
    assert_eq!(e.store().entries().len(), 1);

    let other = queue_help(&e, "help-2", ELDER);
    assert_eq!(other.seq, 2, "another press is another request");
}

#[test]
fn a_help_request_cut_short_by_a_crash_is_replayed_into_the_same_request() {
    let mut entry = queue_help(&engine(FakePlatform::default()), "help-1", ELDER);
    entry.state = EntryState::Sending;
    entry.attempts = 1;
    let platform = FakePlatform::default();
    let made = platform.book(&entry);

    let e = engine_over(Rc::new(MemoryStore::with([entry])), platform);
    let report = run(&e, t0());
    assert_eq!(report.delivered[0].sent, made);
    assert_eq!(e.transport().help_requests_made(), 1);
}
