//! Simulated Express billing (`billingDetails`) and a cost estimate. See docs/billing.md.
//!
//! Duration: the virtual time from start to stop (advanced by the executor's
//! [`TimingModel`](crate::exec::TimingModel)), rounded up to the next 100 ms, at least 100 ms.
//! Memory: AWS's published estimate, `50 MB + definition size + execution data size × number of
//! Map or Parallel steps`, billed in 64 MB chunks, at least 64 MB.

use serde::{Deserialize, Serialize};

/// Duration is billed in steps of this many milliseconds.
pub const DURATION_STEP_MS: u64 = 100;
/// Memory is billed in chunks of this many MB.
pub const MEMORY_CHUNK_MB: u64 = 64;
/// The fixed part of AWS's memory estimate.
pub const BASE_MEMORY_BYTES: u64 = 50 * 1024 * 1024;

/// `billingDetails` of a StartSyncExecution response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingDetails {
    /// Billed memory, in MB (a multiple of 64).
    #[serde(rename = "billedMemoryUsedInMB")]
    pub billed_memory_used_in_mb: u64,
    /// Billed duration, in milliseconds (a multiple of 100).
    #[serde(rename = "billedDurationInMilliseconds")]
    pub billed_duration_in_milliseconds: u64,
}

/// What the memory estimate is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemoryEstimate {
    /// UTF-8 size of the definition.
    pub definition_bytes: u64,
    /// Execution data size: the larger of the execution input and output (UTF-8, compact).
    pub payload_bytes: u64,
    /// Map iterations and Parallel branches started.
    pub map_parallel_steps: u64,
}

impl MemoryEstimate {
    /// Estimated bytes used: 50 MB + definition + payload × steps.
    pub fn bytes(&self) -> u64 {
        BASE_MEMORY_BYTES
            .saturating_add(self.definition_bytes)
            .saturating_add(self.payload_bytes.saturating_mul(self.map_parallel_steps))
    }
}

/// Rounds a duration up to AWS's 100 ms billing step (minimum 100 ms).
pub fn billed_duration_ms(duration_ms: u64) -> u64 {
    duration_ms.div_ceil(DURATION_STEP_MS).max(1) * DURATION_STEP_MS
}

/// Rounds estimated memory up to 64 MB chunks (minimum 64 MB).
pub fn billed_memory_mb(bytes: u64) -> u64 {
    let chunk = MEMORY_CHUNK_MB * 1024 * 1024;
    bytes.div_ceil(chunk).max(1) * MEMORY_CHUNK_MB
}

/// Billing details from a run's duration and memory estimate.
pub fn billing_details(duration_ms: u64, memory: &MemoryEstimate) -> BillingDetails {
    BillingDetails {
        billed_memory_used_in_mb: billed_memory_mb(memory.bytes()),
        billed_duration_in_milliseconds: billed_duration_ms(duration_ms),
    }
}

/// Express prices in us-east-1 (USD), from the AWS Step Functions pricing page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prices {
    /// Price of one request (execution start): $1.00 per million.
    pub per_request: f64,
    /// Duration tiers per month: (GB-hours in the tier, or `None` for the rest; $ per GB-hour).
    pub gb_hour_tiers: Vec<(Option<f64>, f64)>,
}

impl Default for Prices {
    fn default() -> Self {
        Self {
            per_request: 1.0 / 1_000_000.0,
            gb_hour_tiers: vec![
                (Some(1_000.0), 0.06),
                (Some(4_000.0), 0.03),
                (None, 0.01642),
            ],
        }
    }
}

/// The estimated cost of running an execution like this one `executions` times in a month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CostEstimate {
    /// How many executions the estimate is for.
    pub executions: u64,
    /// GB-hours billed in all.
    pub gb_hours: f64,
    /// Request charges (USD).
    pub request_usd: f64,
    /// Duration charges (USD), tiered.
    pub duration_usd: f64,
    /// Total (USD).
    pub total_usd: f64,
    /// Total divided by `executions` (USD).
    pub per_execution_usd: f64,
}

/// Estimates the cost of `executions` executions billed like `billing`, at `prices`.
pub fn estimate_cost(billing: &BillingDetails, executions: u64, prices: &Prices) -> CostEstimate {
    let n = executions as f64;
    let gb_seconds = billing.billed_duration_in_milliseconds as f64 / 1000.0
        * billing.billed_memory_used_in_mb as f64
        / 1024.0;
    let gb_hours = gb_seconds / 3600.0 * n;
    let mut left = gb_hours;
    let mut duration_usd = 0.0;
    for (size, price) in &prices.gb_hour_tiers {
        let used = match size {
            Some(s) => left.min(*s),
            None => left,
        };
        duration_usd += used * price;
        left -= used;
        if left <= 0.0 {
            break;
        }
    }
    let request_usd = prices.per_request * n;
    let total_usd = request_usd + duration_usd;
    CostEstimate {
        executions,
        gb_hours,
        request_usd,
        duration_usd,
        total_usd,
        per_execution_usd: if executions == 0 { 0.0 } else { total_usd / n },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_rounds_up_to_100ms() {
        let table = [
            (0, 100),
            (1, 100),
            (99, 100),
            (100, 100),
            (101, 200),
            (1234, 1300),
        ];
        for (ms, billed) in table {
            assert_eq!(billed_duration_ms(ms), billed, "{ms}");
        }
    }

    #[test]
    fn memory_in_64mb_chunks() {
        let mb = 1024 * 1024;
        let table = [
            (0, 64),
            (50 * mb, 64),
            (64 * mb, 64),
            (64 * mb + 1, 128),
            (200 * mb, 256),
        ];
        for (bytes, billed) in table {
            assert_eq!(billed_memory_mb(bytes), billed, "{bytes}");
        }
    }

    #[test]
    fn aws_pricing_example_memory() {
        // AWS's example: 50 KB definition, 400 Map steps with 32 KB payload → 62.85 MB → 64 MB.
        let m = MemoryEstimate {
            definition_bytes: 50 * 1024,
            payload_bytes: 32 * 1024,
            map_parallel_steps: 400,
        };
        assert_eq!(billing_details(10_000, &m).billed_memory_used_in_mb, 64);
        let big = MemoryEstimate {
            map_parallel_steps: 1000,
            ..m
        };
        assert_eq!(billing_details(10_000, &big).billed_memory_used_in_mb, 128);
    }

    #[test]
    fn aws_pricing_example_cost() {
        // AWS's example: 100M executions, 10 s, 64 MB → 17,361.11 GB-hours; $100 + $382.97.
        let b = BillingDetails {
            billed_memory_used_in_mb: 64,
            billed_duration_in_milliseconds: 10_000,
        };
        let c = estimate_cost(&b, 100_000_000, &Prices::default());
        assert!((c.gb_hours - 17_361.11).abs() < 0.01, "{}", c.gb_hours);
        assert!((c.request_usd - 100.0).abs() < 1e-6);
        assert!((c.duration_usd - 382.97).abs() < 0.01, "{}", c.duration_usd);
        assert!((c.total_usd - 482.97).abs() < 0.01);
    }

    #[test]
    fn single_execution_cost() {
        let b = BillingDetails {
            billed_memory_used_in_mb: 64,
            billed_duration_in_milliseconds: 100,
        };
        let c = estimate_cost(&b, 1, &Prices::default());
        // 0.1 s × 0.0625 GB = 0.00625 GB-s = 1.736e-6 GB-h × $0.06 = $1.04e-7; plus $1e-6.
        assert!(
            (c.duration_usd - 1.0416e-7).abs() < 1e-10,
            "{}",
            c.duration_usd
        );
        assert!((c.total_usd - 1.10416e-6).abs() < 1e-10);
    }
}
