// Data-plane roles in the app's resource group for the app's user-assigned identity and, optionally, for the
// developer who runs azd (so the Functions host can run locally against the same resources). Each role is
// assigned once per principal in `principals`; the source workspace's role is in source-workspace-access.bicep.
@description('Host storage account (AzureWebJobsStorage).')
param hostStorageAccountName string

@description('Lake storage account.')
param lakeAccountName string

@description('Cosmos DB account of the state store.')
param cosmosAccountName string

@description('Event Hubs namespace of the stream.')
param eventHubNamespaceName string

@description('Application Insights component of the app.')
param applicationInsightsName string

@description('Principal (object) id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Object id of the developer who gets the same roles; empty: none.')
param developerPrincipalId string

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Kind of developerPrincipalId.')
param developerPrincipalType string

// Azure built-in roles.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var eventHubsDataReceiverRoleId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
var eventHubsDataSenderRoleId = '2b629674-e913-4c01-ae53-ef4638d8f975'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// A Cosmos DB data-plane role (a sqlRoleDefinition of every account), not an Azure RBAC role.
var cosmosBuiltInDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var appPrincipal = {
  id: appPrincipalId
  type: 'ServicePrincipal'
}
var developerPrincipals = empty(developerPrincipalId)
  ? []
  : [
      {
        id: developerPrincipalId
        type: developerPrincipalType
      }
    ]
var principals = concat([appPrincipal], developerPrincipals)

resource hostStorage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: hostStorageAccountName
}

resource lake 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: lakeAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' existing = {
  name: cosmosAccountName
}

resource eventHubNamespace 'Microsoft.EventHub/namespaces@2026-01-01' existing = {
  name: eventHubNamespaceName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Host storage: blobs (leases, keys, checkpoints, the package), queues and tables (Durable Functions on the
// Azure Storage backend keeps its work items in queues and its history in tables).
resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(hostStorage.id, principal.id, storageBlobDataOwnerRoleId)
    scope: hostStorage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(hostStorage.id, principal.id, storageQueueDataContributorRoleId)
    scope: hostStorage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

resource hostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(hostStorage.id, principal.id, storageTableDataContributorRoleId)
    scope: hostStorage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

// Lake: write, list and delete Parquet files (orphan clean-up deletes).
resource lakeBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(lake.id, principal.id, storageBlobDataContributorRoleId)
    scope: lake
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

// Cosmos DB: items in every container of the account (control, checkpoints, audit, streams).
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2026-03-15' = [
  for principal in principals: {
    parent: cosmos
    name: guid(cosmos.id, principal.id, cosmosBuiltInDataContributorRoleId)
    properties: {
      roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}'
      principalId: principal.id
      scope: cosmos.id
    }
  }
]

// Event Hubs: the app only receives.
resource eventHubsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(eventHubNamespace.id, principal.id, eventHubsDataReceiverRoleId)
    scope: eventHubNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiverRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

// The developer may also send test events.
resource eventHubsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in developerPrincipals: {
    name: guid(eventHubNamespace.id, principal.id, eventHubsDataSenderRoleId)
    scope: eventHubNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataSenderRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

// Application Insights has local auth off: it accepts telemetry only from identities with this role.
resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(applicationInsights.id, principal.id, monitoringMetricsPublisherRoleId)
    scope: applicationInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]
