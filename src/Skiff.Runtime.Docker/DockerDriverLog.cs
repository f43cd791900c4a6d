using Microsoft.Extensions.Logging;

namespace Skiff.Runtime.Docker;

/// <summary>The driver's log messages, generated as structured logging calls.</summary>
internal static partial class DockerDriverLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created network {Network} for environment {Environment}")]
    public static partial void NetworkCreated(ILogger logger, string network, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created volume {Volume} for environment {Environment}")]
    public static partial void VolumeCreated(ILogger logger, string volume, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building image {Tag} from {Context} ({Entries} context entries)")]
    public static partial void BuildStarted(ILogger logger, string tag, string context, int entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built image {Tag} in {ElapsedMs} ms")]
    public static partial void BuildFinished(ILogger logger, string tag, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Build of image {Tag} failed: {Error}")]
    public static partial void BuildFailed(ILogger logger, string tag, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image}")]
    public static partial void PullStarted(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing container {Container} left over with the same name ({ContainerId})")]
    public static partial void RemovingLeftover(ILogger logger, string container, string containerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started container {Container} ({ContainerId}) for {Environment}/{Service}")]
    public static partial void ContainerStarted(ILogger logger, string container, string containerId, string environment, string service);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Container} did not start; removing it: {Error}")]
    public static partial void StartFailed(ILogger logger, string container, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Exec in {ContainerId} timed out after {TimeoutMs} ms: {Command}")]
    public static partial void ExecTimedOut(ILogger logger, string containerId, double timeoutMs, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed environment {Environment}: {Containers} containers, {Networks} networks, {Volumes} volumes")]
    public static partial void EnvironmentRemoved(ILogger logger, string environment, int containers, int networks, int volumes);
}
