// LogIngest state (IStateStore): serverless Cosmos DB for NoSQL with Entra ID only (local auth off).
// The database and containers are created here because a data-plane role cannot create them.
@description('Name of the Cosmos DB account.')
param name string

@description('Region of the account (its only region).')
param location string

@description('Tags for the account.')
param tags object

@description('Database that holds the four containers.')
param databaseName string

// Container name -> partition key path, as the state store reads and writes them.
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

resource account 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' = {
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
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2026-03-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2026-03-15' = [
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
