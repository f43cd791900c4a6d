using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Tests.GitHub;

/// <summary>A logger that keeps every line (message and structured values) for assertions.</summary>
public sealed class LogCapture<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    /// <summary>Every line with its structured values and exception, as one text to search.</summary>
    public string All => string.Join('\n', _lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        _lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} | {values} {exception}");
    }
}
