/** StartSyncExecution request (AWS SDK v3 `StartSyncExecutionInput`). */
export interface StartSyncExecutionInput {
  /** State machine, version (`:<n>`) or alias ARN; `#TestCase` selects mocks. */
  stateMachineArn?: string;
  /** Execution name (1-80 characters); default: a UUID from the seeded random source. */
  name?: string;
  /** Input JSON text; default "{}". */
  input?: string;
  traceHeader?: string;
  includedData?: "ALL_DATA" | "METADATA_ONLY";
}

export interface BillingDetails {
  billedMemoryUsedInMB: number;
  billedDurationInMilliseconds: number;
}

/** StartSyncExecution response (AWS SDK v3 `StartSyncExecutionOutput`). */
export interface StartSyncExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: Date;
  stopDate: Date;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  error?: string;
  cause?: string;
  input?: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  traceHeader?: string;
  billingDetails: BillingDetails;
}

/** Step Functions Local MockConfigFile. */
export interface MockConfig {
  StateMachines: Record<string, { TestCases: Record<string, Record<string, string>> }>;
  MockedResponses: Record<
    string,
    Record<
      string,
      | { Return: unknown; DurationMs?: number }
      | { Throw: { Error: string; Cause: string }; DurationMs?: number }
    >
  >;
}

/** Run options: seed, virtual start time, mocks, timing, recording. */
export interface SyncOptions {
  seed?: number;
  /** RFC 3339; default 2026-01-01T00:00:00Z. */
  startTime?: string;
  mockConfig?: MockConfig;
  /** Simulated time per state transition, microseconds (default 1000). */
  transitionUs?: number;
  /** Simulated duration of a mocked Task without DurationMs (default 50 ms). */
  defaultTaskMs?: number;
  recordHistory?: boolean;
  recordTrace?: boolean;
}

/** One-shot options: the machine to create, and the run options. */
export interface RunOptions extends SyncOptions {
  definition: string;
  /** Default "MyStateMachine". */
  stateMachineName?: string;
  /** Default "EXPRESS". */
  type?: "EXPRESS" | "STANDARD";
  region?: string;
  account?: string;
  roleArn?: string;
  /** "DELETING" simulates a machine being deleted (StateMachineDeleting). */
  stateMachineStatus?: "ACTIVE" | "DELETING";
  /** Appended as `#testCase` when the request has no stateMachineArn. */
  testCase?: string;
}

/** A GetExecutionHistory event. */
export interface HistoryEvent {
  timestamp: string;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** The data of one state visit (TestState inspectionData vocabulary). */
export interface StateTrace {
  name: string;
  stateType: string;
  scope: string;
  status: "succeeded" | "failed" | "caught";
  input: unknown;
  output?: unknown;
  [stage: string]: unknown;
}

export interface CostEstimate {
  executions: number;
  gbHours: number;
  requestUsd: number;
  durationUsd: number;
  totalUsd: number;
  perExecutionUsd: number;
}

/** startSyncExecutionDetailed's result. */
export interface SyncRun {
  response: StartSyncExecutionOutput;
  history: HistoryEvent[];
  historyTruncated: boolean;
  trace: StateTrace[];
  transitions: number;
  memory: { definitionBytes: number; payloadBytes: number; mapParallelSteps: number };
  cost: CostEstimate;
}

export interface ValidateStateMachineDefinitionInput {
  definition: string;
  /** Default "STANDARD", as in AWS. */
  type?: "EXPRESS" | "STANDARD";
}

export interface ValidateStateMachineDefinitionDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
  span?: unknown;
  help?: string;
}

export interface ValidateStateMachineDefinitionOutput {
  result: "OK" | "FAIL";
  diagnostics: ValidateStateMachineDefinitionDiagnostic[];
  truncated: boolean;
}

export interface CreateStateMachineInput {
  name: string;
  definition: string;
  /** Default "EXPRESS" (AWS: STANDARD). */
  type?: "EXPRESS" | "STANDARD";
  roleArn?: string;
  publish?: boolean;
}

export interface CreateStateMachineOutput {
  stateMachineArn: string;
  stateMachineVersionArn?: string;
}

/**
 * Request errors are thrown as `Error`s whose `name` is the AWS exception:
 * ValidationException, InvalidArn, InvalidName, InvalidExecutionInput, InvalidDefinition,
 * StateMachineDoesNotExist, StateMachineDeleting, StateMachineTypeNotSupported,
 * StateMachineAlreadyExists, and the aslplay extensions InvalidMockConfig, InvalidOptions,
 * SerializationException (an argument of the wrong shape).
 */
export interface AslplayError extends Error {
  name: string;
  __type: string;
  $fault: "client";
}
