using Microsoft.Extensions.Logging;

namespace Skiff.Server.GitHub;

/// <summary>The reporter's log lines: one line each, structured, never a token.</summary>
internal static partial class GitHubReporterLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "GitHub: {PullRequest} {State} at {Sha} delivered in {ElapsedMs} ms")]
    public static partial void Delivered(ILogger logger, string pullRequest, PullRequestEnvironmentState state, string sha, long elapsedMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "GitHub: {PullRequest} {State} replaced by a newer state before it was sent")]
    public static partial void Coalesced(ILogger logger, string pullRequest, PullRequestEnvironmentState state);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "GitHub: {PullRequest} {Operation} failed ({Reason}); try {Attempt}, next in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string pullRequest, string operation, string reason, int attempt, long delayMs);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "GitHub: {PullRequest} {State} at {Sha} given up: {Error}")]
    public static partial void GaveUp(ILogger logger, string pullRequest, PullRequestEnvironmentState state, string sha, string error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "GitHub: {PullRequest} deployment {DeploymentId} for {Environment} at {Sha} ({How})")]
    public static partial void DeploymentKnown(ILogger logger, string pullRequest, long deploymentId, string environment, string sha, string how);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "GitHub: {PullRequest} comment {CommentId} ({How})")]
    public static partial void CommentKnown(ILogger logger, string pullRequest, long commentId, string how);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error, Message = "GitHub: a subscriber to DeliveryFailed threw for {PullRequest}")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string pullRequest);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "GitHub: {PullRequest} comment {CommentId} is gone; writing a new one")]
    public static partial void CommentGone(ILogger logger, string pullRequest, long commentId);
}
