//! Map states (inline and distributed).

use super::machine::MAX_SECONDS;
use super::state::PathKind;
use super::{Builder, Expected, Fields};
use crate::diagnostic::Anchor;
use crate::json::{JsonNode, NodeKind};
use crate::model::{
    IntOrExpr, ItemBatcher, ItemProcessor, ItemReader, ItemsSource, MapMode, MapState,
    ProcessorConfig, QueryLanguage, ResultWriter,
};
use crate::validate::syntax;

impl Builder<'_, '_> {
    pub(crate) fn map(&mut self, f: &mut Fields<'_>, lang: QueryLanguage) -> Option<MapState> {
        let p = f.pointer.clone();
        let jp = lang == QueryLanguage::JsonPath;
        if !f.has("ItemProcessor") && !f.has("Iterator") {
            self.schema_error(
                &p,
                "These fields are required: [ItemProcessor]",
                None,
                Anchor::Key,
            );
        }
        self.exclusive(f, &p, "ItemProcessor", "Iterator");
        let item_processor = match (f.take("ItemProcessor"), f.take("Iterator")) {
            (Some(m), _) => {
                self.item_processor(&m.value, &Self::ptr(&p, "ItemProcessor"), lang, false)
            }
            (None, Some(m)) => {
                self.item_processor(&m.value, &Self::ptr(&p, "Iterator"), lang, true)
            }
            (None, None) => None,
        };
        let items = if jp {
            self.string_path_field(f, "ItemsPath", PathKind::Reference)
                .map(ItemsSource::ItemsPath)
        } else {
            f.take("Items").and_then(|m| {
                let ip = Self::ptr(&p, "Items");
                match &m.value.kind {
                    NodeKind::Array(_) => self.jsonata_value(&m.value, &ip),
                    NodeKind::String(s) if syntax::is_jsonata_template(s) => self.jsonata_string(s, &ip),
                    _ => {
                        self.schema_error(
                            &ip,
                            "The value for the field 'Items' must be an array or a JSONata expression",
                            Some(format!("found {}", m.value.type_name())),
                            Anchor::Value,
                        );
                        return None;
                    }
                }
                Some(ItemsSource::Items(m.value.to_value()))
            })
        };
        self.exclusive(f, &p, "ItemSelector", "Parameters");
        let item_selector = if jp {
            self.template_field(f, "ItemSelector")
        } else {
            self.jsonata_field(f, "ItemSelector")
        };
        let max_concurrency = f.take("MaxConcurrency").and_then(|m| {
            self.int_or_expr(m, &Self::ptr(&p, "MaxConcurrency"), lang, 0, MAX_SECONDS)
        });
        let tolerated_failure_percentage = f.take("ToleratedFailurePercentage").and_then(|m| {
            self.percentage(&m.value, &Self::ptr(&p, "ToleratedFailurePercentage"), lang)
        });
        let tolerated_failure_count = f.take("ToleratedFailureCount").and_then(|m| {
            self.int_or_expr(
                m,
                &Self::ptr(&p, "ToleratedFailureCount"),
                lang,
                0,
                u64::MAX,
            )
            .map(|v| match v {
                IntOrExpr::Int(i) => serde_json::Value::from(i),
                IntOrExpr::Expr(s) => serde_json::Value::String(s),
            })
        });
        let (mut mcp, mut tfpp, mut tfcp) = (None, None, None);
        if jp {
            mcp = self.string_path_field(f, "MaxConcurrencyPath", PathKind::Reference);
            tfpp = self.string_path_field(f, "ToleratedFailurePercentagePath", PathKind::Reference);
            tfcp = self.string_path_field(f, "ToleratedFailureCountPath", PathKind::Reference);
        }
        self.exclusive(f, &p, "MaxConcurrency", "MaxConcurrencyPath");
        self.exclusive(
            f,
            &p,
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
        );
        self.exclusive(f, &p, "ToleratedFailureCount", "ToleratedFailureCountPath");
        let item_reader = f
            .take("ItemReader")
            .and_then(|m| self.item_reader(&m.value, &Self::ptr(&p, "ItemReader"), lang));
        let item_batcher = f
            .take("ItemBatcher")
            .and_then(|m| self.item_batcher(&m.value, &Self::ptr(&p, "ItemBatcher"), lang));
        let result_writer = f
            .take("ResultWriter")
            .and_then(|m| self.result_writer(&m.value, &Self::ptr(&p, "ResultWriter"), lang));
        let label = f
            .take("Label")
            .and_then(|m| self.string(m, &Self::ptr(&p, "Label")));
        Some(MapState {
            item_processor: item_processor?,
            items,
            item_selector,
            max_concurrency,
            max_concurrency_path: mcp,
            tolerated_failure_percentage,
            tolerated_failure_percentage_path: tfpp,
            tolerated_failure_count,
            tolerated_failure_count_path: tfcp,
            item_reader,
            item_batcher,
            result_writer,
            label,
        })
    }

    fn percentage(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
    ) -> Option<serde_json::Value> {
        if let (QueryLanguage::Jsonata, Some(s)) = (lang, node.as_str()) {
            if syntax::is_jsonata_template(s) {
                self.jsonata_string(s, ptr);
                return Some(node.to_value());
            }
        }
        match node.as_number().and_then(serde_json::Number::as_f64) {
            Some(v) if (0.0..=100.0).contains(&v) => Some(node.to_value()),
            Some(v) => {
                self.schema_error(
                    ptr,
                    "The value for the field 'ToleratedFailurePercentage' must be between 0 and 100",
                    Some(format!("found {v}")),
                    Anchor::Value,
                );
                None
            }
            None => {
                self.type_error(ptr, "ToleratedFailurePercentage", Expected::Number, node);
                None
            }
        }
    }

    fn item_processor(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
        legacy: bool,
    ) -> Option<ItemProcessor> {
        let mut f = Fields::of(
            self,
            node,
            ptr,
            if legacy { "Iterator" } else { "ItemProcessor" },
        )?;
        let mut processor_config = ProcessorConfig::default();
        if let Some(m) = f.take("ProcessorConfig") {
            let cp = Self::ptr(ptr, "ProcessorConfig");
            if let Some(mut cf) = Fields::of(self, &m.value, &cp, "ProcessorConfig") {
                if let Some(m) = cf.take("Mode") {
                    let mp = Self::ptr(&cp, "Mode");
                    match self.string(m, &mp).as_deref() {
                        Some("INLINE") => processor_config.mode = MapMode::Inline,
                        Some("DISTRIBUTED") => processor_config.mode = MapMode::Distributed,
                        Some(other) => self.schema_error(
                            &mp,
                            format!("The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED], but was '{other}'"),
                            None,
                            Anchor::Value,
                        ),
                        None => {}
                    }
                }
                if let Some(m) = cf.take("ExecutionType") {
                    let ep = Self::ptr(&cp, "ExecutionType");
                    match self.string(m, &ep) {
                        Some(s) if s == "STANDARD" || s == "EXPRESS" => processor_config.execution_type = Some(s),
                        Some(other) => self.schema_error(
                            &ep,
                            format!("The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS], but was '{other}'"),
                            None,
                            Anchor::Value,
                        ),
                        None => {}
                    }
                }
                cf.finish(self, |_| None);
            }
        }
        let machine = self.nested_machine(&mut f, lang);
        f.finish(self, |_| None);
        Some(ItemProcessor {
            processor_config,
            machine: machine?,
            legacy_iterator: legacy,
        })
    }

    fn item_reader(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
    ) -> Option<ItemReader> {
        let mut f = Fields::of(self, node, ptr, "ItemReader")?;
        f.require(self, &["Resource"]);
        let resource = f
            .take("Resource")
            .and_then(|m| self.string(m, &Self::ptr(ptr, "Resource")));
        let reader_config = f
            .take("ReaderConfig")
            .and_then(|m| self.expect_object(m, &Self::ptr(ptr, "ReaderConfig")))
            .map(JsonNode::to_value);
        let (parameters, arguments) = self.parameters_or_arguments(&mut f, lang);
        f.finish(self, |k| super::state::field_hint(k, lang, None));
        Some(ItemReader {
            resource: resource?,
            reader_config,
            parameters,
            arguments,
        })
    }

    fn parameters_or_arguments(
        &mut self,
        f: &mut Fields<'_>,
        lang: QueryLanguage,
    ) -> (Option<serde_json::Value>, Option<serde_json::Value>) {
        match lang {
            QueryLanguage::JsonPath => (self.template_field(f, "Parameters"), None),
            QueryLanguage::Jsonata => (None, self.jsonata_field(f, "Arguments")),
        }
    }

    fn item_batcher(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
    ) -> Option<ItemBatcher> {
        let mut f = Fields::of(self, node, ptr, "ItemBatcher")?;
        let max_items_per_batch = f.take("MaxItemsPerBatch").and_then(|m| {
            self.int_or_expr(m, &Self::ptr(ptr, "MaxItemsPerBatch"), lang, 1, u64::MAX)
        });
        let max_input_bytes_per_batch = f.take("MaxInputBytesPerBatch").and_then(|m| {
            self.int_or_expr(
                m,
                &Self::ptr(ptr, "MaxInputBytesPerBatch"),
                lang,
                1,
                u64::MAX,
            )
        });
        let mut out = ItemBatcher {
            max_items_per_batch,
            max_input_bytes_per_batch,
            ..ItemBatcher::default()
        };
        if lang == QueryLanguage::JsonPath {
            out.max_items_per_batch_path =
                self.string_path_field(&mut f, "MaxItemsPerBatchPath", PathKind::Reference);
            out.max_input_bytes_per_batch_path =
                self.string_path_field(&mut f, "MaxInputBytesPerBatchPath", PathKind::Reference);
            out.batch_input = self.template_field(&mut f, "BatchInput");
        } else {
            out.batch_input = self.jsonata_field(&mut f, "BatchInput");
        }
        f.finish(self, |k| super::state::field_hint(k, lang, None));
        Some(out)
    }

    fn result_writer(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
    ) -> Option<ResultWriter> {
        let mut f = Fields::of(self, node, ptr, "ResultWriter")?;
        let resource = f
            .take("Resource")
            .and_then(|m| self.string(m, &Self::ptr(ptr, "Resource")));
        let writer_config = f
            .take("WriterConfig")
            .and_then(|m| self.expect_object(m, &Self::ptr(ptr, "WriterConfig")))
            .map(JsonNode::to_value);
        let (parameters, arguments) = self.parameters_or_arguments(&mut f, lang);
        f.finish(self, |k| super::state::field_hint(k, lang, None));
        Some(ResultWriter {
            resource,
            parameters: parameters.or(arguments),
            writer_config,
        })
    }
}
