// LogIngest on Azure: a Durable Functions app on Flex Consumption that exports Log Analytics tables to an
// ADLS Gen2 lake as Parquet, keeps its state in Cosmos DB and lands an Event Hub stream beside the tables.
// Every connection is identity-based (one user-assigned identity); shared keys and local auth are off.
// Native resources only (no registry modules), so `bicep build` works offline; tests/LogIngest.Infra.Tests
// compiles this file with the Bicep CLI and checks the result.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique token in every resource name.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. Limited to regions that offer Flex Consumption.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'eastus2euap'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer who runs azd; gets the same data roles as the app so the Functions host can run locally against these resources. Empty: no developer roles.')
param principalId string = deployer().objectId

@description('Kind of principalId: User for a person, ServicePrincipal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Resource id of the Log Analytics workspace to export from (/subscriptions/.../resourceGroups/.../providers/Microsoft.OperationalInsights/workspaces/...). It may live in another resource group or subscription. Empty: no Log Analytics Reader assignment and LogAnalytics__WorkspaceId stays empty.')
param sourceWorkspaceResourceId string = ''

@description('Log Analytics query API endpoint; differs in sovereign clouds. Empty: the public cloud endpoint.')
param logAnalyticsEndpoint string = ''

@description('NCRONTAB schedule of the daily load (six fields, UTC). Empty: 0 0 2 * * * (02:00 UTC every day).')
param dailyLoadSchedule string = ''

@minLength(3)
@maxLength(45)
@description('Durable Functions task hub (app setting TaskHubName, read by host.json): letters and digits, starting with a letter. Two apps sharing one host storage account need different names.')
param taskHubName string = 'LogIngest'

@description('Event hub the streaming path reads.')
param streamHubName string = 'logs'

@description('Consumer group of the streaming trigger (its own, so other readers of the hub do not share its offsets).')
param streamConsumerGroup string = 'logingest'

@minValue(1)
@maxValue(32)
@description('Partitions of the stream hub; fixed once the hub exists on the Standard tier.')
param streamPartitionCount int = 4

@minValue(1)
@maxValue(7)
@description('Days the stream hub keeps events (Standard tier: 1 to 7).')
param streamMessageRetentionInDays int = 1

@description('Resource id of an existing action group that LogIngest\'s alert rules notify (app/alerts.bicep). Empty: the rules fire without notifying anyone.')
param alertActionGroupResourceId string = ''

@description('Lake container that receives the Parquet files.')
param lakeContainerName string = 'lake'

@description('Cosmos DB database that holds the control, checkpoints, audit and streams containers.')
param cosmosDatabaseName string = 'logingest'

@allowed([
  512
  2048
  4096
])
@description('Memory of one Flex Consumption instance in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Upper bound of Flex Consumption scale-out. Log Analytics runs at most 5 queries at once per identity, so more instances mostly help the stream.')
param maximumInstanceCount int = 100

// Optional name overrides; empty means <abbreviation><token>.
@description('Resource group; empty: rg-<environmentName>.')
param resourceGroupName string = ''
@description('Function app; empty: func-logingest-<token>.')
param functionAppName string = ''
@description('User-assigned identity; empty: id-logingest-<token>.')
param userAssignedIdentityName string = ''
@description('Flex Consumption plan; empty: plan-<token>.')
param appServicePlanName string = ''
@description('Host storage account; empty: st<token>.')
param storageAccountName string = ''
@description('Lake storage account; empty: stlake<token>.')
param lakeAccountName string = ''
@description('Cosmos DB account; empty: cosmos-<token>.')
param cosmosAccountName string = ''
@description('Event Hubs namespace; empty: evhns-<token>.')
param eventHubNamespaceName string = ''
@description('The app\'s own Log Analytics workspace; empty: log-<token>.')
param logAnalyticsName string = ''
@description('Application Insights component; empty: appi-<token>.')
param applicationInsightsName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var serviceName = 'func'
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}logingest-${resourceToken}'
var deploymentContainerName = toLower('app-package-${take(appName, 32)}-${take(uniqueString(appName, resourceToken), 7)}')
var effectiveLogAnalyticsEndpoint = !empty(logAnalyticsEndpoint) ? logAnalyticsEndpoint : 'https://api.loganalytics.azure.com'
var effectiveDailyLoadSchedule = !empty(dailyLoadSchedule) ? dailyLoadSchedule : '0 0 2 * * *'
var hasSourceWorkspace = !empty(sourceWorkspaceResourceId)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: !empty(userAssignedIdentityName) ? userAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}logingest-${resourceToken}'
    location: location
    tags: tags
  }
}

module hostStorage './app/host-storage.bicep' = {
  name: 'hostStorage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module lake './app/lake.bicep' = {
  name: 'lake'
  scope: rg
  params: {
    name: !empty(lakeAccountName) ? lakeAccountName : '${abbrs.storageStorageAccounts}lake${resourceToken}'
    location: location
    tags: tags
    containerName: lakeContainerName
  }
}

module cosmos './app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: !empty(cosmosAccountName) ? cosmosAccountName : '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
  }
}

module eventHubs './app/eventhubs.bicep' = {
  name: 'eventHubs'
  scope: rg
  params: {
    name: !empty(eventHubNamespaceName) ? eventHubNamespaceName : '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    hubName: streamHubName
    consumerGroupName: streamConsumerGroup
    partitionCount: streamPartitionCount
    messageRetentionInDays: streamMessageRetentionInDays
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

// Scheduled log queries on Application Insights: a failed run, a non-retryable error, an SLA miss, a stale
// heartbeat, stream lag; each notifies the action group when one is given.
module alerts './app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    location: location
    tags: tags
    namePrefix: 'logingest-${resourceToken}'
    actionGroupResourceId: alertActionGroupResourceId
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    hostStorageAccountName: hostStorage.outputs.name
    lakeAccountName: lake.outputs.name
    cosmosAccountName: cosmos.outputs.name
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

// The source workspace usually lives elsewhere, so its reader role is assigned by a deployment in the
// workspace's own subscription and resource group, both taken from its resource id. The fallback id keeps the
// split well-formed when no workspace is given (the module is then skipped).
var sourceWorkspaceIdParts = split(hasSourceWorkspace ? sourceWorkspaceResourceId : '/subscriptions/${subscription().subscriptionId}/resourceGroups/none/providers/Microsoft.OperationalInsights/workspaces/none', '/')

module sourceWorkspaceAccess './app/source-workspace-access.bicep' = if (hasSourceWorkspace) {
  name: 'sourceWorkspaceAccess-${resourceToken}'
  scope: resourceGroup(sourceWorkspaceIdParts[2], sourceWorkspaceIdParts[4])
  params: {
    workspaceName: last(sourceWorkspaceIdParts)
    appPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

var sourceWorkspaceCustomerId = hasSourceWorkspace ? sourceWorkspaceAccess!.outputs.workspaceCustomerId : ''

// Every app setting of the function app, one line each (add a setting here and nowhere else). The LogIngest
// keys are the ones the code reads (src/LogIngest.Azure/Hosting/AzureAppSettings.cs, `%Name%` in host.json and
// in the function attributes); tests/LogIngest.Infra.Tests fails when one is missing.
var appSettings = {
  // Host storage (Functions runtime, Durable Functions on the Azure Storage backend, Event Hubs checkpoints).
  AzureWebJobsStorage__accountName: hostStorage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  // The connection the Event Hub trigger names.
  EventHubConnection__fullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
  EventHubConnection__credential: 'managedidentity'
  EventHubConnection__clientId: identity.outputs.clientId
  // DefaultAzureCredential in LogIngest's own clients (Log Analytics, lake, Cosmos) picks this identity.
  AZURE_CLIENT_ID: identity.outputs.clientId
  // Telemetry: local auth is off on Application Insights, so it is sent with the identity's Entra ID token.
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
  TaskHubName: taskHubName
  DailyLoadSchedule: effectiveDailyLoadSchedule
  LogAnalytics__Endpoint: effectiveLogAnalyticsEndpoint
  LogAnalytics__WorkspaceId: sourceWorkspaceCustomerId
  Lake__BlobEndpoint: lake.outputs.blobEndpoint
  Lake__Container: lake.outputs.containerName
  COSMOS__accountEndpoint: cosmos.outputs.endpoint
  Cosmos__Database: cosmos.outputs.databaseName
  Stream__HubName: eventHubs.outputs.hubName
  Stream__ConsumerGroup: eventHubs.outputs.consumerGroupName
}

module func './app/func.bicep' = {
  name: 'func'
  scope: rg
  params: {
    name: appName
    planName: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityResourceId: identity.outputs.resourceId
    hostStorageBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainerName: hostStorage.outputs.deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
  }
  // Start the host only once its identity can reach storage, or the first cold start fails on 403s.
  dependsOn: [
    rbac
  ]
}

// azd writes these into the environment (.azure/<env>/.env); infra/hooks/postprovision.* turns the
// application ones into src/LogIngest.Functions/local.settings.json.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_FUNC_NAME string = func.outputs.name
output AZURE_FUNCTION_APP_NAME string = func.outputs.name
output AZURE_FUNCTION_URL string = func.outputs.url
output FUNCTION_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output FUNCTION_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output LOG_ANALYTICS_ENDPOINT string = effectiveLogAnalyticsEndpoint
output LOG_ANALYTICS_WORKSPACE_ID string = sourceWorkspaceCustomerId
output LAKE_ACCOUNT_NAME string = lake.outputs.name
output LAKE_BLOB_ENDPOINT string = lake.outputs.blobEndpoint
output LAKE_CONTAINER string = lake.outputs.containerName
output COSMOS_ACCOUNT_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output EVENTHUB_NAMESPACE_NAME string = eventHubs.outputs.namespaceName
output EVENTHUB_FULLY_QUALIFIED_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output STREAM_HUB_NAME string = eventHubs.outputs.hubName
output STREAM_CONSUMER_GROUP string = eventHubs.outputs.consumerGroupName
output DAILY_LOAD_SCHEDULE string = effectiveDailyLoadSchedule
output TASK_HUB_NAME string = taskHubName
output ALERT_ACTION_GROUP_ID string = alertActionGroupResourceId
