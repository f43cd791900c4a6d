using System.Runtime.CompilerServices;
using Docker.DotNet;

namespace Skiff.Runtime.Docker.Streams;

/// <summary>Reads a container's multiplexed stdout/stderr stream as lines.</summary>
internal static class LogStreamReader
{
    /// <summary>
    /// Yields each complete line of either stream. Cancelling the token ends the sequence without an
    /// exception, which is how a follow is meant to stop.
    /// </summary>
    public static async IAsyncEnumerable<string> ReadLinesAsync(MultiplexedStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var stdout = new TextDecoder();
        var stderr = new TextDecoder();
        var lines = new List<string>();
        while (true)
        {
            var read = await ReadAsync(stream, buffer, cancellationToken);
            if (read is not { } result)
                yield break;
            if (result.EOF)
                break;
            var decoder = result.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
            decoder.Append(buffer.AsSpan(0, result.Count), lines);
            foreach (var line in lines)
                yield return line;
            lines.Clear();
        }
        if (stdout.Flush() is { } lastOut)
            yield return lastOut;
        if (stderr.Flush() is { } lastErr)
            yield return lastErr;
    }

    /// <summary>One read; null when the token was cancelled (the connection is then dropped with the stream).</summary>
    private static async Task<MultiplexedStream.ReadResult?> ReadAsync(MultiplexedStream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }
}
