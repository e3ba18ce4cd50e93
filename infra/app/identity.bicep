// The one identity the app uses for every service: host storage, lake, Cosmos DB, Event Hubs, the source
// workspace and telemetry. rbac.bicep and source-workspace-access.bicep grant it its roles.
@description('Name of the user-assigned managed identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output resourceId string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
