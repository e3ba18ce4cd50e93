using Azure.Core.Serialization;
using LogIngest.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure host: glue only. Everything it decides lives in LogIngest.Core.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Durable serializes every workflow and activity message with the worker's serializer: use the same
// JSON shape the in-process host round-trips through, so both hosts see identical messages.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));

LogIngestFunctionsServices.Add(builder.Services, builder.Configuration);

builder.Build().Run();
