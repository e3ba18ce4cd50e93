// Deliberately broken: a string where the resource type wants an integer.
@description('Region of the namespace.')
param location string = resourceGroup().location

resource namespace 'Microsoft.EventHub/namespaces@2026-01-01' = {
  name: 'evhns-fixture-${uniqueString(resourceGroup().id)}'
  location: location
  sku: {
    name: 'Standard'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2026-01-01' = {
  parent: namespace
  name: 'logs'
  properties: {
    partitionCount: 'four'
  }
}
