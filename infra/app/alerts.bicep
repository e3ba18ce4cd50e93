// LogIngest's alerts: scheduled log queries over the Application Insights traces the app writes through
// OpenTelemetry. Each log line is a [LoggerMessage] whose event id lands in customDimensions.EventId and
// whose message placeholders land in customDimensions by name (src/LogIngest.Core/Observability/LogEventIds.cs):
//   104 RunEnded           RunId, ConfigId, Status, Duration, Sla, SlaMissed, Rows, ParentRunId
//   105 RunErrorRecorded   RunId, ConfigId, Code, Retryable, Where, Reason
//   106 RunHeartbeat       RunId, ConfigId, Beat, Interval
//   100 RunPlanned         RunId, ConfigId (a run's first line once it is under way)
//   8004 StreamLag         Hub, Partition, Sequence, LagSeconds
// tests/LogIngest.Infra.Tests checks each query against those event ids and names.
@description('Name of the Application Insights component the rules query.')
param applicationInsightsName string

@description('Region of the rules.')
param location string

@description('Tags for the rules.')
param tags object

@description('Prefix of the rule names.')
param namePrefix string

@description('Resource id of an existing action group every rule notifies. Empty: the rules fire without notifying anyone.')
param actionGroupResourceId string = ''

@minValue(1)
@maxValue(60)
@description('Minutes between a run\'s heartbeats (the app\'s LogIngestOptions.HeartbeatInterval, 2 by default); a run silent for 3 of them is stale.')
param heartbeatIntervalMinutes int = 2

@minValue(1)
@description('Seconds from enqueue to landing above which a stream partition is lagging.')
param streamLagThresholdSeconds int = 900

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var actions = empty(actionGroupResourceId) ? {} : {
  actionGroups: [
    actionGroupResourceId
  ]
}

var staleAfterMinutes = 3 * heartbeatIntervalMinutes

// Every rule: evaluated every 5 minutes over the last 15 (the stale heartbeat looks back further), fires
// when its query returns any row, one alert per row's dimensions.
var runFailedQuery = 'traces | where tostring(customDimensions.EventId) == "104" | extend Status = tostring(customDimensions.Status) | where Status in ("Failed", "Partial") | project timestamp, RunId = tostring(customDimensions.RunId), ConfigId = tostring(customDimensions.ConfigId), Status'
var nonRetryableQuery = 'traces | where tostring(customDimensions.EventId) == "105" | where tostring(customDimensions.Retryable) == "False" | project timestamp, RunId = tostring(customDimensions.RunId), ConfigId = tostring(customDimensions.ConfigId), Code = tostring(customDimensions.Code)'
var slaMissedQuery = 'traces | where tostring(customDimensions.EventId) == "104" | where tostring(customDimensions.SlaMissed) == "True" | project timestamp, RunId = tostring(customDimensions.RunId), ConfigId = tostring(customDimensions.ConfigId), Duration = tostring(customDimensions.Duration), Sla = tostring(customDimensions.Sla)'
var staleHeartbeatQuery = 'let lookback = 1d; let ended = traces | where timestamp > ago(lookback) | where tostring(customDimensions.EventId) == "104" | distinct RunId = tostring(customDimensions.RunId); traces | where timestamp > ago(lookback) | where tostring(customDimensions.EventId) in ("100", "106") | summarize LastSeen = max(timestamp) by RunId = tostring(customDimensions.RunId), ConfigId = tostring(customDimensions.ConfigId) | join kind=leftanti ended on RunId | where LastSeen < ago(${staleAfterMinutes}m)'
var streamLagQuery = 'traces | where tostring(customDimensions.EventId) == "8004" | extend LagSeconds = todouble(customDimensions.LagSeconds) | where LagSeconds > ${streamLagThresholdSeconds} | summarize LagSeconds = max(LagSeconds) by Hub = tostring(customDimensions.Hub), Partition = tostring(customDimensions.Partition)'

resource runFailed 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-run-failed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LogIngest: a run failed'
    description: 'A run ended FAILED or PARTIAL (RUN_END). logingest status <runId> or the run\'s audit rows name the windows and errors; a rerun resumes from checkpoints.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: runFailedQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'ConfigId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

resource nonRetryableError 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-non-retryable-error'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LogIngest: a non-retryable error'
    description: 'A run recorded an error whose code is not transient (D2xx data, C3xx config, R4xx resource, S5xx storage, U9xx): retrying alone will not fix it.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: nonRetryableQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'Code'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

resource slaMissed 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-sla-missed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LogIngest: a run missed its SLA'
    description: 'A run took longer than its config\'s sla (RUN_END sla_missed).'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: slaMissedQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'ConfigId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: actions
  }
}

resource staleHeartbeat 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-stale-heartbeat'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LogIngest: a run stopped sending heartbeats'
    description: 'A run that has not ended has written no heartbeat for 3 heartbeat intervals: its host may have died or the run is stuck. logingest status flags it too.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'P1D'
    criteria: {
      allOf: [
        {
          query: staleHeartbeatQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'RunId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

resource streamLag 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-stream-lag'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'LogIngest: a stream partition is lagging'
    description: 'A partition landed events more than the threshold after they were enqueued (StreamLag); logingest status shows each partition\'s watermark and lag.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: streamLagQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'Partition'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: actions
  }
}

output ruleNames array = [
  runFailed.name
  nonRetryableError.name
  slaMissed.name
  staleHeartbeat.name
  streamLag.name
]
