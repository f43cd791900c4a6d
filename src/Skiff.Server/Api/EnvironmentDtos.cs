using System.Text.Json;
using Skiff.Core.Api;
using Skiff.Core.Deploy;
using Skiff.Server.Reconciliation;
using Skiff.Server.Routing;
using Skiff.Server.Store;
using Skiff.Server.Serving;

namespace Skiff.Server.Api;

/// <summary>Builds the API's view of an environment from its stored record and the live board.</summary>
public sealed class EnvironmentDtos(EnvironmentBoard board, ServerUrls urls, Configuration.SkiffServerOptions options, Activity.ActivityTracker activity, TimeProvider time)
{
    public EnvironmentDto From(EnvironmentRecord record, IReadOnlyList<DeploymentRecord>? history = null, IReadOnlyList<EventRecord>? events = null)
    {
        var view = board.Find(record.Name);
        var stored = EnvironmentStore.ReadServices(record);
        var services = stored.Select(s => view?.Progress.GetValueOrDefault(s.Name) ?? s).ToList();
        foreach (var extra in view?.Progress.Values.Where(p => services.All(s => s.Name != p.Name)) ?? [])
            services.Add(extra);

        var publicService = view?.PublicService ?? record.PublicService;
        var serving = view?.Serving.Any(s => s.Name == publicService && s.ContainerId is not null) == true;
        // A suspended environment keeps its URL: a request to it wakes the environment.
        var reachable = serving || record.Phase == Core.Environments.EnvironmentPhase.Suspended;
        return new EnvironmentDto
        {
            Name = record.Name,
            Phase = record.Phase.ToString(),
            Desired = record.Desired.ToString(),
            Url = publicService is not null && reachable ? urls.Current.PublicUrl(record.Name) : null,
            Source = new SourceDto(record.SourceKind, record.SourcePath),
            Generation = record.Generation,
            ObservedGeneration = record.ObservedGeneration,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            LastDeployedAt = record.LastDeployedAt,
            Services = [.. services.Select(s => ToDto(record.Name, s))],
            Timings = Read<TimingsDto>(record.TimingsJson),
            Error = Read<ErrorDto>(record.ErrorJson),
            Warnings = Read<List<string>>(record.WarningsJson) ?? [],
            Deployments = history?.Select(ToDto).ToList(),
            PullRequest = record is { Repository: { } repository, PullRequest: { } number, HeadSha: { } sha }
                ? new PullRequestDto(repository, number, sha, record.Author, record.Title, record.FromFork)
                : null,
            Events = events?.Select(e => new EventDto(e.At, e.Kind, e.Message, e.Actor)).ToList(),
            LastActivityAt = LastActivity(record),
            ExpiresAt = ExpiresAt(record),
            QueuedReason = record.QueuedReason,
        };
    }

    private DateTimeOffset? LastActivity(EnvironmentRecord record)
    {
        var live = activity.LastRequest(record.Name);
        return live is null ? record.LastActivityAt : record.LastActivityAt is { } stored && stored > live ? stored : live;
    }

    private DateTimeOffset? ExpiresAt(EnvironmentRecord record)
    {
        if (record.LastDeployedAt is not { } lastDeploy)
            return null;
        var lifetime = Lifecycle.StoredLifetime.Of(record, options);
        return Core.Lifetimes.TtlPolicy.Evaluate(time.GetUtcNow(), lastDeploy, LastActivity(record), record.ExtendedUntil, lifetime.Ttl, options.Lifetimes.TtlWarning).ExpiresAt;
    }

    private ServiceDto ToDto(string environment, ServiceSnapshot service) => new()
    {
        Name = service.Name,
        Status = service.Status.ToString(),
        ContainerId = service.ContainerId,
        Image = service.Image,
        Url = RouteTarget.Publishes(service) ? urls.Current.ServiceUrl(environment, service.Name) : null,
        Message = service.Message,
    };

    private static DeploymentDto ToDto(DeploymentRecord deployment) => new()
    {
        Id = deployment.Id,
        Generation = deployment.Generation,
        StartedAt = deployment.StartedAt,
        FinishedAt = deployment.FinishedAt,
        Outcome = deployment.Outcome.ToString(),
        Timings = deployment.FinishedAt is null ? null : new TimingsDto(deployment.SourceMs, deployment.BuildMs, deployment.StartMs, deployment.HealthyMs, deployment.TotalMs),
        ContainersChanged = deployment.ContainersChanged,
        Error = Read<ErrorDto>(deployment.ErrorJson),
    };

    private static T? Read<T>(string? json) where T : class =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<T>(json, SkiffJson.Options);
}
