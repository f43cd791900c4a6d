using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Tests.Janitor;

/// <summary>Keeps every log line of every category with its structured values, for assertions.</summary>
public sealed class JanitorLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capture(JanitorLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            logs._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values}");
        }
    }
}
