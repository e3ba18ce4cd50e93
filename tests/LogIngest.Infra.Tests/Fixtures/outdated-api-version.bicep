// Deliberately broken for the linter only: an API version far older than the newest stable one the compiler
// knows (use-recent-api-versions, turned on in infra/bicepconfig.json).
@description('Region of the identity.')
param location string = resourceGroup().location

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2018-11-30' = {
  name: 'id-fixture'
  location: location
}
