//! `Map` state fields, inline and distributed.

use super::{IntOrExpr, StateMachine};
use serde_json::Value;

/// `ProcessorConfig.Mode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapMode {
    /// `INLINE` (the default).
    #[default]
    Inline,
    /// `DISTRIBUTED`: child executions; iterations cannot read outer variables.
    Distributed,
}

/// `ProcessorConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessorConfig {
    /// `Mode`.
    pub mode: MapMode,
    /// `ExecutionType` (`STANDARD` | `EXPRESS`), distributed only.
    pub execution_type: Option<String>,
}

/// `ItemProcessor` (or the legacy `Iterator`).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemProcessor {
    /// `ProcessorConfig` (absent for the legacy `Iterator`).
    pub processor_config: ProcessorConfig,
    /// The machine run once per item.
    pub machine: StateMachine,
    /// Whether the definition used the legacy field name `Iterator`.
    pub legacy_iterator: bool,
}

/// Where a Map state's items come from.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemsSource {
    /// `ItemsPath` (JSONPath reference path; default `$`).
    ItemsPath(String),
    /// `Items` (JSONata: an array or an expression).
    Items(Value),
}

/// `ItemReader` (distributed Map reading from S3 etc.).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemReader {
    /// `Resource`.
    pub resource: String,
    /// `ReaderConfig`.
    pub reader_config: Option<Value>,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub parameters: Option<Value>,
    /// `Arguments`.
    pub arguments: Option<Value>,
}

/// `ItemBatcher`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch`.
    pub max_items_per_batch: Option<IntOrExpr>,
    /// `MaxItemsPerBatchPath`.
    pub max_items_per_batch_path: Option<String>,
    /// `MaxInputBytesPerBatch`.
    pub max_input_bytes_per_batch: Option<IntOrExpr>,
    /// `MaxInputBytesPerBatchPath`.
    pub max_input_bytes_per_batch_path: Option<String>,
    /// `BatchInput`.
    pub batch_input: Option<Value>,
}

/// `ResultWriter`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultWriter {
    /// `Resource`.
    pub resource: Option<String>,
    /// `Parameters` / `Arguments`.
    pub parameters: Option<Value>,
    /// `WriterConfig`.
    pub writer_config: Option<Value>,
}

/// `Map` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    /// `ItemProcessor` / `Iterator`.
    pub item_processor: ItemProcessor,
    /// `ItemsPath` or `Items`; `None` means the whole (effective) input.
    pub items: Option<ItemsSource>,
    /// `ItemSelector` (or legacy `Parameters`, which the state keeps in `State::parameters`).
    pub item_selector: Option<Value>,
    /// `MaxConcurrency` (0 = unlimited).
    pub max_concurrency: Option<IntOrExpr>,
    /// `MaxConcurrencyPath`.
    pub max_concurrency_path: Option<String>,
    /// `ToleratedFailurePercentage`.
    pub tolerated_failure_percentage: Option<Value>,
    /// `ToleratedFailurePercentagePath`.
    pub tolerated_failure_percentage_path: Option<String>,
    /// `ToleratedFailureCount`.
    pub tolerated_failure_count: Option<Value>,
    /// `ToleratedFailureCountPath`.
    pub tolerated_failure_count_path: Option<String>,
    /// `ItemReader`.
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher`.
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter`.
    pub result_writer: Option<ResultWriter>,
    /// `Label` (distributed Map).
    pub label: Option<String>,
}
