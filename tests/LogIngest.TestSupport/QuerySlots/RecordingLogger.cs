using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LogIngest.TestSupport.QuerySlots;

/// <summary>A logger that keeps every entry (event id and message) and echoes it to the test output.</summary>
public sealed class RecordingLogger(string name, ITestOutputHelper? output = null) : ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _entries = new();

    public IReadOnlyList<(int EventId, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        _entries.Enqueue((eventId.Id, message));
        try
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {name} {logLevel} {eventId.Id}: {message}"));
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a background renewal may still log.
        }
    }
}
