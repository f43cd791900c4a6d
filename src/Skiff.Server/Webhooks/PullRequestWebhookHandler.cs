using Microsoft.Extensions.Primitives;
using Skiff.Core.PullRequests;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.PullRequests;
using Skiff.Server.Reconciliation;
using Skiff.Server.Store;

namespace Skiff.Server.Webhooks;

/// <summary>
/// A verified pull_request delivery: decides with the repository's rules, records the desired
/// state (once per delivery id), enqueues the environment and tells GitHub it is queued. Never
/// touches containers.
/// </summary>
public sealed class PullRequestWebhookHandler(
    PullRequestRecorder store,
    ReconcileQueue queue,
    PullRequestFeedbackSink feedback,
    ILogger<PullRequestWebhookHandler> logger)
{
    public async Task<IResult> HandleAsync(RepositoryConfig repository, string delivery, IDictionary<string, StringValues> headers, byte[] body, CancellationToken cancellationToken)
    {
        Octokit.Webhooks.Events.PullRequestEvent? pullRequestEvent;
        try
        {
            pullRequestEvent = await PullRequestEventReader.ReadAsync(headers, body, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return GitHubWebhookEndpoint.Answer(StatusCodes.Status400BadRequest, new Core.Api.ApiError($"not a pull_request payload: {exception.Message}"));
        }
        if (pullRequestEvent?.PullRequest is not { } pr || pr.Head?.Sha is not { Length: > 0 } sha)
            return GitHubWebhookEndpoint.Answer(StatusCodes.Status400BadRequest, new Core.Api.ApiError("the pull_request payload has no pull_request.head.sha"));

        var action = pullRequestEvent.Action ?? "";
        var fromFork = !string.Equals(pr.Head.Repo?.FullName, pr.Base?.Repo?.FullName ?? repository.FullName, StringComparison.OrdinalIgnoreCase);
        var labels = pr.Labels?.Select(l => l.Name).ToList() ?? [];
        var facts = new PullRequestFacts(action, pr.Draft, labels, fromFork);
        var decision = PullRequestPolicy.Decide(facts, repository.Rules, repository.FullName);
        var environment = PullRequestEnvironmentName.For(repository.Name, pr.Number);
        if (decision.Verdict == PullRequestVerdict.Ignore)
            return GitHubWebhookEndpoint.Answer(StatusCodes.Status202Accepted, new { environment, ignored = decision.Reason });

        var (outcome, generation) = await store.RecordAsync(new PullRequestTrigger
        {
            DeliveryId = delivery,
            Action = action,
            Environment = environment,
            Repository = repository.FullName,
            Number = pr.Number,
            HeadSha = sha,
            CloneUrl = repository.CloneUrl,
            Author = pr.User?.Login,
            Title = pr.Title,
            FromFork = fromFork,
            Decision = decision,
        }, cancellationToken);

        if (outcome == TriggerOutcome.Duplicate)
        {
            logger.LogInformation("Delivery {Delivery} for {Environment} was seen before; nothing to do", delivery, environment);
            return GitHubWebhookEndpoint.Answer(StatusCodes.Status200OK, new { environment, duplicate = true });
        }

        logger.LogInformation("pull_request.{Action} for {Environment} at {Sha}: {Verdict}", action, environment, sha, decision.Verdict);
        if (outcome == TriggerOutcome.Recorded)
            queue.Enqueue(environment);
        switch (decision.Verdict)
        {
            case PullRequestVerdict.Deploy:
                feedback.Report(repository, pr.Number, environment, sha, PullRequestEnvironmentState.Queued);
                break;
            case PullRequestVerdict.NotDeployed:
                feedback.Report(repository, pr.Number, environment, sha, PullRequestEnvironmentState.NotDeployed, note: decision.Reason);
                break;
        }
        return GitHubWebhookEndpoint.Answer(StatusCodes.Status202Accepted, new
        {
            environment,
            verdict = decision.Verdict.ToString(),
            reason = decision.Reason,
            generation,
        });
    }
}
