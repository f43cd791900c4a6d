namespace Skiff.Server.GitHub;

/// <summary>
/// Delivers one state: the deployment part, then the comment part. A part that is given up does not
/// stop the other (a refused deployment still gets its comment); the reasons are returned.
/// </summary>
internal sealed class FeedbackDelivery(DeploymentPublisher deployments, CommentPublisher comments, GitHubClientPool clients)
{
    public async Task<IReadOnlyList<string>> DeliverAsync(PullRequestKey key, PullRequestFeedback feedback, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        await PartAsync(errors, client => deployments.PublishAsync(client, key, feedback, memory, cancellationToken), feedback, cancellationToken);
        await PartAsync(errors, client => comments.PublishAsync(client, key, feedback, memory, cancellationToken), feedback, cancellationToken);
        return errors;
    }

    private async Task PartAsync(List<string> errors, Func<Octokit.IGitHubClient, Task> part, PullRequestFeedback feedback, CancellationToken cancellationToken)
    {
        try
        {
            await part(clients.For(feedback.Repository));
        }
        catch (GitHubDeliveryException e)
        {
            errors.Add(e.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A bug or bad input (such as a relative API address): recorded like a refusal, never fatal to the worker.
            errors.Add(GitHubFailure.OneLine($"unexpected {e.GetType().Name}: {e.Message}"));
        }
    }
}
