using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Tests.GitHub;

/// <summary>Keeps every log line of every category of a service provider, for assertions.</summary>
public sealed class LogCaptureProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new LogCapture(_lines, categoryName);

    public void Dispose()
    {
    }
}
