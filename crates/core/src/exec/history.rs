//! Execution history in the `GetExecutionHistory` vocabulary.
//!
//! Event ids are always counted (AWS quotes them in runtime error causes: "entered at the event
//! id #N"), even when events themselves are not recorded.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// One history event, as `aws stepfunctions get-execution-history` prints it.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEvent {
    /// Event id, starting at 1.
    pub id: u64,
    /// The id of the event this one follows (0 = none).
    pub previous_event_id: u64,
    /// Virtual time of the event, in milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// Event type, e.g. `PassStateEntered`.
    pub event_type: String,
    /// The name of the details field, e.g. `stateEnteredEventDetails` (empty: none).
    pub details_key: &'static str,
    /// The details object.
    pub details: Value,
}

impl Serialize for HistoryEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("timestamp", &crate::time::format_iso8601(self.timestamp_ms))?;
        map.serialize_entry("type", &self.event_type)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("previousEventId", &self.previous_event_id)?;
        if !self.details_key.is_empty() {
            map.serialize_entry(self.details_key, &self.details)?;
        }
        map.end()
    }
}

/// Numbers events and, when enabled, records them.
#[derive(Debug, Default)]
pub struct History {
    next_id: u64,
    record: bool,
    max_events: usize,
    events: Vec<HistoryEvent>,
    truncated: bool,
}

impl History {
    /// A history that records events when `record` is true, up to `max_events`.
    pub fn new(record: bool, max_events: usize) -> Self {
        Self {
            next_id: 1,
            record,
            max_events,
            events: Vec::new(),
            truncated: false,
        }
    }

    /// Adds an event following `previous` and returns its id.
    #[inline]
    pub fn push(
        &mut self,
        previous: u64,
        timestamp_ms: i64,
        event_type: impl Into<String>,
        details_key: &'static str,
        details: impl FnOnce() -> Value,
    ) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        if self.record {
            if self.events.len() < self.max_events {
                self.events.push(HistoryEvent {
                    id,
                    previous_event_id: previous,
                    timestamp_ms,
                    event_type: event_type.into(),
                    details_key,
                    details: details(),
                });
            } else {
                self.truncated = true;
            }
        }
        id
    }

    /// Takes the recorded events out.
    pub fn into_events(self) -> (Vec<HistoryEvent>, bool) {
        (self.events, self.truncated)
    }
}
