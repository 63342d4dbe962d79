//! One stable sort for the whole engine and the web app.
//!
//! `slice::sort_by_key` instantiates the standard library's sort (driftsort, about 3.5 KB of wasm)
//! once for every distinct closure. The page ships under a size budget, and some thirty call sites
//! sorting spans, quotes, candidates and labels cost some 50 KB of code. Here the comparison is
//! handed over as `&mut dyn FnMut` on `u32` indexes, so the standard sort is compiled once; each call
//! site adds only its closure and a small permutation. Stable, like `slice::sort_by`; `O(n log n)`
//! comparisons and `O(n)` moves.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let n = u32::try_from(v.len()).unwrap_or(u32::MAX);
    let mut order: Vec<u32> = (0..n).collect();
    {
        let items: &[T] = v;
        sort_indexes(&mut order, &mut |a, b| cmp(&items[a as usize], &items[b as usize]));
    }
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` returns, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard sort.
#[inline(never)]
fn sort_indexes(order: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that `v[k]` becomes the old `v[order[k]]`, following cycles with swaps.
/// `order` is left as the identity.
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] as usize != start {
            let from = order[at] as usize;
            v.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same result as the standard stable sort, including the order of equal keys.
        #[test]
        fn matches_std_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = v.clone();
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn sort_by_matches_std(v in proptest::collection::vec(any::<i32>(), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut std_sorted = v;
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
