//! A replay after the app stopped mid-send never books twice; runs never overlap.

use super::*;

#[test]
fn the_sending_state_is_stored_before_the_request_goes_out() {
    let store = Rc::new(MemoryStore::new());
    let platform = FakePlatform {
        watch: Some(store.clone()),
        ..FakePlatform::default()
    };
    let e = engine_over(store, platform);
    queue(&e, 1, ELDER);
    run(&e, t0());
    assert_eq!(*e.transport().seen.borrow(), [Some(EntryState::Sending)]);
}

/// The app stopped mid-send after the platform had made the booking.
#[test]
fn a_crash_after_the_platform_booked_is_replayed_into_the_same_booking() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    entry.state = EntryState::Sending;
    entry.attempts = 1;
    let platform = FakePlatform::default();
    let made = platform.book(&entry);

    let e = engine_over(Rc::new(MemoryStore::with([entry.clone()])), platform);
    let report = run(&e, t0() + secs(1));
    assert_eq!(report.delivered.len(), 1);
    assert_eq!(report.delivered[0].sent, made);
    assert_eq!(e.transport().sent.borrow().clone(), [(1, entry.key)]);
    assert_eq!(e.transport().bookings_made(), 1);
    assert!(e.store().entries().is_empty());
}

/// The app stopped mid-send before the request left the device.
#[test]
fn a_crash_before_the_request_left_is_sent_once() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    entry.state = EntryState::Sending;
    entry.attempts = 1;
    let e = engine_over(Rc::new(MemoryStore::with([entry])), FakePlatform::default());
    assert_eq!(delivered_seqs(&run(&e, t0())), [1]);
    assert_eq!(e.transport().bookings_made(), 1);
}

#[test]
fn a_lost_answer_is_retried_with_the_same_key_and_books_once() {
    let e = engine(FakePlatform::answering([
        Answer::BookThenDrop,
        Answer::BookThenDrop,
    ]));
    queue(&e, 1, ELDER);
    let mut at = t0();
    for _ in 0..2 {
        at = run(&e, at).next_run.unwrap();
    }
    let report = run(&e, at);
    assert_eq!(report.delivered.len(), 1);
    let keys: Vec<String> = e
        .transport()
        .sent
        .borrow()
        .iter()
        .map(|s| s.1.clone())
        .collect();
    assert_eq!(keys, ["key-1", "key-1", "key-1"]);
    assert_eq!(e.transport().bookings_made(), 1);
}

#[test]
fn a_second_run_while_one_is_sending_does_nothing() {
    let e = engine(FakePlatform {
        slow: true,
        ..FakePlatform::default()
    });
    queue(&e, 1, ELDER);
    let mut cx = Context::from_waker(Waker::noop());
    let mut first = Box::pin(e.run_once(t0(), 0.0));
    assert!(first.as_mut().poll(&mut cx).is_pending());

    let second = block_on(e.run_once(t0(), 0.0)).unwrap();
    assert!(second.already_running);
    assert_eq!(e.transport().sent_seqs(), [1]);

    let Poll::Ready(Ok(report)) = first.as_mut().poll(&mut cx) else {
        panic!("the first run finishes");
    };
    assert_eq!(delivered_seqs(&report), [1]);
}

#[test]
fn an_abandoned_run_does_not_block_the_next() {
    let e = engine(FakePlatform {
        slow: true,
        ..FakePlatform::default()
    });
    queue(&e, 1, ELDER);
    let mut abandoned = Box::pin(e.run_once(t0(), 0.0));
    let _ = abandoned
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    drop(abandoned);

    // Left `Sending`, as after a crash: the next run sends it again with its key.
    assert_eq!(e.store().entries()[0].state, EntryState::Sending);
    let mut next = Box::pin(e.run_once(t0(), 0.0));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(next.as_mut().poll(&mut cx).is_pending());
    let Poll::Ready(Ok(report)) = next.as_mut().poll(&mut cx) else {
        panic!("the run finishes");
    };
    assert!(!report.already_running);
    assert_eq!(delivered_seqs(&report), [1]);
}

/// The IndexedDB adapter stores entries as JSON-like values; every state survives.
#[test]
fn entries_round_trip_through_serde() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    let refusal = match classify(
        &entry.change,
        Err(ApiError::Problem(Box::new(Problem::new(
            ProblemType::CutoffPassed,
            409,
            "closed",
        )))),
    ) {
        Outcome::Refused(r) => r,
        other => panic!("{other:?}"),
    };
    for state in [
        EntryState::Waiting,
        EntryState::Sending,
        EntryState::NeedsSignIn,
        EntryState::NeedsAttention { refusal },
    ] {
        entry.state = state;
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(
            serde_json::from_str::<Entry>(&json).unwrap(),
            entry,
            "{json}"
        );
    }
    for change in [Change::Cancel { booking: 4 }, help()] {
        let json = serde_json::to_string(&change).unwrap();
        assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), change);
    }
}
