using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Streams;

namespace Skiff.Runtime.Docker.Containers;

/// <param name="TimedOut">True when the command was still running at the timeout (its result then says so).</param>
internal sealed record ExecOutcome(ExecResult Result, bool TimedOut);

/// <summary>Runs one command in a running container and collects its exit code and combined output.</summary>
internal static class ExecRunner
{
    /// <summary>The exit code reported when the command did not finish in time (as timeout(1) does).</summary>
    public const long TimedOutExitCode = 124;

    /// <summary>Output beyond this many characters is cut from the front: the end says most about a failure.</summary>
    private const int MaxOutputChars = 64 * 1024;

    public static async Task<ExecOutcome> RunAsync(IDockerClient client, string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = [.. command],
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);

        var output = new StringBuilder();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), deadline.Token);
            await ReadAllAsync(stream, output, deadline.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested
                                  && e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The engine API cannot kill an exec; dropping the connection is all a client can do.
            if (output.Length > 0 && output[^1] != '\n')
                output.Append('\n');
            output.Append($"timed out after {timeout.TotalSeconds:0.###} s: {string.Join(' ', command)}");
            return new ExecOutcome(new ExecResult(TimedOutExitCode, output.ToString()), TimedOut: true);
        }
        return new ExecOutcome(new ExecResult(await ExitCodeAsync(client, exec.ID, cancellationToken), output.ToString()), TimedOut: false);
    }

    private static async Task ReadAllAsync(MultiplexedStream stream, StringBuilder output, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var stdout = new TextDecoder();
        var stderr = new TextDecoder();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF)
                return;
            var decoder = read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
            output.Append(decoder.Decode(buffer.AsSpan(0, read.Count)));
            if (output.Length > 2 * MaxOutputChars)
                output.Remove(0, output.Length - MaxOutputChars);
        }
    }

    /// <summary>
    /// The exec's exit code. The output stream can end a moment before the engine records the exit
    /// (seen on Podman under load), so a still-running exec is asked again briefly.
    /// </summary>
    private static async Task<long> ExitCodeAsync(IDockerClient client, string execId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var inspect = await client.Exec.InspectContainerExecAsync(execId, cancellationToken);
            if (!inspect.Running && inspect.ExitCode is { } exitCode)
                return exitCode;
            if (attempt >= 100)
                return inspect.ExitCode ?? -1;
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
