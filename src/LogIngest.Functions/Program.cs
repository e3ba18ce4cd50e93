using Azure.Core.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using LogIngest.Core.Workflows;
using LogIngest.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

// The Azure host: glue only. Everything it decides lives in LogIngest.Core, the Durable adapter in
// LogIngest.Durable.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Telemetry through OpenTelemetry, exported to Application Insights when the app has one. Local auth
// is off there, so the exporter signs in with the app's identity.
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
if (!string.IsNullOrEmpty(builder.Configuration[FunctionsSettings.ApplicationInsightsConnectionString]))
{
    telemetry.UseAzureMonitorExporter(options => options.Credential = FunctionsSettings.Credential(builder.Configuration));
}

// Durable serializes every workflow and activity message with the worker's serializer: use the same
// JSON shape the in-process host round-trips through, so both hosts see identical messages.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));

LogIngestFunctionsServices.Add(builder.Services, builder.Configuration);

await builder.Build().RunAsync();
