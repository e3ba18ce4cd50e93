// LogIngest state (IStateStore): serverless Cosmos DB for NoSQL with Entra ID only (local auth off).
// The containers are created here because a data-plane role cannot create databases or containers.
param name string
param location string = resourceGroup().location
param tags object = {}
param databaseName string = 'logingest'

// Container name -> partition key path, as ARCHITECTURE.md (State) lays them out.
var containers = [
  {
    name: 'control'
    partitionKey: '/id'
  }
  {
    name: 'checkpoints'
    partitionKey: '/configId'
  }
  {
    name: 'audit'
    partitionKey: '/runId'
  }
  {
    name: 'streams'
    partitionKey: '/hub'
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      // Session gives read-your-writes per client, which the ETag-guarded control updates rely on.
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKey
          ]
          kind: 'Hash'
        }
        indexingPolicy: {
          automatic: true
          indexingMode: 'consistent'
          includedPaths: [
            {
              path: '/*'
            }
          ]
        }
      }
    }
  }
]

output name string = account.name
output resourceId string = account.id
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
