namespace Skiff.Core.Runtime;

/// <summary>An engine operation failed; the message says which and why.</summary>
public class DriverException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An image build failed; <see cref="LogTail"/> holds the last lines of its output.</summary>
public sealed class BuildFailedException(string message, IReadOnlyList<string> logTail)
    : DriverException(message)
{
    public IReadOnlyList<string> LogTail { get; } = logTail;
}
