// The data lake: an ADLS Gen2 account (hierarchical namespace) that LogIngest writes Parquet into through the
// Blob endpoint. Entra ID only: shared keys are off, so every writer needs a data role (rbac.bicep).
@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Region of the account.')
param location string

@description('Tags for the account.')
param tags object

@description('Container that receives the Parquet files.')
param containerName string

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Redundancy of the lake.')
param skuName string = 'Standard_LRS'

resource lake 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    isHnsEnabled: true
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
  parent: lake
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = lake.name
output resourceId string = lake.id
// Without the trailing slash, as the Lake__BlobEndpoint setting is documented (https://<account>.blob.core.windows.net).
output blobEndpoint string = 'https://${lake.name}.blob.${environment().suffixes.storage}'
output containerName string = container.name
