using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Tests.GitHub;

/// <summary>A logger that keeps every line (level, event id, category, message, structured values, exception) for assertions.</summary>
public class LogCapture : ILogger
{
    private readonly ConcurrentQueue<string> _lines;
    private readonly string _category;

    public LogCapture()
        : this(new ConcurrentQueue<string>(), "")
    {
    }

    /// <summary>One of many loggers writing to the same lines (see <see cref="LogCaptureProvider"/>).</summary>
    internal LogCapture(ConcurrentQueue<string> lines, string category) => (_lines, _category) = (lines, category);

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Every line with its structured values and exception, as one text to search.</summary>
    public string All => string.Join('\n', _lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        var category = _category.Length == 0 ? "" : $"{_category}: ";
        _lines.Enqueue($"{logLevel} {eventId.Id} {category}{formatter(state, exception)} | {values} {exception}");
    }
}

/// <summary>The same for an <see cref="ILogger{T}"/> handed to one class.</summary>
public sealed class LogCapture<T> : LogCapture, ILogger<T>;
