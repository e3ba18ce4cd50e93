// Deliberately broken: a misspelt property (allowSharedKeyAcess). The compiler reports it only as a
// warning and still writes a template in which shared keys stay on, so the build check must fail on warnings.
@description('Region of the account.')
param location string = resourceGroup().location

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: 'stfixture${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAcess: false
  }
}
