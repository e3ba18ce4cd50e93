// The stream source: an Event Hubs namespace (Entra ID only) with the hub LogIngest reads and its own
// consumer group. The trigger checkpoints in the host storage, not here.
@description('Name of the namespace.')
param name string

@description('Region of the namespace.')
param location string

@description('Tags for the namespace.')
param tags object

@description('Event hub the streaming path reads.')
param hubName string

@description('Consumer group of the streaming trigger.')
param consumerGroupName string

@minValue(1)
@maxValue(32)
@description('Partitions of the hub; on the Standard tier they cannot change once the hub exists.')
param partitionCount int

@minValue(1)
@maxValue(7)
@description('Days the hub keeps events (the Standard tier allows 1 to 7).')
param messageRetentionInDays int

// Standard, not Basic: Basic has only the $Default consumer group, and LogIngest reads through its own.
resource namespace 'Microsoft.EventHub/namespaces@2026-01-01' = {
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
    isAutoInflateEnabled: false
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2026-01-01' = {
  parent: namespace
  name: hubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2026-01-01' = {
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
