using System.Collections.ObjectModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Skiff.Server.GitHub;

/// <summary>
/// Shows a state as a GitHub Deployment: one deployment per environment and commit (found by sha and
/// environment when this process does not know it yet, created otherwise), then a status for each
/// change of state. Statuses of one deployment only move forward — queued, in_progress,
/// success or failure, inactive — so a later step that reports an earlier state (a wake deploying a
/// commit that already succeeded) leaves the deployment as it is. Ready retires the environment's
/// deployments of older generations (never a newer commit's, queued behind it); Removed retires all.
/// </summary>
internal sealed class DeploymentPublisher(GitHubRetry retry, GitHubReporterOptions options, ILogger logger)
{
    /// <summary>GitHub's limit for a status description.</summary>
    public const int MaxDescription = 140;

    /// <summary>The deployment payload's key for the environment generation that created it.</summary>
    public const string GenerationKey = "skiff_generation";

    public async Task PublishAsync(IGitHubClient client, PullRequestKey key, PullRequestFeedback feedback, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        switch (feedback.State)
        {
            case PullRequestEnvironmentState.NotDeployed:
                return;
            case PullRequestEnvironmentState.Removed:
                await RetireAllAsync(client, key, feedback, memory, cancellationToken);
                return;
        }

        var deployment = await EnsureAsync(client, key, feedback, memory, cancellationToken);
        deployment = deployment with { Generation = Math.Max(deployment.Generation, feedback.Generation) };
        memory.Put(deployment);
        var status = StatusFor(feedback);
        var repository = feedback.Repository;
        if (DeploymentOrder.Allows(deployment.LastState, status.State) && !(deployment.LastState == status.State && deployment.LastDescription == status.Description))
        {
            await retry.RunAsync("create deployment status", key,
                () => client.Repository.Deployment.Status.Create(repository.Owner, repository.Name, deployment.Id, status), cancellationToken);
            memory.Put(deployment with { LastState = status.State, LastDescription = status.Description });
        }

        if (feedback.State == PullRequestEnvironmentState.Ready)
        {
            var older = memory.Deployments.Where(d => d.Environment == feedback.Environment && d.Id != deployment.Id
                && d.Generation < deployment.Generation && d.LastState != DeploymentState.Inactive).ToList();
            foreach (var each in older)
                await RetireAsync(client, key, repository, each, memory, cancellationToken);
        }
    }

    private async Task<TrackedDeployment> EnsureAsync(IGitHubClient client, PullRequestKey key, PullRequestFeedback feedback, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        if (memory.Find(feedback.Environment, feedback.Sha) is { } known)
            return known;

        var repository = feedback.Repository;
        var found = await retry.RunAsync("find deployment", key, () => ListAsync(client, repository, new Dictionary<string, string>
        {
            ["sha"] = feedback.Sha,
            ["environment"] = feedback.Environment,
            ["per_page"] = "1",
        }), cancellationToken);
        if (found.Count > 0)
        {
            // Made before a restart: its generation is in its payload, its last state on GitHub. A
            // retired one (the pull request closed and reopened) takes no more statuses: a new one is made.
            var latest = await LatestStateAsync(client, key, repository, found[0].Id, cancellationToken);
            if (latest != DeploymentState.Inactive)
            {
                var existing = new TrackedDeployment(found[0].Id, feedback.Environment, feedback.Sha, latest, Generation: GenerationOf(found[0]));
                memory.Put(existing);
                GitHubReporterLog.DeploymentKnown(logger, key.ToString(), existing.Id, feedback.Environment, feedback.Sha, "found");
                return existing;
            }
        }

        var request = new NewDeployment(feedback.Sha)
        {
            Environment = feedback.Environment,
            Description = Truncate($"Skiff environment {feedback.Environment} for pull request #{feedback.PullRequest}"),
            TransientEnvironment = true,
            ProductionEnvironment = false,
            AutoMerge = false,
            RequiredContexts = new Collection<string>(),
            Payload = new Dictionary<string, string> { [GenerationKey] = feedback.Generation.ToString(CultureInfo.InvariantCulture) },
        };
        var created = await retry.RunAsync("create deployment", key,
            () => client.Repository.Deployment.Create(repository.Owner, repository.Name, request), cancellationToken);
        var tracked = new TrackedDeployment(created.Id, feedback.Environment, feedback.Sha, null, Generation: feedback.Generation);
        memory.Put(tracked);
        GitHubReporterLog.DeploymentKnown(logger, key.ToString(), tracked.Id, feedback.Environment, feedback.Sha, "created");
        return tracked;
    }

    /// <summary>Marks every deployment of the environment inactive ("destroyed" for a transient one).</summary>
    private async Task RetireAllAsync(IGitHubClient client, PullRequestKey key, PullRequestFeedback feedback, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        var repository = feedback.Repository;
        var listed = await retry.RunAsync("list deployments", key, () => ListAsync(client, repository, new Dictionary<string, string>
        {
            ["environment"] = feedback.Environment,
            ["per_page"] = "100",
        }), cancellationToken);
        foreach (var deployment in listed)
        {
            var tracked = memory.Deployments.Find(d => d.Id == deployment.Id);
            // Not made by this process (or before a restart): look at its latest status first.
            tracked ??= new TrackedDeployment(deployment.Id, feedback.Environment, deployment.Sha,
                await LatestStateAsync(client, key, repository, deployment.Id, cancellationToken), Generation: GenerationOf(deployment));
            await RetireAsync(client, key, repository, tracked, memory, cancellationToken);
        }
        memory.Deployments.RemoveAll(d => d.Environment == feedback.Environment);
    }

    private async Task<DeploymentState?> LatestStateAsync(IGitHubClient client, PullRequestKey key, GitHubRepositoryAccess repository, long deploymentId, CancellationToken cancellationToken)
    {
        var latest = await retry.RunAsync("read deployment status", key,
            () => client.Repository.Deployment.Status.GetAll(repository.Owner, repository.Name, deploymentId, new ApiOptions { PageSize = 1, PageCount = 1 }),
            cancellationToken);
        return latest.Count > 0 && latest[0].State.TryParse(out var parsed) ? parsed : null;
    }

    private static long GenerationOf(Deployment deployment) =>
        deployment.Payload?.TryGetValue(GenerationKey, out var text) == true && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : 0;

    private async Task RetireAsync(IGitHubClient client, PullRequestKey key, GitHubRepositoryAccess repository, TrackedDeployment deployment, PullRequestMemory memory, CancellationToken cancellationToken)
    {
        if (deployment.LastState == DeploymentState.Inactive)
            return;
        var status = new NewDeploymentStatus(DeploymentState.Inactive) { Description = "Environment removed" };
        await retry.RunAsync("create deployment status", key,
            () => client.Repository.Deployment.Status.Create(repository.Owner, repository.Name, deployment.Id, status), cancellationToken);
        memory.Put(deployment with { LastState = DeploymentState.Inactive, LastDescription = status.Description });
    }

    private NewDeploymentStatus StatusFor(PullRequestFeedback feedback) => feedback.State switch
    {
        PullRequestEnvironmentState.Queued => new NewDeploymentStatus(DeploymentState.Queued) { Description = "Queued" },
        PullRequestEnvironmentState.Deploying => new NewDeploymentStatus(DeploymentState.InProgress)
        {
            Description = "Deploying " + CommentRenderer.ShortSha(feedback.Sha),
            LogUrl = options.LogUrlFor(feedback.Environment),
        },
        PullRequestEnvironmentState.Ready => new NewDeploymentStatus(DeploymentState.Success)
        {
            Description = feedback.Timings is { } timings ? "Ready in " + CommentRenderer.Duration(timings.TotalMs) : "Ready",
            EnvironmentUrl = feedback.Url,
            LogUrl = options.LogUrlFor(feedback.Environment),
        },
        PullRequestEnvironmentState.Failed => new NewDeploymentStatus(DeploymentState.Failure)
        {
            Description = Truncate("Failed: " + FailureReason(feedback.Error)),
            LogUrl = options.LogUrlFor(feedback.Environment),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(feedback), feedback.State, "no deployment status for this state"),
    };

    private static string FailureReason(Core.Api.ErrorDto? error)
    {
        if (error is null)
            return "the deploy failed";
        var message = GitHubFailure.OneLine(error.Message);
        return error.Service is { Length: > 0 } service ? $"{service}: {message}" : message;
    }

    private static string Truncate(string text) => text.Length <= MaxDescription ? text : text[..(MaxDescription - 1)] + "…";

    /// <summary>One page of <c>GET /repos/{owner}/{repo}/deployments</c> with filters (Octokit's client has none).</summary>
    private static async Task<List<Deployment>> ListAsync(IGitHubClient client, GitHubRepositoryAccess repository, Dictionary<string, string> query)
    {
        var path = new Uri($"repos/{Uri.EscapeDataString(repository.Owner)}/{Uri.EscapeDataString(repository.Name)}/deployments", UriKind.Relative);
        return await new ApiConnection(client.Connection).Get<List<Deployment>>(path, query);
    }
}
