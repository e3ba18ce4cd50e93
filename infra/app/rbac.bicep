// Data-plane roles for the app's user-assigned identity and, optionally, for the developer who runs azd
// (so the Functions host can run locally against the same resources). Role ids are Azure built-in roles.
param storageAccountName string
param lakeAccountName string
param cosmosAccountName string
param eventHubNamespaceName string
param appInsightsName string
param managedIdentityPrincipalId string
param userIdentityPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
param userIdentityPrincipalType string = 'User'
param allowUserIdentityPrincipal bool = false
param enableBlob bool = true
param enableQueue bool = false
param enableTable bool = false

var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var eventHubsDataReceiverRoleId = 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
var eventHubsDataSenderRoleId = '2b629674-e913-4c01-ae53-ef4638d8f975'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// A Cosmos DB data-plane role (sqlRoleDefinitions), not an Azure RBAC role.
var cosmosBuiltInDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

var assignToUser = allowUserIdentityPrincipal && !empty(userIdentityPrincipalId)

// Host storage: blob leases, package and checkpoints; queues and tables for Durable Functions.
var hostStorageRoleIds = concat(
  enableBlob ? [storageBlobDataOwnerRoleId] : [],
  enableQueue ? [storageQueueDataContributorRoleId] : [],
  enableTable ? [storageTableDataContributorRoleId] : []
)

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource lakeAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeAccountName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource eventHubNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubNamespaceName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Host storage
resource hostStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostStorageRoleIds: {
    name: guid(storageAccount.id, managedIdentityPrincipalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: managedIdentityPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource hostStorageRolesUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostStorageRoleIds: if (assignToUser) {
    name: guid(storageAccount.id, userIdentityPrincipalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userIdentityPrincipalId
      principalType: userIdentityPrincipalType
    }
  }
]

// Lake: write, list and delete Parquet files (orphan clean-up deletes).
resource lakeRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(lakeAccount.id, managedIdentityPrincipalId, storageBlobDataContributorRoleId)
  scope: lakeAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource lakeRoleUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (assignToUser) {
  name: guid(lakeAccount.id, userIdentityPrincipalId, storageBlobDataContributorRoleId)
  scope: lakeAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: userIdentityPrincipalId
    principalType: userIdentityPrincipalType
  }
}

// Cosmos DB: items in every container of the account (control, checkpoints, audit, streams).
resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, managedIdentityPrincipalId, cosmosBuiltInDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}'
    principalId: managedIdentityPrincipalId
    scope: cosmosAccount.id
  }
}

resource cosmosRoleUser 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (assignToUser) {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, userIdentityPrincipalId, cosmosBuiltInDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosBuiltInDataContributorRoleId}'
    principalId: userIdentityPrincipalId
    scope: cosmosAccount.id
  }
}

// Event Hubs: the app only receives; the developer may also send test events.
resource eventHubsReceiverRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventHubNamespace.id, managedIdentityPrincipalId, eventHubsDataReceiverRoleId)
  scope: eventHubNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventHubsDataReceiverRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource eventHubsRolesUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [eventHubsDataReceiverRoleId, eventHubsDataSenderRoleId]: if (assignToUser) {
    name: guid(eventHubNamespace.id, userIdentityPrincipalId, roleId)
    scope: eventHubNamespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userIdentityPrincipalId
      principalType: userIdentityPrincipalType
    }
  }
]

// Application Insights has local auth off: telemetry is accepted only from identities with this role.
resource appInsightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, managedIdentityPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appInsightsRoleUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (assignToUser) {
  name: guid(applicationInsights.id, userIdentityPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: userIdentityPrincipalId
    principalType: userIdentityPrincipalType
  }
}
