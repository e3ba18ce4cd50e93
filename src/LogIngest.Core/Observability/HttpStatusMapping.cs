namespace LogIngest.Core.Observability;

/// <summary>The HTTP status an API answers for a classified failure, decided once for every HTTP host.</summary>
public static class HttpStatusMapping
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.NotFound => 404,
        ErrorCodes.Conflict => 409,
        ErrorCodes.Forbidden => 403,
        _ => ErrorCodes.ClassOf(code) switch
        {
            ErrorClass.Config => 400,
            ErrorClass.Transient => 503,
            _ => 500,
        },
    };
}
