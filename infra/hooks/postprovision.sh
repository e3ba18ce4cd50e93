#!/bin/sh
# azd postprovision hook: writes src/LogIngest.Functions/local.settings.json from the outputs of
# infra/main.bicep (azd passes them as environment variables), so `func start` runs against the
# provisioned resources with the developer's own Entra ID sign-in. Host storage stays on Azurite,
# as in local.settings.sample.json. The file is git-ignored; rerun with `azd hooks run postprovision`.
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
target="$root/src/LogIngest.Functions/local.settings.json"

missing=""
for name in LOG_ANALYTICS_ENDPOINT LAKE_BLOB_ENDPOINT LAKE_CONTAINER COSMOS_ACCOUNT_ENDPOINT \
    COSMOS_DATABASE EVENTHUB_FULLY_QUALIFIED_NAMESPACE STREAM_HUB_NAME STREAM_CONSUMER_GROUP DAILY_LOAD_SCHEDULE TASK_HUB_NAME; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
        missing="$missing $name"
    fi
done
if [ -n "$missing" ]; then
    echo "postprovision: missing azd environment values:$missing" >&2
    echo "postprovision: run 'azd provision' (or 'azd env refresh') first; $target was left unchanged." >&2
    exit 1
fi

workspace_id=${LOG_ANALYTICS_WORKSPACE_ID:-}
if [ -z "$workspace_id" ]; then
    echo "postprovision: LOG_ANALYTICS_WORKSPACE_ID is empty because no source workspace was given;" >&2
    echo "postprovision: run 'azd env set SOURCE_WORKSPACE_RESOURCE_ID <workspace resource id>' and 'azd provision'." >&2
fi

# JSON string escaping for the two characters a value could plausibly contain.
json() {
    printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

tmp="$target.tmp.$$"
trap 'rm -f "$tmp"' EXIT
cat > "$tmp" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "LogAnalytics__Endpoint": $(json "$LOG_ANALYTICS_ENDPOINT"),
    "LogAnalytics__WorkspaceId": $(json "$workspace_id"),
    "Lake__BlobEndpoint": $(json "$LAKE_BLOB_ENDPOINT"),
    "Lake__Container": $(json "$LAKE_CONTAINER"),
    "COSMOS__accountEndpoint": $(json "$COSMOS_ACCOUNT_ENDPOINT"),
    "Cosmos__Database": $(json "$COSMOS_DATABASE"),
    "EventHubConnection__fullyQualifiedNamespace": $(json "$EVENTHUB_FULLY_QUALIFIED_NAMESPACE"),
    "Stream__HubName": $(json "$STREAM_HUB_NAME"),
    "Stream__ConsumerGroup": $(json "$STREAM_CONSUMER_GROUP"),
    "DailyLoadSchedule": $(json "$DAILY_LOAD_SCHEDULE"),
    "TaskHubName": $(json "$TASK_HUB_NAME"),
    "QuerySlots__MaxConcurrentQueries": "5",
    "QuerySlots__LeaseDuration": "00:00:30",
    "QuerySlots__RenewInterval": "00:00:10",
    "QuerySlots__MinPollDelay": "00:00:00.1",
    "QuerySlots__MaxPollDelay": "00:00:02"
  }
}
JSON
mv "$tmp" "$target"
trap - EXIT
echo "postprovision: wrote $target"
