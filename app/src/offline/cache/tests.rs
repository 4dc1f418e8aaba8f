//! The read policy, run natively: fresh answers win, the cache stands in when offline or
//! slow, refusals are never masked, and nothing fetched before a sign-out is kept.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use api::{ApiError, Problem, ProblemType};

use super::*;

type Work = Pin<Box<dyn Future<Output = ()>>>;

/// A clock stopped at `now`, a patience that has (or has not) run out, and background
/// work collected to be run when the test says.
#[derive(Clone)]
struct Fake {
    now: DateTime<Utc>,
    impatient: bool,
    spawned: Rc<RefCell<Vec<Work>>>,
}

impl Fake {
    fn new(impatient: bool) -> Self {
        Fake {
            now: at("2030-03-05T02:42:00Z"),
            impatient,
            spawned: Rc::default(),
        }
    }

    fn run_background(&self) {
        for work in self.spawned.take() {
            run(work);
        }
    }
}

impl Runtime for Fake {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn patience(&self) -> impl Future<Output = ()> {
        let impatient = self.impatient;
        poll_fn(move |_| {
            if impatient {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
    }

    fn spawn(&self, work: Work) {
        self.spawned.borrow_mut().push(work);
    }
}

/// Polls `f` to the end; everything here is ready or waits on a [`Gate`] the test opens.
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..100 {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("still waiting: a gate was never opened");
}

type Answer = Result<Vec<u32>, ApiError>;

/// A platform answer that waits until the test opens the gate.
#[derive(Clone, Default)]
struct Gate(Rc<RefCell<Option<Answer>>>);

impl Gate {
    fn answer(&self) -> impl Future<Output = Answer> + 'static {
        let gate = self.clone();
        poll_fn(move |_| match gate.0.borrow_mut().take() {
            Some(answer) => Poll::Ready(answer),
            None => Poll::Pending,
        })
    }

    fn open(&self, answer: Answer) {
        *self.0.borrow_mut() = Some(answer);
    }
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("a time")
}

const KEY: &str = "7/canteens";

fn yesterday() -> Cached<Vec<u32>> {
    Cached {
        fetched_at: at("2030-03-04T10:00:00Z"),
        body: vec![1],
    }
}

fn shelf_with(cached: &Cached<Vec<u32>>) -> MemoryShelf {
    let shelf = MemoryShelf::default();
    run(shelf.put(KEY, serde_json::to_string(cached).expect("json")));
    shelf
}

fn on_shelf(shelf: &MemoryShelf) -> Option<Cached<Vec<u32>>> {
    run(cached(shelf, KEY))
}

fn offline() -> ApiError {
    ApiError::Network("failed to fetch".into())
}

fn read(
    shelf: &MemoryShelf,
    rt: &Fake,
    answer: impl Future<Output = Answer> + 'static,
) -> Result<Served<Vec<u32>>, ApiError> {
    run(through(shelf, rt, KEY, answer))
}

#[test]
fn a_fresh_answer_is_shown_and_kept_with_its_time() {
    let (shelf, rt) = (shelf_with(&yesterday()), Fake::new(false));
    let served = read(&shelf, &rt, async { Ok(vec![2]) });
    assert_eq!(served, Ok(Served::Fresh(vec![2])));
    assert_eq!(served.map(|s| s.as_of()), Ok(None));
    let kept = on_shelf(&shelf).expect("kept");
    assert_eq!((kept.fetched_at, kept.body), (rt.now, vec![2]));
}

#[test]
fn the_value_on_the_shelf_is_fetched_at_and_body() {
    let (shelf, rt) = (MemoryShelf::default(), Fake::new(false));
    let _ = read(&shelf, &rt, async { Ok(vec![2]) });
    let json = run(shelf.get(KEY)).expect("kept");
    assert_eq!(json, r#"{"fetched_at":"2030-03-05T02:42:00Z","body":[2]}"#);
}

#[test]
fn offline_shows_the_cached_answer_and_keeps_it() {
    let (shelf, rt) = (shelf_with(&yesterday()), Fake::new(false));
    let served = read(&shelf, &rt, async { Err(offline()) });
    assert_eq!(served, Ok(Served::Cached(yesterday())));
    assert_eq!(on_shelf(&shelf), Some(yesterday()));
}

#[test]
fn offline_with_nothing_cached_is_the_network_error() {
    let (shelf, rt) = (MemoryShelf::default(), Fake::new(false));
    assert_eq!(read(&shelf, &rt, async { Err(offline()) }), Err(offline()));
}

#[test]
fn a_refusal_is_never_masked_by_the_cache() {
    let (shelf, rt) = (shelf_with(&yesterday()), Fake::new(true));
    let expired = ApiError::Problem(Box::new(Problem::new(
        ProblemType::SessionExpired,
        401,
        "expired",
    )));
    let served = read(&shelf, &rt, std::future::ready(Err(expired.clone())));
    assert_eq!(served, Err(expired));
    let unreadable = ApiError::Unexpected {
        status: 500,
        detail: "oops".into(),
    };
    let served = read(&shelf, &rt, std::future::ready(Err(unreadable.clone())));
    assert_eq!(served, Err(unreadable));
}

#[test]
fn a_slow_answer_gives_way_to_the_cache_and_refreshes_it_later() {
    let (shelf, rt, gate) = (shelf_with(&yesterday()), Fake::new(true), Gate::default());
    let served = read(&shelf, &rt, gate.answer());
    assert_eq!(served, Ok(Served::Cached(yesterday())));
    assert_eq!(rt.spawned.borrow().len(), 1, "the fetch goes on");

    gate.open(Ok(vec![3]));
    rt.run_background();
    let kept = on_shelf(&shelf).expect("kept");
    assert_eq!((kept.fetched_at, kept.body), (rt.now, vec![3]));
}

#[test]
fn a_slow_answer_with_nothing_cached_is_waited_for() {
    let (shelf, rt) = (MemoryShelf::default(), Fake::new(true));
    let mut polls = 0;
    // Not ready on its first poll, so patience runs out first.
    let slow = poll_fn(move |cx| {
        polls += 1;
        cx.waker().wake_by_ref();
        if polls < 3 {
            Poll::Pending
        } else {
            Poll::Ready(Ok(vec![4]))
        }
    });
    assert_eq!(read(&shelf, &rt, slow), Ok(Served::Fresh(vec![4])));
    assert!(rt.spawned.borrow().is_empty());
    assert_eq!(on_shelf(&shelf).map(|c| c.body), Some(vec![4]));
}

#[test]
fn an_answer_landing_after_sign_out_is_not_kept() {
    let (shelf, rt, gate) = (shelf_with(&yesterday()), Fake::new(true), Gate::default());
    let _ = read(&shelf, &rt, gate.answer());
    shelf.clear();
    count_wipe();
    gate.open(Ok(vec![5]));
    rt.run_background();
    assert_eq!(on_shelf(&shelf), None);
}

#[test]
fn an_entry_an_older_app_wrote_counts_as_nothing_cached() {
    let (shelf, rt) = (MemoryShelf::default(), Fake::new(false));
    run(shelf.put(KEY, r#"{"body":"not a list"}"#.into()));
    assert_eq!(read(&shelf, &rt, async { Err(offline()) }), Err(offline()));
}

#[test]
fn every_key_starts_with_the_elder() {
    let keys = [
        key::canteens(7),
        key::meal_slots(7, 3, 14),
        key::daycare_centres(7),
        key::daycare_sessions(7, 2, 7),
        key::visit_services(7),
        key::visit_windows(7, 5, 14),
        key::bookings(7),
        key::profile(7),
    ];
    assert!(keys.iter().all(|k| k.starts_with("7/")), "{keys:?}");
    assert_eq!(keys[1], "7/meal_slots/3?days=14");
    assert_ne!(key::meal_slots(7, 3, 7), key::meal_slots(7, 3, 14));
    assert_ne!(key::bookings(7), key::bookings(70));
}
