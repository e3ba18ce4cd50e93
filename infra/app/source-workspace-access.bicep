// Deployed into the resource group of the workspace LogIngest exports from (any subscription the deployer
// can assign roles in): Log Analytics Reader on that workspace, and its workspace id (GUID) for the
// query API, which addresses workspaces by that id rather than by resource id.
param workspaceName string
param managedIdentityPrincipalId string
param userIdentityPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
param userIdentityPrincipalType string = 'User'

var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource readerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, managedIdentityPrincipalId, logAnalyticsReaderRoleId)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
    principalId: managedIdentityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource readerRoleUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userIdentityPrincipalId)) {
  name: guid(workspace.id, userIdentityPrincipalId, logAnalyticsReaderRoleId)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
    principalId: userIdentityPrincipalId
    principalType: userIdentityPrincipalType
  }
}

output workspaceCustomerId string = workspace.properties.customerId
