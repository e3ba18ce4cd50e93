// The stream source: an Event Hubs namespace (Entra ID only) with the hub LogIngest reads and its own
// consumer group. The trigger checkpoints in the host storage, not here.
param name string
param location string = resourceGroup().location
param tags object = {}
param hubName string = 'logs'
param consumerGroupName string = 'logingest'

@minValue(1)
@maxValue(32)
param partitionCount int = 4

@minValue(1)
@maxValue(7)
param retentionInDays int = 1

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {}
}

output namespaceName string = namespace.name
output resourceId string = namespace.id
// The host name without scheme or port (https://<ns>.servicebus.windows.net:443/ -> <ns>.servicebus.windows.net),
// as EventHubConnection__fullyQualifiedNamespace expects it; taken from the endpoint so sovereign clouds work.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output hubName string = hub.name
output consumerGroupName string = consumerGroup.name
