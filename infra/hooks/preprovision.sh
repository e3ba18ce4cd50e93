#!/bin/sh
# azd preprovision hook: checks the optional inputs of infra/main.bicep before anything is deployed, so a
# malformed value stops `azd provision` with the variable's name and the fix instead of a half-done deployment.
set -eu

errors=0
fail() {
    echo "preprovision: $1" >&2
    errors=$((errors + 1))
}

workspace=${SOURCE_WORKSPACE_RESOURCE_ID:-}
if [ -n "$workspace" ] && ! printf '%s' "$workspace" |
    grep -Eiq '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.OperationalInsights/workspaces/[^/]+$'; then
    fail "SOURCE_WORKSPACE_RESOURCE_ID='$workspace' is not a Log Analytics workspace resource id; expected /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name> (azd env set SOURCE_WORKSPACE_RESOURCE_ID ...)."
fi

schedule=${DAILY_LOAD_SCHEDULE:-}
if [ -n "$schedule" ] && [ "$(printf '%s' "$schedule" | awk '{ print NF }')" != 6 ]; then
    fail "DAILY_LOAD_SCHEDULE='$schedule' must be an NCRONTAB expression with six fields (second minute hour day month weekday), e.g. '0 0 2 * * *'."
fi

endpoint=${LOG_ANALYTICS_ENDPOINT:-}
case "$endpoint" in
    '' | https://*) ;;
    *) fail "LOG_ANALYTICS_ENDPOINT='$endpoint' must be an https:// URL, e.g. https://api.loganalytics.azure.com." ;;
esac

task_hub=${TASK_HUB_NAME:-}
if [ -n "$task_hub" ] && ! printf '%s' "$task_hub" | grep -Eq '^[A-Za-z][A-Za-z0-9]{2,44}$'; then
    fail "TASK_HUB_NAME='$task_hub' must be 3 to 45 letters and digits, starting with a letter (a Durable Functions task hub on Azure Storage)."
fi

action_group=${ALERT_ACTION_GROUP_ID:-}
if [ -n "$action_group" ] && ! printf '%s' "$action_group" |
    grep -Eiq '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Insights/actionGroups/[^/]+$'; then
    fail "ALERT_ACTION_GROUP_ID='$action_group' is not an action group resource id; expected /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Insights/actionGroups/<name>, or leave it empty."
fi

principal_type=${AZURE_PRINCIPAL_TYPE:-}
case "$principal_type" in
    '' | User | ServicePrincipal) ;;
    *) fail "AZURE_PRINCIPAL_TYPE='$principal_type' must be User or ServicePrincipal." ;;
esac

if [ "$errors" -gt 0 ]; then
    echo "preprovision: nothing was deployed; fix the value(s) above with 'azd env set' and run again." >&2
    exit 1
fi
