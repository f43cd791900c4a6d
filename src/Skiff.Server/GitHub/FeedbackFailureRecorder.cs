using Skiff.Server.GitHub;
using Skiff.Server.Store;

namespace Skiff.Server.GitHub;

/// <summary>Writes GitHub feedback that could not be delivered into the environment's history, so it is visible in <c>skiff status</c>.</summary>
public sealed class FeedbackFailureRecorder(GitHubPullRequestReporter reporter, EnvironmentStore store, ILogger<FeedbackFailureRecorder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        reporter.DeliveryFailed += Record;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        reporter.DeliveryFailed -= Record;
        return Task.CompletedTask;
    }

    private void Record(GitHubDeliveryFailure failure) => _ = RecordAsync(failure);

    private async Task RecordAsync(GitHubDeliveryFailure failure)
    {
        try
        {
            await store.AddEventAsync(failure.Environment, "feedback", $"GitHub feedback for {failure.PullRequest} ({failure.State}) not delivered: {failure.Error}", CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Could not record a feedback failure of {Environment}: {Reason}", failure.Environment, exception.Message);
        }
    }
}
