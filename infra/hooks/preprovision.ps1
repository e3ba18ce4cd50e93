# azd preprovision hook: checks the optional inputs of infra/main.bicep before anything is deployed, so a
# malformed value stops `azd provision` with the variable's name and the fix instead of a half-done deployment.
$ErrorActionPreference = 'Stop'

$errors = [System.Collections.Generic.List[string]]::new()

$workspace = [Environment]::GetEnvironmentVariable('SOURCE_WORKSPACE_RESOURCE_ID')
if (-not [string]::IsNullOrEmpty($workspace) -and
    $workspace -notmatch '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.OperationalInsights/workspaces/[^/]+$') {
    $errors.Add("SOURCE_WORKSPACE_RESOURCE_ID='$workspace' is not a Log Analytics workspace resource id; expected /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name> (azd env set SOURCE_WORKSPACE_RESOURCE_ID ...).")
}

$schedule = [Environment]::GetEnvironmentVariable('DAILY_LOAD_SCHEDULE')
if (-not [string]::IsNullOrEmpty($schedule) -and
    @($schedule.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)).Count -ne 6) {
    $errors.Add("DAILY_LOAD_SCHEDULE='$schedule' must be an NCRONTAB expression with six fields (second minute hour day month weekday), e.g. '0 0 2 * * *'.")
}

$endpoint = [Environment]::GetEnvironmentVariable('LOG_ANALYTICS_ENDPOINT')
if (-not [string]::IsNullOrEmpty($endpoint) -and -not $endpoint.StartsWith('https://')) {
    $errors.Add("LOG_ANALYTICS_ENDPOINT='$endpoint' must be an https:// URL, e.g. https://api.loganalytics.azure.com.")
}

$taskHub = [Environment]::GetEnvironmentVariable('TASK_HUB_NAME')
if (-not [string]::IsNullOrEmpty($taskHub) -and $taskHub -cnotmatch '^[A-Za-z][A-Za-z0-9]{2,44}$') {
    $errors.Add("TASK_HUB_NAME='$taskHub' must be 3 to 45 letters and digits, starting with a letter (a Durable Functions task hub on Azure Storage).")
}

$actionGroup = [Environment]::GetEnvironmentVariable('ALERT_ACTION_GROUP_ID')
if (-not [string]::IsNullOrEmpty($actionGroup) -and
    $actionGroup -notmatch '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Insights/actionGroups/[^/]+$') {
    $errors.Add("ALERT_ACTION_GROUP_ID='$actionGroup' is not an action group resource id; expected /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Insights/actionGroups/<name>, or leave it empty.")
}

$principalType = [Environment]::GetEnvironmentVariable('AZURE_PRINCIPAL_TYPE')
if (-not [string]::IsNullOrEmpty($principalType) -and $principalType -notin @('User', 'ServicePrincipal')) {
    $errors.Add("AZURE_PRINCIPAL_TYPE='$principalType' must be User or ServicePrincipal.")
}

if ($errors.Count -gt 0) {
    foreach ($message in $errors) { [Console]::Error.WriteLine("preprovision: $message") }
    [Console]::Error.WriteLine("preprovision: nothing was deployed; fix the value(s) above with 'azd env set' and run again.")
    exit 1
}
