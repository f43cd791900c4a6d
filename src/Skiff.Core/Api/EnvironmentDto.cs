namespace Skiff.Core.Api;

/// <summary>An environment as the REST API returns it (and <c>skiff status --json</c> prints it).</summary>
public sealed record EnvironmentDto
{
    public required string Name { get; init; }

    /// <summary>Pending, Deploying, Ready, Failed, Deleting, Suspended or Queued.</summary>
    public required string Phase { get; init; }

    /// <summary>What triggers last asked for: Running, Suspended or Absent (the phase says how far it got).</summary>
    public string? Desired { get; init; }

    /// <summary>The public service's URL, once something serves.</summary>
    public string? Url { get; init; }

    public required SourceDto Source { get; init; }

    /// <summary>Counts every create-or-update; <see cref="ObservedGeneration"/> catches up when the deploy ends.</summary>
    public long Generation { get; init; }

    public long ObservedGeneration { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? LastDeployedAt { get; init; }

    public IReadOnlyList<ServiceDto> Services { get; init; } = [];

    /// <summary>The phase timings of the last finished deploy.</summary>
    public TimingsDto? Timings { get; init; }

    /// <summary>Why the last deploy failed, when it did.</summary>
    public ErrorDto? Error { get; init; }

    /// <summary>Spec warnings (ignored Compose keys and the like) of the last deploy.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>When it expires unless it gets a deploy or a request (null: never); when it was last used.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastActivityAt { get; init; }

    /// <summary>Why it waits, while its phase is Queued (capacity or budget).</summary>
    public string? QueuedReason { get; init; }

    /// <summary>The newest deploys first; only in the answer for one environment.</summary>
    public IReadOnlyList<DeploymentDto>? Deployments { get; init; }

    /// <summary>For a pull request's environment: which one, at which commit.</summary>
    public PullRequestDto? PullRequest { get; init; }

    /// <summary>The environment's history, newest first (webhooks received, deploys, failures); only in the answer for one environment.</summary>
    public IReadOnlyList<EventDto>? Events { get; init; }
}

/// <param name="Repository"><c>owner/name</c>.</param>
/// <param name="Sha">The head commit the environment runs (or is deploying).</param>
public sealed record PullRequestDto(string Repository, long Number, string Sha, string? Author, string? Title, bool FromFork);

/// <param name="Kind">webhook, deploy, failure, ...</param>
/// <param name="Actor">Who asked, for a change of desired state (api, github:&lt;delivery&gt;, request, ttl, idle, budget, janitor); null for what the server reports itself.</param>
public sealed record EventDto(DateTimeOffset At, string Kind, string Message, string? Actor = null);

public sealed record SourceDto(string Kind, string Path);

public sealed record ServiceDto
{
    public required string Name { get; init; }

    public required string Status { get; init; }

    public string? ContainerId { get; init; }

    public string? Image { get; init; }

    public string? Url { get; init; }

    public string? Message { get; init; }
}

public sealed record TimingsDto(long SourceMs, long BuildMs, long StartMs, long HealthyMs, long TotalMs);

public sealed record ErrorDto(string? Service, string Message, IReadOnlyList<string> LogTail);

/// <summary>The body of <c>PUT /api/v1/environments/{name}</c>.</summary>
/// <param name="Source">The absolute path of the application folder on the server's host.</param>
public sealed record EnvironmentRequest(string? Source);

/// <summary>The body of <c>POST /api/v1/environments/{name}/extend</c>.</summary>
/// <param name="Duration">How long from now it must live at least: <c>2d</c>, <c>12h</c>, or <c>never</c> where the server allows it.</param>
public sealed record ExtendRequest(string? Duration);

/// <summary>The body of every 4xx/5xx answer.</summary>
public sealed record ApiError(string Error);
