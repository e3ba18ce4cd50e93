using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Functions;

/// <summary>The Functions app's services: Core's activities and workflows on the Azure adapters.</summary>
internal static class LogIngestFunctionsServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration) =>
        services.AddLogIngest().AddLogIngestAzure(configuration, FunctionsSettings.Credential(configuration));
}
