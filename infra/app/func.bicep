// The LogIngest Functions app on a Flex Consumption plan (FC1, Linux). The runtime (dotnet-isolated) and its
// version live in functionAppConfig, which is why FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are
// not app settings on Flex. Every connection is identity-based through one user-assigned identity.
@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan and the app.')
param tags object

@description('azd service name (azure.yaml); azd finds the app to deploy by the azd-service-name tag.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Blob endpoint of the host storage account (https://<account>.blob.core.windows.net/).')
param hostStorageBlobEndpoint string

@description('Container of the host storage account that receives the app package.')
param deploymentContainerName string

@allowed([
  512
  2048
  4096
])
@description('Memory of one instance in MB.')
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
@description('Upper bound of scale-out.')
param maximumInstanceCount int

@description('Every app setting of the app, name to value; main.bicep builds the list.')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

// No publishing with user names and passwords (local auth): azd deploys with an Entra ID token.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output resourceId string = app.id
output url string = 'https://${app.properties.defaultHostName}'
