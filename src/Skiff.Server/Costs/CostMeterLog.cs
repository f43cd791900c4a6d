namespace Skiff.Server.Costs;

/// <summary>The cost meter's log messages.</summary>
internal static partial class CostMeterLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Cost meter samples every {IntervalSeconds} s")]
    public static partial void Started(ILogger logger, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cost meter pass: {Environments} environments, {Samples} samples over {Seconds} s")]
    public static partial void PassDone(ILogger logger, int environments, int samples, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost meter skipped {Environment} this pass: {Error}")]
    public static partial void EnvironmentUnreadable(ILogger logger, string environment, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cost meter could not read the volume sizes of {Environment} (the last ones stand in): {Error}")]
    public static partial void VolumesUnreadable(ILogger logger, string environment, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cost meter pass failed; the next one runs as usual")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
