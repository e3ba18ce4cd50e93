namespace LogIngest.Azure.Hosting;

/// <summary>The app settings <c>LogAnalytics__*</c> the app reads (the workspace is each config's own).</summary>
public sealed class LogAnalyticsAppSettings
{
    /// <summary><c>LogAnalytics__Endpoint</c>: the query API's base address (sovereign clouds differ). Default the public cloud's.</summary>
    public Uri? Endpoint { get; set; }
}
