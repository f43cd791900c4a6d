namespace Skiff.Server.Store;

/// <summary>One environment's row: its desired state (what triggers asked for) and what the last deploy left.</summary>
public sealed class EnvironmentRecord
{
    public required string Name { get; set; }

    /// <summary>"directory" (a folder on the server's host) or "git" (a commit of <see cref="Repository"/> fetched from <see cref="SourcePath"/>, the clone URL).</summary>
    public required string SourceKind { get; set; }

    public required string SourcePath { get; set; }

    /// <summary>What triggers last asked for (stored by name).</summary>
    public required Core.Environments.DesiredState Desired { get; set; }

    /// <summary>How far the reconciler got (stored by name).</summary>
    public required Core.Environments.EnvironmentPhase Phase { get; set; }

    public long Generation { get; set; }

    public long ObservedGeneration { get; set; }

    /// <summary>
    /// The generation whose reconcile failed on the environment's own data (not the engine or the
    /// network): it is not tried again until a trigger moves <see cref="Generation"/> on.
    /// </summary>
    public long? HeldGeneration { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LastDeployedAt { get; set; }

    /// <summary>When the seed ran into this environment's database; null until it has.</summary>
    public DateTimeOffset? SeededAt { get; set; }

    public string? PublicService { get; set; }

    /// <summary>The services after the last deploy (JSON array of ServiceSnapshot).</summary>
    public string ServicesJson { get; set; } = "[]";

    public string? TimingsJson { get; set; }

    public string? ErrorJson { get; set; }

    public string WarningsJson { get; set; } = "[]";

    /// <summary>For a PR environment: <c>owner/name</c>; null otherwise.</summary>
    public string? Repository { get; set; }

    public long? PullRequest { get; set; }

    /// <summary>The commit to run (PR head); null for a folder source.</summary>
    public string? HeadSha { get; set; }

    public string? Author { get; set; }

    public string? Title { get; set; }

    public bool FromFork { get; set; }

    /// <summary>The last request the router forwarded to the environment (flushed from memory every few seconds).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>When the environment was last suspended; null while it runs.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Set by <c>skiff extend</c>: the environment does not expire before this.</summary>
    public DateTimeOffset? ExtendedUntil { get; set; }

    /// <summary>The app's own <c>ttl</c> and <c>idle</c> (skiff.yaml) at the last deploy, as written ("3d", "never"); null when not set.</summary>
    public string? AppTtl { get; set; }

    public string? AppIdle { get; set; }

    /// <summary>When the PR comment last warned about expiry (so it warns once per expiry time).</summary>
    public DateTimeOffset? ExpiryWarnedAt { get; set; }

    /// <summary>Why it waits (capacity, budget) while <see cref="Phase"/> is Queued.</summary>
    public string? QueuedReason { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>Why the environment is being removed, when it is not a plain request (expired TTL, budget); shown on the PR comment.</summary>
    public string? RemovalReason { get; set; }

    /// <summary>The sum of its containers' memory limits at the last deploy (for the host's capacity limit).</summary>
    public long ReservedMemoryBytes { get; set; }
}
