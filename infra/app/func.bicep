// The LogIngest Functions app on Flex Consumption (Linux, dotnet-isolated). All connections are
// identity-based through one user-assigned identity; the runtime and worker are set in functionAppConfig,
// which is why FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings on Flex.
param name string
param location string = resourceGroup().location
param tags object = {}
@description('azd service name (azure.yaml); azd finds the app to deploy by this tag.')
param serviceName string = 'func'
param applicationInsightsName string
param appServicePlanId string
@description('Application settings of LogIngest itself, merged with the host connection settings.')
param appSettings object = {}
param runtimeName string
param runtimeVersion string
param storageAccountName string
param deploymentStorageContainerName string
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 100
param identityId string
param identityClientId string
param eventHubsFullyQualifiedNamespace string
param enableBlob bool = true
param enableQueue bool = false
param enableTable bool = false

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// AzureWebJobsStorage through the identity: used by the host, Durable Functions (Azure Storage backend)
// and the Event Hubs trigger's checkpoints.
var hostStorageSettings = union(
  {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
  },
  enableBlob ? { AzureWebJobsStorage__blobServiceUri: stg.properties.primaryEndpoints.blob } : {},
  enableQueue ? { AzureWebJobsStorage__queueServiceUri: stg.properties.primaryEndpoints.queue } : {},
  enableTable ? { AzureWebJobsStorage__tableServiceUri: stg.properties.primaryEndpoints.table } : {}
)

var platformSettings = {
  // The connection the Event Hub trigger names ("EventHubConnection").
  EventHubConnection__fullyQualifiedNamespace: eventHubsFullyQualifiedNamespace
  EventHubConnection__credential: 'managedidentity'
  EventHubConnection__clientId: identityClientId
  // DefaultAzureCredential in LogIngest's own clients (Log Analytics, lake, Cosmos) picks this identity.
  AZURE_CLIENT_ID: identityClientId
  // Telemetry with Entra ID auth, as Application Insights has local auth off.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Later entries win: the host and platform settings cannot be overridden by appSettings by accident.
var allAppSettings = union(appSettings, hostStorageSettings, platformSettings)

module app 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${stg.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
    siteConfig: {
      alwaysOn: false
    }
    httpsOnly: true
    appSettingsKeyValuePairs: allAppSettings
  }
}

output name string = app.outputs.name
output resourceId string = app.outputs.resourceId
output url string = 'https://${app.outputs.defaultHostname}'
