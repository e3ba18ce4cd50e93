// LogIngest on Azure: a Durable Functions app on Flex Consumption that exports Log Analytics tables to an
// ADLS Gen2 lake as Parquet, keeps its state in Cosmos DB and lands an Event Hub stream beside the tables.
// Every connection is identity-based (one user-assigned identity); shared keys and local auth are off.
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

@description('NCRONTAB schedule of the daily load (six fields, UTC). Empty: 02:00 UTC every day.')
param dailyLoadSchedule string = ''

@description('Event hub the streaming path reads.')
param streamHubName string = 'logs'

@description('Consumer group of the streaming trigger (its own, so other readers of the hub do not share its offsets).')
param streamConsumerGroup string = 'logingest'

@minValue(1)
@maxValue(32)
@description('Partitions of the stream hub; fixed once created on the Standard tier.')
param streamPartitionCount int = 4

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
param resourceGroupName string = ''
param functionAppName string = ''
param userAssignedIdentityName string = ''
param appServicePlanName string = ''
param storageAccountName string = ''
param lakeAccountName string = ''
param cosmosAccountName string = ''
param eventHubNamespaceName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var serviceName = 'func'
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}logingest-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(appName, 32)}-${take(toLower(uniqueString(appName, resourceToken)), 7)}'
var effectiveLogAnalyticsEndpoint = !empty(logAnalyticsEndpoint) ? logAnalyticsEndpoint : 'https://api.loganalytics.azure.com'
var effectiveDailyLoadSchedule = !empty(dailyLoadSchedule) ? dailyLoadSchedule : '0 0 2 * * *'
var hasSourceWorkspace = !empty(sourceWorkspaceResourceId)

// Durable Functions on the Azure Storage backend keeps its history in tables, its work items in queues and
// its leases in blobs, so the host storage needs all three service URIs and roles (files are not used).
var storageEndpointConfig = {
  enableBlob: true
  enableQueue: true
  enableTable: true
  allowUserIdentityPrincipal: true
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The one identity the app uses for every service; rbac.bicep grants it its roles.
module appIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'appUserAssignedIdentity'
  scope: rg
  params: {
    name: !empty(userAssignedIdentityName) ? userAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}logingest-${resourceToken}'
    location: location
    tags: tags
  }
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appserviceplan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

// Host storage: the Functions runtime, Durable Functions, Event Hubs checkpoints and the deployment package.
module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    skuName: 'Standard_LRS' // runtime state only; the module's default is geo-redundant
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        {
          name: deploymentStorageContainerName
        }
      ]
    }
    minimumTlsVersion: 'TLS1_2'
    location: location
    tags: tags
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
  name: 'eventhubs'
  scope: rg
  params: {
    name: !empty(eventHubNamespaceName) ? eventHubNamespaceName : '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    hubName: streamHubName
    consumerGroupName: streamConsumerGroup
    partitionCount: streamPartitionCount
  }
}

// The app's own telemetry. Local auth is off, so ingestion needs Monitoring Metrics Publisher (rbac.bicep).
module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: '${uniqueString(deployment().name, location)}-loganalytics'
  scope: rg
  params: {
    name: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
    dataRetention: 30
  }
}

module monitoring 'br/public:avm/res/insights/component:0.6.0' = {
  name: '${uniqueString(deployment().name, location)}-appinsights'
  scope: rg
  params: {
    name: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbacAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    lakeAccountName: lake.outputs.name
    cosmosAccountName: cosmos.outputs.name
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    appInsightsName: monitoring.outputs.name
    managedIdentityPrincipalId: appIdentity.outputs.principalId
    userIdentityPrincipalId: principalId
    userIdentityPrincipalType: principalType
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
    allowUserIdentityPrincipal: storageEndpointConfig.allowUserIdentityPrincipal
  }
}

// The source workspace usually lives elsewhere, so its reader role is assigned by a deployment in its own
// resource group. The fallback id keeps the split well-formed when no workspace is given (the module is skipped).
var sourceWorkspaceIdParts = split(hasSourceWorkspace ? sourceWorkspaceResourceId : '/subscriptions/${subscription().subscriptionId}/resourceGroups/none/providers/Microsoft.OperationalInsights/workspaces/none', '/')

module sourceWorkspaceAccess './app/source-workspace-access.bicep' = if (hasSourceWorkspace) {
  name: 'sourceWorkspaceAccess-${resourceToken}'
  scope: resourceGroup(sourceWorkspaceIdParts[2], sourceWorkspaceIdParts[4])
  params: {
    workspaceName: last(sourceWorkspaceIdParts)
    managedIdentityPrincipalId: appIdentity.outputs.principalId
    userIdentityPrincipalId: principalId
    userIdentityPrincipalType: principalType
  }
}

var sourceWorkspaceCustomerId = hasSourceWorkspace ? sourceWorkspaceAccess!.outputs.workspaceCustomerId : ''

module func './app/func.bicep' = {
  name: 'func'
  scope: rg
  params: {
    name: appName
    location: location
    tags: tags
    serviceName: serviceName
    applicationInsightsName: monitoring.outputs.name
    appServicePlanId: appServicePlan.outputs.resourceId
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    storageAccountName: storage.outputs.name
    enableBlob: storageEndpointConfig.enableBlob
    enableQueue: storageEndpointConfig.enableQueue
    enableTable: storageEndpointConfig.enableTable
    deploymentStorageContainerName: deploymentStorageContainerName
    identityId: appIdentity.outputs.resourceId
    identityClientId: appIdentity.outputs.clientId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    eventHubsFullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
    // What LogIngest itself reads (the keys of local.settings.sample.json), plus the consumer group.
    appSettings: {
      LogAnalytics__Endpoint: effectiveLogAnalyticsEndpoint
      LogAnalytics__WorkspaceId: sourceWorkspaceCustomerId
      Lake__BlobEndpoint: lake.outputs.blobEndpoint
      Lake__Container: lake.outputs.containerName
      COSMOS__accountEndpoint: cosmos.outputs.endpoint
      Cosmos__Database: cosmos.outputs.databaseName
      Stream__HubName: eventHubs.outputs.hubName
      Stream__ConsumerGroup: eventHubs.outputs.consumerGroupName
      DailyLoadSchedule: effectiveDailyLoadSchedule
    }
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
output AZURE_FUNCTION_NAME string = func.outputs.name
output AZURE_FUNCTION_URL string = func.outputs.url
output FUNCTION_IDENTITY_CLIENT_ID string = appIdentity.outputs.clientId
output FUNCTION_IDENTITY_PRINCIPAL_ID string = appIdentity.outputs.principalId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output LOG_ANALYTICS_ENDPOINT string = effectiveLogAnalyticsEndpoint
output LOG_ANALYTICS_WORKSPACE_ID string = sourceWorkspaceCustomerId
output LAKE_ACCOUNT_NAME string = lake.outputs.name
output LAKE_BLOB_ENDPOINT string = lake.outputs.blobEndpoint
output LAKE_CONTAINER string = lake.outputs.containerName
output COSMOS_ACCOUNT_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output EVENTHUB_FULLY_QUALIFIED_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output STREAM_HUB_NAME string = eventHubs.outputs.hubName
output STREAM_CONSUMER_GROUP string = eventHubs.outputs.consumerGroupName
output DAILY_LOAD_SCHEDULE string = effectiveDailyLoadSchedule
