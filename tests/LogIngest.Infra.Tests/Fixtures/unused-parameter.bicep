// Deliberately broken for the linter only: a parameter nothing uses (no-unused-params in infra/bicepconfig.json).
@description('Region of the identity.')
param location string = resourceGroup().location

@description('Not used anywhere.')
param retentionInDays int = 7

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-fixture'
  location: location
}
