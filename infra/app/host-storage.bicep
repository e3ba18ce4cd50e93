// Host storage of the Functions app: the runtime's leases and keys, Durable Functions on the Azure Storage
// backend (queues, tables, blobs), the Event Hubs trigger's checkpoints and the Flex Consumption deployment
// package. Entra ID only: shared keys are off, so the app reaches it through its identity (rbac.bicep).
@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Region of the account.')
param location string

@description('Tags for the account.')
param tags object

@description('Blob container that receives the app package on each deployment.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS' // runtime state only, rebuilt by the app; no need for geo-redundancy
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = storage.name
output resourceId string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
