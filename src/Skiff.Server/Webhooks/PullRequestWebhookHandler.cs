using Microsoft.Extensions.Primitives;
using Skiff.Core.PullRequests;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Store;
using Skiff.Server.Api;

namespace Skiff.Server.Webhooks;

/// <summary>
/// A verified pull_request delivery: decides with the repository's rules, records the desired
/// state (once per delivery id), enqueues the environment and tells GitHub it is queued. Never
/// touches containers.
/// </summary>
public sealed class PullRequestWebhookHandler(
    Environments.DesiredStateWriter desired,
    PullRequestFeedbackSink feedback,
    Configuration.SkiffServerOptions options,
    ILogger<PullRequestWebhookHandler> logger)
{
    public async Task<WebhookAnswer> HandleAsync(RepositoryConfig repository, string delivery, IDictionary<string, StringValues> headers, byte[] body, CancellationToken cancellationToken)
    {
        Octokit.Webhooks.Events.PullRequestEvent? pullRequestEvent;
        try
        {
            pullRequestEvent = await PullRequestEventReader.ReadAsync(headers, body, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever the parser trips over (a field of the wrong type, a value out of range), the delivery is not GitHub's.
            return Refuse($"not a pull_request payload Skiff can read: {GitHub.GitHubFailure.OneLine(exception.Message)}");
        }
        if (pullRequestEvent is null)
            return Refuse("not a pull_request payload Skiff can read");
        var (pr, problem) = PullRequestDelivery.From(pullRequestEvent, repository.FullName);
        if (pr is null)
            return Refuse(problem!);

        var facts = new PullRequestFacts(pr.Action, pr.Draft, pr.Labels, pr.FromFork);
        var decision = PullRequestPolicy.Decide(facts, repository.Rules, repository.FullName);
        if (decision.Verdict == PullRequestVerdict.Ignore)
            return new WebhookAnswer(StatusCodes.Status202Accepted, new { pullRequest = pr.Number, ignored = decision.Reason });

        var ownerQualified = PullRequestEnvironmentName.NeedsOwner(repository.FullName, options.Repositories.Select(r => r.FullName));
        var recording = await desired.RecordPullRequestAsync(new PullRequestTrigger
        {
            DeliveryId = delivery,
            Action = pr.Action,
            Names = PullRequestEnvironmentName.Candidates(repository.FullName, pr.Number, ownerQualified),
            Repository = repository.FullName,
            Number = pr.Number,
            HeadSha = pr.HeadSha,
            CloneUrl = repository.CloneUrl,
            Author = pr.Author,
            Title = pr.Title,
            FromFork = pr.FromFork,
            Decision = decision,
        }, cancellationToken);
        var environment = recording.Environment;

        switch (recording.Outcome)
        {
            case TriggerOutcome.Duplicate:
                logger.LogInformation("Delivery {Delivery} for {Repository}#{Number} was seen before; nothing to do", delivery, repository.FullName, pr.Number);
                return new WebhookAnswer(StatusCodes.Status200OK, new { environment, duplicate = true });
            case TriggerOutcome.Clash:
                logger.LogWarning("Delivery {Delivery} refused: {Clash}", delivery, recording.Clash);
                return new WebhookAnswer(StatusCodes.Status409Conflict, new Core.Api.ApiError(recording.Clash!));
        }

        logger.LogInformation("pull_request.{Action} for {Repository}#{Number} ({Environment}) at {Sha}: {Verdict}",
            pr.Action, repository.FullName, pr.Number, environment ?? "no environment", pr.HeadSha, decision.Verdict);
        switch (decision.Verdict)
        {
            case PullRequestVerdict.Deploy:
                feedback.Report(repository, pr.Number, environment!, pr.HeadSha, PullRequestEnvironmentState.Queued, generation: recording.Generation);
                break;
            case PullRequestVerdict.NotDeployed:
                feedback.Report(repository, pr.Number, environment ?? PullRequestEnvironmentName.Candidates(repository.FullName, pr.Number, ownerQualified)[0],
                    pr.HeadSha, PullRequestEnvironmentState.NotDeployed, note: decision.Reason);
                break;
        }
        return new WebhookAnswer(StatusCodes.Status202Accepted, new
        {
            environment,
            verdict = decision.Verdict.ToString(),
            reason = decision.Reason,
            recording.Generation,
        });
    }

    private static WebhookAnswer Refuse(string problem) =>
        new WebhookAnswer(StatusCodes.Status400BadRequest, new Core.Api.ApiError(problem));
}

/// <summary>What the webhook endpoint answers GitHub: a status and a JSON body.</summary>
public sealed record WebhookAnswer(int Status, object Body);
