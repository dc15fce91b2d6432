//! Task `Resource` checks: ARN shape, known optimized integrations, Express restrictions.

use super::MachineType;

/// A problem with a resource, as (code is always SCHEMA_VALIDATION_FAILED) message + help.
pub(crate) struct ResourceProblem {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

/// Service integrations (`arn:aws:states:::<service>:<action>`) Step Functions optimizes;
/// anything else goes through `arn:aws:states:::aws-sdk:<service>:<action>`.
const OPTIMIZED: &[(&str, &[&str])] = &[
    ("lambda", &["invoke"]),
    ("sns", &["publish"]),
    ("sqs", &["sendMessage"]),
    (
        "dynamodb",
        &["getItem", "putItem", "updateItem", "deleteItem"],
    ),
    ("states", &["startExecution"]),
    ("events", &["putEvents"]),
    ("ecs", &["runTask"]),
    ("batch", &["submitJob"]),
    ("glue", &["startJobRun"]),
    (
        "athena",
        &[
            "startQueryExecution",
            "stopQueryExecution",
            "getQueryExecution",
            "getQueryResults",
        ],
    ),
    ("apigateway", &["invoke"]),
    ("http", &["invoke"]),
    ("bedrock", &["invokeModel", "createModelCustomizationJob"]),
    (
        "codebuild",
        &[
            "startBuild",
            "stopBuild",
            "batchDeleteBuilds",
            "batchGetReports",
            "startBuildBatch",
        ],
    ),
    (
        "eks",
        &[
            "runJob",
            "call",
            "createCluster",
            "deleteCluster",
            "createNodegroup",
            "deleteNodegroup",
            "createFargateProfile",
            "deleteFargateProfile",
        ],
    ),
    (
        "elasticmapreduce",
        &[
            "createCluster",
            "terminateCluster",
            "addStep",
            "cancelStep",
            "setClusterTerminationProtection",
            "modifyInstanceFleetByName",
            "modifyInstanceGroupByName",
        ],
    ),
    (
        "emr-containers",
        &[
            "startJobRun",
            "createVirtualCluster",
            "deleteVirtualCluster",
        ],
    ),
    (
        "emr-serverless",
        &[
            "createApplication",
            "startApplication",
            "stopApplication",
            "deleteApplication",
            "startJobRun",
            "cancelJobRun",
        ],
    ),
    ("glue", &["startJobRun"]),
    ("mediaconvert", &["createJob"]),
    (
        "sagemaker",
        &[
            "createTrainingJob",
            "createTransformJob",
            "createEndpoint",
            "createEndpointConfig",
            "createHyperParameterTuningJob",
            "createLabelingJob",
            "createModel",
            "createProcessingJob",
            "updateEndpoint",
        ],
    ),
    ("databrew", &["startJobRun"]),
    ("s3", &["getObject", "putObject", "listObjectsV2"]),
];

/// Checks one resource.
pub(crate) fn check_resource(resource: &str, machine_type: MachineType) -> Option<ResourceProblem> {
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let is_arn = parts.len() >= 6 && parts.first() == Some(&"arn");
    if !is_arn {
        return Some(not_recognized(resource));
    }
    let service = parts.get(2).copied().unwrap_or_default();
    let region = parts.get(3).copied().unwrap_or_default();
    let rest = parts.get(5).copied().unwrap_or_default();
    if service == "states" && region.is_empty() {
        // Service integration: arn:aws:states:::<service>:<action>[.sync[:2]|.waitForTaskToken]
        let (target, pattern) = split_pattern(rest);
        if machine_type == MachineType::Express {
            match pattern {
                Some(p) if p.starts_with("sync") => {
                    return Some(ResourceProblem {
                        message: "Express state machine does not support '.sync' service integration".into(),
                        help: Some("Express workflows only support Request Response integrations; use a STANDARD machine, or drop '.sync'".into()),
                    })
                }
                Some("waitForTaskToken") => {
                    return Some(ResourceProblem {
                        // AWS's message has a trailing space before " at <location>".
                        message: "Express state machine does not support '.waitForTaskToken' service integration ".into(),
                        help: Some("Express workflows cannot wait for a task token; use a STANDARD machine".into()),
                    })
                }
                _ => {}
            }
        }
        if let Some(p) = pattern {
            if !matches!(p, "sync" | "sync:2" | "waitForTaskToken") {
                return Some(not_recognized(resource));
            }
        }
        let mut it = target.splitn(2, ':');
        let svc = it.next().unwrap_or_default();
        let action = it.next().unwrap_or_default();
        let known = if svc == "aws-sdk" {
            let mut sdk = action.splitn(2, ':');
            let s = sdk.next().unwrap_or_default();
            let a = sdk.next().unwrap_or_default();
            !s.is_empty() && !a.is_empty() && a.chars().next().is_some_and(char::is_alphabetic)
        } else {
            OPTIMIZED
                .iter()
                .any(|(s, actions)| *s == svc && actions.contains(&action))
        };
        if !known {
            let help = if svc == "aws-sdk" {
                "SDK integrations are written arn:aws:states:::aws-sdk:<service>:<apiAction>"
                    .to_string()
            } else {
                format!(
                    "'{svc}:{action}' is not an optimized integration; call any API through \
                     arn:aws:states:::aws-sdk:{svc}:{action}"
                )
            };
            return Some(ResourceProblem {
                help: Some(help),
                ..not_recognized(resource)
            });
        }
        return None;
    }
    if service == "states" && rest.starts_with("activity:") && machine_type == MachineType::Express
    {
        return Some(ResourceProblem {
            message: "Express state machine does not support Activity ARN".into(),
            help: Some("activities need a STANDARD machine".into()),
        });
    }
    None
}

fn split_pattern(rest: &str) -> (&str, Option<&str>) {
    // The action is after the second ':' of "<service>:<action>"; the pattern after its '.'.
    match rest.find('.') {
        Some(i) => (rest.get(..i).unwrap_or(rest), rest.get(i + 1..)),
        None => (rest, None),
    }
}

fn not_recognized(resource: &str) -> ResourceProblem {
    ResourceProblem {
        message: format!(
            "The resource provided {resource} is not recognized. The value is not a valid resource \
             ARN, or the resource is not available in this region."
        ),
        help: Some(
            "use a Lambda function ARN, an activity ARN, or a service integration such as \
             arn:aws:states:::lambda:invoke"
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources() {
        let s = MachineType::Standard;
        let e = MachineType::Express;
        for ok in [
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::aws-sdk:s3:listBuckets",
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "arn:aws:states:us-east-1:123456789012:activity:a",
        ] {
            assert!(check_resource(ok, s).is_none(), "{ok}");
        }
        assert!(check_resource("arn:aws:states:::dynamodb:query", s)
            .unwrap()
            .message
            .contains("not recognized"));
        assert!(check_resource("create_activity", s).is_some());
        assert!(
            check_resource("arn:aws:states:::sns:publish.waitForTaskToken", e)
                .unwrap()
                .message
                .ends_with("integration ")
        );
        assert!(
            check_resource("arn:aws:states:::states:startExecution.sync", e)
                .unwrap()
                .message
                .contains("'.sync'")
        );
        assert!(check_resource("arn:aws:states:us-east-1:1:activity:a", e)
            .unwrap()
            .message
            .contains("Activity ARN"));
        assert!(check_resource("arn:aws:states:::lambda:invoke", e).is_none());
    }
}
