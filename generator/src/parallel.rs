//! Work spread over the machine's cores: one thread per core, each taking the next item in turn.
//!
//! A thread per item (what loading and printing did before) puts a dozen threads on two cores;
//! they then share them by time slices and contend in the allocator, and the largest item ends
//! last. Taking items in turn keeps every core busy to the end with no more threads than cores.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in the items' order, computed on as many threads as the machine has cores
/// (this one included). An item whose `f` panicked is `None` (the panic is printed as usual); the
/// others are unaffected.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { return done };
            done.push((index, catch_unwind(AssertUnwindSafe(|| f(item))).ok()));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        let theirs = helpers.into_iter().flat_map(|helper| helper.join().unwrap_or_default());
        for (index, result) in mine.into_iter().chain(theirs) {
            results[index] = result;
        }
    });
    results
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let squares = map(&items, |i| i * i);
        assert_eq!(squares, items.iter().map(|i| Some(i * i)).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_item_is_none_and_the_others_are_kept() {
        let items: Vec<usize> = (0..100).collect();
        let results = map(&items, |&i| if i == 37 { panic!("item {i}") } else { i });
        assert_eq!(results.iter().filter(|r| r.is_none()).count(), 1);
        assert_eq!(results[37], None);
        assert_eq!(results[36], Some(36));
    }

    #[test]
    fn no_items_no_work() {
        let results: Vec<Option<u8>> = map(&[] as &[u8], |_| unreachable!());
        assert!(results.is_empty());
    }
}
