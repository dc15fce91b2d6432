//! The `preserve_order` object map of aslplay's serde_json build: the entries in insertion
//! order in one vector, and a hash index of them only once a map has more than
//! [`LINEAR_MAX`] entries.
//!
//! It replaces `indexmap::IndexMap` (same method names and semantics: `swap_remove` and
//! `shift_remove`, an `insert` of an existing key keeps its position, equality ignores order).
//! Most JSON objects are small: scanning a few keys is cheaper than hashing one, an object is a
//! single allocation instead of two, and the map is 32 bytes instead of 72 (so is `Value`).

use alloc::boxed::Box;
use alloc::vec::{self, Vec};
use core::borrow::Borrow;
use core::fmt::{self, Debug};
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::{mem, ops, slice};

/// Up to this many entries a lookup scans the keys; past it, the map keeps a hash index.
const LINEAR_MAX: usize = 16;

/// A map that keeps insertion order.
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
    /// Positions in `entries` by key hash; `None` while the map is small.
    index: Option<Box<hashbrown::HashTable<usize>>>,
}

/// Whether two keys are equal, compared in place: keys are short, and a call to `memcmp`
/// (a byte loop in wasm) costs more than the comparison for most of them.
#[inline(always)]
pub(crate) fn key_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map(u64::from_le_bytes)
    };
    let word4 = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|c| <[u8; 4]>::try_from(c).ok())
            .map(u32::from_le_bytes)
    };
    match n {
        // The first and the last eight (or four) bytes, overlapping.
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

fn hash_of<Q: Hash + ?Sized>(key: &Q) -> u64 {
    let mut h = Fx(0);
    key.hash(&mut h);
    h.finish()
}

/// FxHash as rustc-hash 2 writes it: a rotate, xor and multiply per word, the result rotated so
/// that hashbrown's bucket bits are well mixed. Plenty for one object's keys, and a fraction
/// of a general-purpose hasher's code (this map is part of the playground page's download).
struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            self.add(u64::from_le_bytes(w));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

impl<K, V> VecMap<K, V> {
    /// An empty map (no allocation).
    pub const fn new() -> Self {
        VecMap {
            entries: Vec::new(),
            index: None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index = None;
    }

    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.entries.iter())
    }

    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        IterMut(self.entries.iter_mut())
    }

    pub fn keys(&self) -> Keys<'_, K, V> {
        Keys(self.entries.iter())
    }

    pub fn values(&self) -> Values<'_, K, V> {
        Values(self.entries.iter())
    }

    pub fn values_mut(&mut self) -> ValuesMut<'_, K, V> {
        ValuesMut(self.entries.iter_mut())
    }

    pub fn into_values(self) -> IntoValues<K, V> {
        IntoValues(self.entries.into_iter())
    }
}

impl<K: Hash + Eq, V> VecMap<K, V> {
    pub fn with_capacity(capacity: usize) -> Self {
        let mut map = VecMap {
            entries: Vec::with_capacity(capacity),
            index: None,
        };
        if capacity > LINEAR_MAX {
            map.index = Some(Box::new(hashbrown::HashTable::with_capacity(capacity)));
        }
        map
    }

    /// The position of `key`.
    fn find<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        match &self.index {
            None => self.entries.iter().position(|(k, _)| k.borrow() == key),
            Some(index) => {
                let entries = &self.entries;
                index
                    .find(hash_of(key), |&i| {
                        entries.get(i).is_some_and(|(k, _)| k.borrow() == key)
                    })
                    .copied()
            }
        }
    }

    /// Indexes every entry afresh (after entries moved), or drops the index of a small map.
    fn reindex(&mut self) {
        if self.entries.len() <= LINEAR_MAX {
            self.index = None;
            return;
        }
        let mut table = hashbrown::HashTable::with_capacity(self.entries.len());
        for i in 0..self.entries.len() {
            index_insert(&mut table, &self.entries, i);
        }
        self.index = Some(Box::new(table));
    }

    /// Appends an entry whose key the caller knows is not in the map.
    pub(crate) fn push_new(&mut self, key: K, value: V) {
        self.push(key, value);
    }

    /// Appends an entry whose key is not in the map.
    fn push(&mut self, key: K, value: V) -> usize {
        let i = self.entries.len();
        self.entries.push((key, value));
        match &mut self.index {
            Some(index) => index_insert(index, &self.entries, i),
            None if self.entries.len() > LINEAR_MAX => self.reindex(),
            None => {}
        }
        i
    }

    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        let i = self.find(key)?;
        self.entries.get(i).map(|(_, v)| v)
    }

    pub fn get_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        let i = self.find(key)?;
        self.entries.get(i).map(|(k, v)| (k, v))
    }

    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        let i = self.find(key)?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        self.find(key).is_some()
    }

    /// Inserts or replaces; an existing key keeps its position (and its original key).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Some(i) => self.entries.get_mut(i).map(|(_, v)| mem::replace(v, value)),
            None => {
                self.push(key, value);
                None
            }
        }
    }

    /// Inserts at `index`, moving a present key there. Panics if `index` is out of bounds
    /// (`> len` for a new key, `>= len` for a present one), as `IndexMap::shift_insert` does.
    pub fn shift_insert(&mut self, index: usize, key: K, value: V) -> Option<V> {
        let old = match self.find(&key) {
            Some(i) => {
                assert!(index < self.entries.len(), "index out of bounds");
                let (k, old) = self.entries.remove(i);
                self.entries.insert(index, (k, value));
                Some(old)
            }
            None => {
                assert!(index <= self.entries.len(), "index out of bounds");
                self.entries.insert(index, (key, value));
                None
            }
        };
        self.reindex();
        old
    }

    pub fn swap_remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        self.swap_remove_entry(key).map(|(_, v)| v)
    }

    pub fn swap_remove_entry<Q>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        let i = self.find(key)?;
        Some(self.swap_remove_index(i))
    }

    pub fn shift_remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        self.shift_remove_entry(key).map(|(_, v)| v)
    }

    pub fn shift_remove_entry<Q>(&mut self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: ?Sized + Hash + Eq,
    {
        let i = self.find(key)?;
        Some(self.shift_remove_index(i))
    }

    /// Removes the entry at `i` (in bounds), the last entry taking its place.
    fn swap_remove_index(&mut self, i: usize) -> (K, V) {
        let last = self.entries.len() - 1;
        if let Some(index) = &mut self.index {
            index_move(index, &self.entries, i, None);
            if i != last {
                index_move(index, &self.entries, last, Some(i));
            }
        }
        let removed = self.entries.swap_remove(i);
        if self.entries.len() <= LINEAR_MAX {
            self.index = None;
        }
        removed
    }

    /// Removes the entry at `i` (in bounds), the later entries moving up.
    fn shift_remove_index(&mut self, i: usize) -> (K, V) {
        let removed = self.entries.remove(i);
        if self.index.is_some() {
            self.reindex();
        }
        removed
    }

    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        match self.find(&key) {
            Some(index) => Entry::Occupied(OccupiedEntry { map: self, index }),
            None => Entry::Vacant(VacantEntry { map: self, key }),
        }
    }

    pub fn retain<F>(&mut self, mut keep: F)
    where
        F: FnMut(&K, &mut V) -> bool,
    {
        let before = self.entries.len();
        self.entries.retain_mut(|(k, v)| keep(k, v));
        if self.entries.len() != before {
            self.reindex();
        }
    }

    pub fn sort_unstable_keys(&mut self)
    where
        K: Ord,
    {
        self.entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if self.index.is_some() {
            self.reindex();
        }
    }
}

/// Adds entry `i` of `entries` to `table`.
#[inline(never)]
fn index_insert<K: Hash, V>(table: &mut hashbrown::HashTable<usize>, entries: &[(K, V)], i: usize) {
    if let Some((k, _)) = entries.get(i) {
        table.insert_unique(hash_of(k), i, |&j| {
            entries.get(j).map_or(0, |(k, _)| hash_of(k))
        });
    }
}

/// Points `table`'s slot for entry `from` of `entries` at `to`, or removes it.
#[inline(never)]
fn index_move<K: Hash, V>(
    table: &mut hashbrown::HashTable<usize>,
    entries: &[(K, V)],
    from: usize,
    to: Option<usize>,
) {
    let Some((k, _)) = entries.get(from) else {
        return;
    };
    if let Ok(mut slot) = table.find_entry(hash_of(k), |&j| j == from) {
        match to {
            Some(to) => *slot.get_mut() = to,
            None => {
                slot.remove();
            }
        }
    }
}

impl<V> VecMap<alloc::string::String, V> {
    /// [`VecMap::get`] with a `str` key, a small map's keys compared in place ([`key_eq`]).
    #[inline]
    pub fn get_str(&self, key: &str) -> Option<&V> {
        if self.index.is_some() {
            return self.get(key);
        }
        self.entries
            .iter()
            .find(|(k, _)| key_eq(k.as_bytes(), key.as_bytes()))
            .map(|(_, v)| v)
    }

    /// [`VecMap::get_mut`] with a `str` key (see [`VecMap::get_str`]).
    #[inline]
    pub fn get_mut_str(&mut self, key: &str) -> Option<&mut V> {
        if self.index.is_some() {
            return self.get_mut(key);
        }
        self.entries
            .iter_mut()
            .find(|(k, _)| key_eq(k.as_bytes(), key.as_bytes()))
            .map(|(_, v)| v)
    }
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap::new()
    }
}

impl<K: Clone, V: Clone> Clone for VecMap<K, V> {
    fn clone(&self) -> Self {
        VecMap {
            entries: self.entries.clone(),
            index: self.index.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.entries.clone_from(&source.entries);
        self.index.clone_from(&source.index);
    }
}

/// Equal when both have the same keys with equal values, in any order (as `IndexMap`).
impl<K: Hash + Eq, V: PartialEq> PartialEq for VecMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .entries
                .iter()
                .all(|(k, v)| other.get(k).is_some_and(|w| v == w))
    }
}

impl<K: Debug, V: Debug> Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K, V, Q> ops::Index<&Q> for VecMap<K, V>
where
    K: Borrow<Q> + Hash + Eq,
    Q: ?Sized + Hash + Eq,
{
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<K: Hash + Eq, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<T: IntoIterator<Item = (K, V)>>(&mut self, iter: T) {
        let iter = iter.into_iter();
        self.entries.reserve(iter.size_hint().0);
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Hash + Eq, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let mut map = VecMap::new();
        map.extend(iter);
        map
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = IntoIter<K, V>;

    fn into_iter(self) -> IntoIter<K, V> {
        IntoIter(self.entries.into_iter())
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

/// An entry of [`VecMap::entry`].
pub enum Entry<'a, K, V> {
    Vacant(VacantEntry<'a, K, V>),
    Occupied(OccupiedEntry<'a, K, V>),
}

/// A key that is not in the map yet.
pub struct VacantEntry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    key: K,
}

impl<'a, K: Hash + Eq, V> VacantEntry<'a, K, V> {
    pub fn key(&self) -> &K {
        &self.key
    }

    pub fn insert(self, value: V) -> &'a mut V {
        let i = self.map.push(self.key, value);
        &mut self.map.entries[i].1
    }
}

/// A key in the map, at `index`.
pub struct OccupiedEntry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    index: usize,
}

impl<'a, K: Hash + Eq, V> OccupiedEntry<'a, K, V> {
    pub fn key(&self) -> &K {
        &self.map.entries[self.index].0
    }

    pub fn get(&self) -> &V {
        &self.map.entries[self.index].1
    }

    pub fn get_mut(&mut self) -> &mut V {
        &mut self.map.entries[self.index].1
    }

    pub fn into_mut(self) -> &'a mut V {
        &mut self.map.entries[self.index].1
    }

    pub fn insert(&mut self, value: V) -> V {
        mem::replace(self.get_mut(), value)
    }

    pub fn swap_remove(self) -> V {
        self.swap_remove_entry().1
    }

    pub fn shift_remove(self) -> V {
        self.shift_remove_entry().1
    }

    pub fn swap_remove_entry(self) -> (K, V) {
        self.map.swap_remove_index(self.index)
    }

    pub fn shift_remove_entry(self) -> (K, V) {
        self.map.shift_remove_index(self.index)
    }
}

macro_rules! iterator {
    ($(#[$doc:meta])* $name:ident<$($lt:lifetime,)? K, V>($inner:ty) => $item:ty, |$e:pat_param| $map:expr) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name<$($lt,)? K, V>($inner);

        impl<$($lt,)? K, V> Iterator for $name<$($lt,)? K, V> {
            type Item = $item;

            #[inline]
            fn next(&mut self) -> Option<$item> {
                self.0.next().map(|$e| $map)
            }

            #[inline]
            fn size_hint(&self) -> (usize, Option<usize>) {
                self.0.size_hint()
            }
        }

        impl<$($lt,)? K, V> DoubleEndedIterator for $name<$($lt,)? K, V> {
            #[inline]
            fn next_back(&mut self) -> Option<$item> {
                self.0.next_back().map(|$e| $map)
            }
        }

        impl<$($lt,)? K, V> ExactSizeIterator for $name<$($lt,)? K, V> {
            #[inline]
            fn len(&self) -> usize {
                self.0.len()
            }
        }

        impl<$($lt,)? K, V> FusedIterator for $name<$($lt,)? K, V> {}
    };
}

iterator!(
    /// The entries, in order.
    Iter<'a, K, V>(slice::Iter<'a, (K, V)>) => (&'a K, &'a V), |(k, v)| (k, v)
);
iterator!(
    /// The entries, values mutable.
    IterMut<'a, K, V>(slice::IterMut<'a, (K, V)>) => (&'a K, &'a mut V), |(k, v)| (&*k, v)
);
iterator!(
    /// The entries, owned.
    IntoIter<K, V>(vec::IntoIter<(K, V)>) => (K, V), |e| e
);
iterator!(
    /// The keys, in order.
    Keys<'a, K, V>(slice::Iter<'a, (K, V)>) => &'a K, |(k, _)| k
);
iterator!(
    /// The values, in order.
    Values<'a, K, V>(slice::Iter<'a, (K, V)>) => &'a V, |(_, v)| v
);
iterator!(
    /// The values, mutable.
    ValuesMut<'a, K, V>(slice::IterMut<'a, (K, V)>) => &'a mut V, |(_, v)| v
);
iterator!(
    /// The values, owned.
    IntoValues<K, V>(vec::IntoIter<(K, V)>) => V, |(_, v)| v
);

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter(self.0.clone())
    }
}

impl<K, V> Clone for Keys<'_, K, V> {
    fn clone(&self) -> Self {
        Keys(self.0.clone())
    }
}

impl<K, V> Clone for Values<'_, K, V> {
    fn clone(&self) -> Self {
        Values(self.0.clone())
    }
}
