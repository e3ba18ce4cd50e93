using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LogIngest.Azure.Hosting;

/// <summary>
/// The one way app settings become options: <c>AddOptions&lt;T&gt;().Bind(section).ValidateOnStart()</c>,
/// with every message naming the app setting as it is written in the portal and in
/// local.settings.json (<c>Lake__BlobEndpoint</c>), the value found and what is expected.
/// </summary>
public static class AppSettingsBinding
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/>. A value the binder
    /// cannot convert fails with the setting's name and the expected form (the binder's own message names a
    /// .NET type); <paramref name="validate"/> returns the problems of the bound values, each naming its setting.
    /// </summary>
    public static OptionsBuilder<T> BindAppSettings<T>(
        this IServiceCollection services, IConfigurationSection section, Func<T, IEnumerable<string>>? validate = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddOptions<T>()
            .Configure(_ =>
            {
                // Runs before Bind (configure actions run in the order they were added).
                var unreadable = Unreadable<T>(section).ToList();
                if (unreadable.Count > 0)
                {
                    throw new OptionsValidationException(section.Path, typeof(T), unreadable);
                }
            })
            .Bind(section);
        if (validate is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new NamedFailures<T>(validate));
        }

        return builder.ValidateOnStart();
    }

    /// <summary>The app setting name of a configuration key: <c>Lake:BlobEndpoint</c> → <c>Lake__BlobEndpoint</c>.</summary>
    public static string SettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The properties of <typeparamref name="T"/> the binder fills: public, read and write, of a type it converts from text.</summary>
    public static IEnumerable<PropertyInfo> BoundProperties<T>() => BoundProperties(typeof(T));

    /// <inheritdoc cref="BoundProperties{T}"/>
    public static IEnumerable<PropertyInfo> BoundProperties(Type type) =>
        (type ?? throw new ArgumentNullException(nameof(type))).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.SetMethod!.IsPublic && Expected(p.PropertyType) is not null);

    private static IEnumerable<string> Unreadable<T>(IConfigurationSection values)
    {
        var settings = values.GetChildren().ToList();
        foreach (var property in BoundProperties<T>())
        {
            // The key as the app setting spells it (names ignore case: COSMOS__accountEndpoint binds AccountEndpoint).
            var setting = settings.Find(s => string.Equals(s.Key, property.Name, StringComparison.OrdinalIgnoreCase));
            if (setting?.Value is not { Length: > 0 } text)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!Converts(type, text))
            {
                yield return $"App setting {SettingName(setting.Path)} is not valid: '{text}' (expected {Expected(type)}).";
            }
        }
    }

    private static bool Converts(Type type, string text)
    {
        if (type == typeof(Uri))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text) is not null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    // What a setting of each bound type looks like, in the words of someone filling in app settings.
    private static string? Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "text",
        var t when t == typeof(int) || t == typeof(long) => "a whole number, e.g. \"5\"",
        var t when t == typeof(TimeSpan) => "a time span hh:mm:ss, e.g. \"00:00:30\"",
        var t when t == typeof(Uri) => "an http(s) URL",
        var t when t == typeof(bool) => "true or false",
        _ => null,
    };

    private sealed class NamedFailures<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = validate(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
