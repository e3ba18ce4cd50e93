// Deliberately broken: an output refers to a resource that is not declared (a compile error).
@description('Region of the identity.')
param location string = resourceGroup().location

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-fixture'
  location: location
}

output clientId string = identty.properties.clientId
