//! First in, first out: what holds the queue back and what does not; entries per elder.

use super::*;

#[test]
fn queued_changes_go_out_first_in_first_out() {
    let e = engine(FakePlatform::default());
    for slot in [30, 10, 20] {
        queue(&e, slot, ELDER);
    }
    let report = run(&e, t0());
    assert_eq!(delivered_seqs(&report), [1, 2, 3]);
    assert_eq!(e.transport().sent_seqs(), [1, 2, 3]);
    assert_eq!(report.pending, 0);
    assert_eq!(report.next_run, None);
    assert!(e.store().entries().is_empty());
}

#[test]
fn a_head_waiting_to_retry_holds_back_the_rest() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue(&e, 1, ELDER);
    let cancel = Queued::new(Change::Cancel { booking: 55 }, "key-c", ELDER, ELDER);
    let cancel = block_on(e.queue(cancel, t0())).unwrap();

    let report = run(&e, t0());
    assert!(report.delivered.is_empty());
    assert_eq!(report.next_run, Some(t0() + secs(5)));
    assert_eq!(report.pending, 2);
    assert_eq!(
        e.transport().sent_seqs(),
        [1],
        "the cancel must not overtake"
    );

    let early = run(&e, t0() + secs(4));
    assert_eq!(early.next_run, Some(t0() + secs(5)));
    assert_eq!(e.transport().sent_seqs(), [1]);

    let report = run(&e, t0() + secs(5));
    assert_eq!(delivered_seqs(&report), [1, cancel.seq]);
}

#[test]
fn a_refused_head_does_not_hold_back_the_rest() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::SlotFull,
        409,
    )]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert_eq!(delivered_seqs(&report), [2]);
    let refused = &report.needs_attention;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].seq, 1);
    let EntryState::NeedsAttention { refusal } = &refused[0].state else {
        panic!("{:?}", refused[0].state);
    };
    assert_eq!(refusal.kind, RefusalKind::Unavailable);
    assert_eq!(refusal.problem.kind, ProblemType::SlotFull);
    assert_eq!(report.pending, 0);

    // Kept, not dropped, and not sent again.
    assert_eq!(e.store().entries(), refused.clone());
    run(&e, t0() + secs(600));
    assert_eq!(e.transport().sent_seqs(), [1, 2]);
    block_on(e.dismiss(1)).unwrap();
    assert!(e.store().entries().is_empty());
}

#[test]
fn sequence_numbers_only_grow() {
    let store = Rc::new(MemoryStore::new());
    let e = engine_over(store.clone(), FakePlatform::default());
    queue(&e, 1, ELDER);
    run(&e, t0());
    assert_eq!(
        queue(&e, 2, ELDER).seq,
        2,
        "not reused after the queue emptied"
    );

    let restarted = engine_over(store, FakePlatform::default());
    assert_eq!(queue(&restarted, 3, ELDER).seq, 3);
}

#[test]
fn entries_are_listed_and_dropped_per_elder() {
    let e = engine(FakePlatform::default());
    queue(&e, 1, ELDER);
    queue(&e, 2, OTHER_ELDER);
    block_on(e.queue(Queued::new(meal(3), "key-3", ELDER, DAUGHTER), t0())).unwrap();

    let mine: Vec<(u64, i64)> = block_on(e.entries_for(ELDER))
        .unwrap()
        .iter()
        .map(|e| (e.seq, e.principal))
        .collect();
    assert_eq!(mine, [(1, ELDER), (3, DAUGHTER)]);

    assert_eq!(block_on(e.drop_elder(ELDER)).unwrap(), 2);
    assert!(block_on(e.entries_for(ELDER)).unwrap().is_empty());
    assert_eq!(delivered_seqs(&run(&e, t0())), [2]);
}

#[test]
fn an_entry_dropped_while_in_flight_stays_dropped() {
    let store = Rc::new(MemoryStore::new());
    let platform = FakePlatform {
        watch: Some(store.clone()),
        drop_elder_during_send: true,
        script: RefCell::new([Answer::Offline].into()),
        ..FakePlatform::default()
    };
    let e = engine_over(store, platform);
    queue(&e, 1, ELDER);
    let report = run(&e, t0());
    assert!(e.store().entries().is_empty());
    assert_eq!(report.next_run, None);
}
