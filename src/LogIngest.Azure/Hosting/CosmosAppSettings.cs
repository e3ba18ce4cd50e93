namespace LogIngest.Azure.Hosting;

/// <summary>The app settings <c>COSMOS__*</c>/<c>Cosmos__*</c> (one section: setting names ignore case).</summary>
public sealed class CosmosAppSettings
{
    /// <summary>
    /// <c>COSMOS__accountEndpoint</c>, e.g. <c>https://account.documents.azure.com:443/</c>. Required. Written in
    /// the identity-based connection form the Functions Cosmos extension also reads.
    /// </summary>
    public Uri? AccountEndpoint { get; set; }

    /// <summary><c>Cosmos__Database</c>. Default <c>logingest</c>.</summary>
    public string Database { get; set; } = "logingest";
}
