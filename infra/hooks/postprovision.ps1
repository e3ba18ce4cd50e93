# azd postprovision hook: writes src/LogIngest.Functions/local.settings.json from the outputs of
# infra/main.bicep (azd passes them as environment variables), so `func start` runs against the
# provisioned resources with the developer's own Entra ID sign-in. Host storage stays on Azurite,
# as in local.settings.sample.json. The file is git-ignored; rerun with `azd hooks run postprovision`.
$ErrorActionPreference = 'Stop'

$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$target = Join-Path $root 'src/LogIngest.Functions/local.settings.json'

$required = @(
    'LOG_ANALYTICS_ENDPOINT', 'LAKE_BLOB_ENDPOINT', 'LAKE_CONTAINER', 'COSMOS_ACCOUNT_ENDPOINT',
    'COSMOS_DATABASE', 'EVENTHUB_FULLY_QUALIFIED_NAMESPACE', 'STREAM_HUB_NAME', 'STREAM_CONSUMER_GROUP', 'DAILY_LOAD_SCHEDULE', 'TASK_HUB_NAME'
)
$missing = @($required | Where-Object { [string]::IsNullOrEmpty([Environment]::GetEnvironmentVariable($_)) })
if ($missing.Count -gt 0) {
    [Console]::Error.WriteLine("postprovision: missing azd environment values: $($missing -join ' ')")
    [Console]::Error.WriteLine("postprovision: run 'azd provision' (or 'azd env refresh') first; $target was left unchanged.")
    exit 1
}

$workspaceId = [Environment]::GetEnvironmentVariable('LOG_ANALYTICS_WORKSPACE_ID')
if ([string]::IsNullOrEmpty($workspaceId)) {
    $workspaceId = ''
    [Console]::Error.WriteLine('postprovision: LOG_ANALYTICS_WORKSPACE_ID is empty because no source workspace was given;')
    [Console]::Error.WriteLine("postprovision: run 'azd env set SOURCE_WORKSPACE_RESOURCE_ID <workspace resource id>' and 'azd provision'.")
}

# An ordered dictionary keeps the keys in the order of local.settings.sample.json.
$values = [ordered]@{
    AzureWebJobsStorage                         = 'UseDevelopmentStorage=true'
    FUNCTIONS_WORKER_RUNTIME                    = 'dotnet-isolated'
    LogAnalytics__Endpoint                      = $env:LOG_ANALYTICS_ENDPOINT
    LogAnalytics__WorkspaceId                   = $workspaceId
    Lake__BlobEndpoint                          = $env:LAKE_BLOB_ENDPOINT
    Lake__Container                             = $env:LAKE_CONTAINER
    COSMOS__accountEndpoint                     = $env:COSMOS_ACCOUNT_ENDPOINT
    Cosmos__Database                            = $env:COSMOS_DATABASE
    EventHubConnection__fullyQualifiedNamespace = $env:EVENTHUB_FULLY_QUALIFIED_NAMESPACE
    Stream__HubName                             = $env:STREAM_HUB_NAME
    Stream__ConsumerGroup                       = $env:STREAM_CONSUMER_GROUP
    DailyLoadSchedule                           = $env:DAILY_LOAD_SCHEDULE
    TaskHubName                                 = $env:TASK_HUB_NAME
    QuerySlots__MaxConcurrentQueries            = '5'
    QuerySlots__LeaseDuration                   = '00:00:30'
    QuerySlots__RenewInterval                   = '00:00:10'
    QuerySlots__MinPollDelay                    = '00:00:00.1'
    QuerySlots__MaxPollDelay                    = '00:00:02'
}
$settings = [ordered]@{
    IsEncrypted = $false
    Values      = $values
}

$tmp = "$target.tmp"
$settings | ConvertTo-Json -Depth 5 | Set-Content -Path $tmp -Encoding utf8
Move-Item -Path $tmp -Destination $target -Force
Write-Host "postprovision: wrote $target"
