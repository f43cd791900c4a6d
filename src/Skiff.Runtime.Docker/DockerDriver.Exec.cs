using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Containers;
using Skiff.Runtime.Docker.Streams;

namespace Skiff.Runtime.Docker;

// Working with a running container: exec, copy a file in, probe HTTP, read logs.
public sealed partial class DockerDriver
{
    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
            throw new DriverException($"cannot exec in container {containerId}: the command is empty");
        var commandLine = string.Join(' ', command);
        var outcome = await CallAsync($"exec '{commandLine}' in container {containerId}",
            token => ExecRunner.RunAsync(_client, containerId, command, timeout, token), cancellationToken);
        if (outcome.TimedOut)
            DockerDriverLog.ExecTimedOut(_logger, containerId, timeout.TotalMilliseconds, commandLine);
        return outcome.Result;
    }

    public async Task CopyFileAsync(string containerId, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var archive = SingleFileArchive.Create(path, content, DateTimeOffset.UtcNow);
        await CallAsync($"copy a file to {path} in container {containerId}",
            token => _client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = "/" }, archive, token),
            cancellationToken);
    }

    public Task<bool> ProbeHttpAsync(ContainerState container, int containerPort, CancellationToken cancellationToken)
    {
        if (!container.PublishedPorts.TryGetValue(containerPort, out var hostPort))
            throw new DriverException($"cannot probe port {containerPort} of container {container.Name}: it is not published");
        return HttpProbe.RespondsAsync(hostPort, _options.ProbeTimeout, cancellationToken);
    }

    public async IAsyncEnumerable<string> ReadLogsAsync(string containerId, int tail, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await OpenLogsAsync(containerId, tail, follow, cancellationToken) is not { } stream)
            yield break;
        using (stream)
        {
            await foreach (var line in LogStreamReader.ReadLinesAsync(stream, cancellationToken))
                yield return line;
        }
    }

    /// <summary>The log stream, or null when the token was cancelled before it opened.</summary>
    private async Task<MultiplexedStream?> OpenLogsAsync(string containerId, int tail, bool follow, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = follow,
            Tail = tail < 0 ? "all" : tail.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            return await CallAsync($"read logs of container {containerId}",
                token => _client.Containers.GetContainerLogsAsync(containerId, parameters, token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
