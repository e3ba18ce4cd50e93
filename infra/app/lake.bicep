// The data lake: an ADLS Gen2 account (hierarchical namespace) that LogIngest writes Parquet into through the
// Blob endpoint. Entra ID only: shared keys are off, so every writer needs a data role (rbac.bicep).
param name string
param location string = resourceGroup().location
param tags object = {}
param containerName string = 'lake'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
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
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: lake
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = lake.name
output resourceId string = lake.id
// Without the trailing slash, as LakeOptions expects it (https://<account>.blob.core.windows.net).
output blobEndpoint string = 'https://${lake.name}.blob.${environment().suffixes.storage}'
output containerName string = container.name
