using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Skiff.Core.Hashing;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Build;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker;

// Images: existence, pulls and builds.
public sealed partial class DockerDriver
{
    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        CallOrDefaultAsync($"inspect image {image}",
            async token => await _client.Images.InspectImageAsync(image, token) is not null, false, cancellationToken);

    public async Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.WithDefaultTag(image);
        DockerDriverLog.PullStarted(_logger, reference);
        string? error = null;
        var progress = new SynchronousProgress<JSONMessage>(message => error ??= message.Error?.Message is { Length: > 0 } m ? EngineErrors.OneLine(m) : null);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.PullTimeout);
        try
        {
            // The pull's failure arrives inside the 200 stream, as {"error": ..., "errorDetail": ...}.
            await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = reference }, null, progress, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DriverException($"cannot pull {image}: no answer within {_options.PullTimeout.TotalSeconds:0} s (no registry reachable from the engine?)");
        }
        catch (Exception e) when (EngineErrors.IsEngineFailure(e))
        {
            error ??= e is DockerApiException api ? EngineErrors.Describe(api) : EngineErrors.Innermost(e);
        }
        if (error is null && await ImageExistsAsync(reference, cancellationToken))
            return;
        error ??= "the engine finished without the image";
        throw new DriverException(ImageReference.IsUnreachable(error)
            ? $"cannot pull {image}: no registry reachable from the engine ({error})"
            : $"cannot pull {image}: {error}");
    }

    public async Task BuildImageAsync(ImageBuildRequest request, IProgress<string>? output, CancellationToken cancellationToken)
    {
        var dockerfile = Path.Combine(request.Context, request.Dockerfile);
        if (!Directory.Exists(request.Context))
            throw new BuildFailedException($"cannot build image {request.Tag}: no context folder at {request.Context}", []);
        if (!File.Exists(dockerfile))
            throw new BuildFailedException($"cannot build image {request.Tag}: no Dockerfile at {dockerfile}", []);

        var entries = BuildContextFiles.List(request.Context, request.Dockerfile);
        DockerDriverLog.BuildStarted(_logger, request.Tag, request.Context, entries.Count);
        var stopwatch = Stopwatch.StartNew();
        var collector = new BuildOutputCollector(output);
        await using (var archive = BuildContextArchive.Stream(entries, cancellationToken))
        {
            try
            {
                await _client.Images.BuildImageFromDockerfileAsync(ToBuildParameters(request), archive.Content, null, null, collector, cancellationToken);
            }
            catch (Exception e) when (EngineErrors.IsEngineFailure(e) || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                collector.Complete();
                var reason = await archive.WriterFailureAsync() is { } writerFailure
                    ? $"cannot read the build context: {EngineErrors.Innermost(writerFailure)}"
                    : e is DockerApiException api ? EngineErrors.Describe(api)
                    : $"the engine at {Endpoint} did not answer ({EngineErrors.TransportReason(e, Endpoint)})";
                collector.AddLine($"ERROR: {reason}");
                throw Failed(request.Tag, collector, collector.FailureMessage(request.Tag, reason));
            }
        }
        collector.Complete();
        if (collector.Error is { } error)
            throw Failed(request.Tag, collector, collector.FailureMessage(request.Tag, error));
        if (!await ImageExistsAsync(request.Tag, cancellationToken))
            throw Failed(request.Tag, collector, $"cannot build image {request.Tag}: the engine finished without tagging it");
        DockerDriverLog.BuildFinished(_logger, request.Tag, stopwatch.ElapsedMilliseconds);
    }

    private BuildFailedException Failed(string tag, BuildOutputCollector collector, string message)
    {
        DockerDriverLog.BuildFailed(_logger, tag, message);
        return new BuildFailedException(message, collector.Tail);
    }

    private static ImageBuildParameters ToBuildParameters(ImageBuildRequest request) => new()
    {
        Tags = [request.Tag],
        Dockerfile = request.Dockerfile.Replace('\\', '/'),
        BuildArgs = request.Args.Count == 0 ? null : request.Args.ToDictionary(),
        Labels = request.Labels.Count == 0 ? null : request.Labels.ToDictionary(),
        Target = string.IsNullOrEmpty(request.Target) ? null : request.Target,
        // Intermediate containers go, even when a step fails.
        Remove = true,
        ForceRemove = true,
    };
}
