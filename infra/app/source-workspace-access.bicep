// Deployed into the resource group of the workspace LogIngest exports from (any subscription the deployer
// can assign roles in): Log Analytics Reader on that workspace for the app (and the developer), and the
// workspace id (GUID) for the query API, which addresses workspaces by that id rather than by resource id.
@description('Name of the source workspace in this resource group.')
param workspaceName string

@description('Principal (object) id of the app\'s user-assigned identity.')
param appPrincipalId string

@description('Object id of the developer who gets the same role; empty: none.')
param developerPrincipalId string

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Kind of developerPrincipalId.')
param developerPrincipalType string

var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'

var principals = concat(
  [
    {
      id: appPrincipalId
      type: 'ServicePrincipal'
    }
  ],
  empty(developerPrincipalId)
    ? []
    : [
        {
          id: developerPrincipalId
          type: developerPrincipalType
        }
      ]
)

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: workspaceName
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principal in principals: {
    name: guid(workspace.id, principal.id, logAnalyticsReaderRoleId)
    scope: workspace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
      principalId: principal.id
      principalType: principal.type
    }
  }
]

output workspaceCustomerId string = workspace.properties.customerId
