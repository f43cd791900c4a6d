using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Skiff.Core.Api;
using Skiff.Core.Deploy;
using Skiff.Core.Environments;

namespace Skiff.Server.Store;

/// <summary>
/// Reads and writes environments and their deploy history. Triggers only change desired state
/// here (and bump the generation); the reconciler records what deploys did. Every write is one
/// short statement, so API requests and deploys never block each other for long.
/// </summary>
public sealed class EnvironmentStore(IDbContextFactory<SkiffDbContext> contexts, TimeProvider time)
{
    private readonly SemaphoreSlim _upserts = new(1, 1);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StoreSchema.UpgradeAsync(db, cancellationToken);
        // WAL (with synchronous=NORMAL set per connection by SqlitePragmas).
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public async Task<EnvironmentRecord?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Environments.AsNoTracking().SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
    }

    public async Task<IReadOnlyList<EnvironmentRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Environments.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records that <paramref name="name"/> should run the given source; creates it when new. Returns
    /// the new record. A name given to a pull request stays that pull request's: asking for it throws
    /// <see cref="NameTakenException"/> and changes nothing.
    /// </summary>
    public async Task<EnvironmentRecord> RequestRunningAsync(string name, string sourceKind, string sourcePath, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _upserts.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.PullRequestNames.AsNoTracking().SingleOrDefaultAsync(n => n.Name == name, cancellationToken) is { } given)
                throw new NameTakenException($"environment name '{name}' belongs to pull request {given.Repository}#{given.PullRequest}; choose another name");
            var record = await db.Environments.SingleOrDefaultAsync(e => e.Name == name, cancellationToken);
            if (record is null)
            {
                record = new EnvironmentRecord
                {
                    Name = name,
                    SourceKind = sourceKind,
                    SourcePath = sourcePath,
                    Desired = DesiredState.Running,
                    Phase = EnvironmentPhase.Pending,
                    CreatedAt = now,
                };
                db.Environments.Add(record);
            }
            record.SourceKind = sourceKind;
            record.SourcePath = sourcePath;
            record.Desired = DesiredState.Running;
            record.Phase = EnvironmentPhase.Pending;
            record.Generation++;
            record.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        finally
        {
            _upserts.Release();
        }
    }

    /// <summary>
    /// Writes a new desired state decided by <see cref="Core.Environments.EnvironmentLifecycle"/>, only
    /// if the environment is still at <paramref name="generation"/> (nothing changed it since it was
    /// read); moves the generation on. Absent also sets the phase Deleting and the removal reason.
    /// False when it changed meanwhile (or is gone). Only the desired-state writer calls this.
    /// </summary>
    public async Task<bool> ApplyDesiredAsync(string name, long generation, DesiredState desired, string? removalReason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removing = desired == DesiredState.Absent;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Environments.Where(e => e.Name == name && e.Generation == generation).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Desired, desired)
            .SetProperty(e => e.Phase, e => removing ? EnvironmentPhase.Deleting : e.Phase)
            .SetProperty(e => e.RemovalReason, e => removing ? removalReason : e.RemovalReason)
            .SetProperty(e => e.Generation, e => e.Generation + 1)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        return changed > 0;
    }

    /// <summary>Marks a suspend done: phase Suspended, observed.</summary>
    public async Task MarkSuspendedAsync(string name, long generation, IReadOnlyList<ServiceSnapshot> services, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var servicesJson = JsonSerializer.Serialize(services, SkiffJson.Options);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Phase, e => e.Generation == generation ? EnvironmentPhase.Suspended : e.Phase)
            .SetProperty(e => e.ObservedGeneration, generation)
            .SetProperty(e => e.SuspendedAt, now)
            .SetProperty(e => e.ServicesJson, servicesJson)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Writes the router's last-request times (batched).</summary>
    public async Task RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> lastRequests, CancellationToken cancellationToken)
    {
        if (lastRequests.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = lastRequests.Keys.ToList();
        // SQLite cannot compare DateTimeOffset columns in SQL: read the stored times, compare here.
        var stored = await db.Environments.AsNoTracking().Where(e => names.Contains(e.Name))
            .Select(e => new { e.Name, e.LastActivityAt }).ToListAsync(cancellationToken);
        foreach (var row in stored)
        {
            var at = lastRequests[row.Name];
            if (row.LastActivityAt is { } before && before >= at)
                continue;
            await db.Environments.Where(e => e.Name == row.Name)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LastActivityAt, at), cancellationToken);
        }
    }

    /// <summary>Sets (or clears) the environment's place in the wait queue for capacity or budget.</summary>
    public async Task SetQueuedAsync(string name, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (reason is null)
        {
            await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.QueuedReason, (string?)null)
                .SetProperty(e => e.QueuedAt, (DateTimeOffset?)null), cancellationToken);
            return;
        }
        await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Phase, EnvironmentPhase.Queued)
            .SetProperty(e => e.ObservedGeneration, e => e.Generation)
            .SetProperty(e => e.QueuedReason, reason)
            .SetProperty(e => e.QueuedAt, e => e.QueuedAt ?? now)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Sets fields the lifecycle enforcer keeps: the extension of <c>skiff extend</c>, the time of the expiry warning.</summary>
    public async Task SetLifetimeAsync(string name, DateTimeOffset? extendedUntil, DateTimeOffset? expiryWarnedAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.ExtendedUntil, extendedUntil)
            .SetProperty(e => e.ExpiryWarnedAt, expiryWarnedAt), cancellationToken);
    }

    public async Task SetPhaseAsync(string name, EnvironmentPhase phase, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Phase, phase)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    public async Task<long> StartDeploymentAsync(string name, long generation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deployment = new DeploymentRecord
        {
            EnvironmentName = name,
            Generation = generation,
            StartedAt = time.GetUtcNow(),
            Outcome = DeploymentOutcome.Running,
        };
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync(cancellationToken);
        return deployment.Id;
    }

    /// <summary>Drops the history row of a deploy that did not happen (the environment was queued instead).</summary>
    public async Task CancelDeploymentAsync(long deploymentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Deployments.Where(d => d.Id == deploymentId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Records the end of a deploy: its history row and the environment's resulting state.</summary>
    public async Task FinishDeploymentAsync(long deploymentId, DeployResultRecord result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timings = result.Timings;
        var errorJson = result.Failure is null ? null : JsonSerializer.Serialize(ToDto(result.Failure), SkiffJson.Options);
        var timingsJson = JsonSerializer.Serialize(ToDto(timings), SkiffJson.Options);
        var servicesJson = JsonSerializer.Serialize(result.Services, SkiffJson.Options);
        var warningsJson = JsonSerializer.Serialize(result.Warnings, SkiffJson.Options);
        var phase = result.Failure is null ? EnvironmentPhase.Ready : EnvironmentPhase.Failed;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Deployments.Where(d => d.Id == deploymentId).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.FinishedAt, now)
            .SetProperty(d => d.Outcome, result.Failure is null ? DeploymentOutcome.Succeeded : DeploymentOutcome.Failed)
            .SetProperty(d => d.SourceMs, (long)timings.Source.TotalMilliseconds)
            .SetProperty(d => d.BuildMs, (long)timings.Build.TotalMilliseconds)
            .SetProperty(d => d.StartMs, (long)timings.Start.TotalMilliseconds)
            .SetProperty(d => d.HealthyMs, (long)timings.Healthy.TotalMilliseconds)
            .SetProperty(d => d.TotalMs, (long)timings.Total.TotalMilliseconds)
            .SetProperty(d => d.ContainersChanged, result.ContainersChanged)
            .SetProperty(d => d.ErrorJson, errorJson), cancellationToken);

        await db.Environments.Where(e => e.Name == result.Environment).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Phase, e => e.Generation == result.Generation ? phase : e.Phase)
            .SetProperty(e => e.ObservedGeneration, result.Generation)
            .SetProperty(e => e.UpdatedAt, now)
            .SetProperty(e => e.LastDeployedAt, e => result.Failure == null ? now : e.LastDeployedAt)
            .SetProperty(e => e.SeededAt, e => result.Seeded ? now : e.SeededAt)
            .SetProperty(e => e.SuspendedAt, e => result.Failure == null ? null : e.SuspendedAt)
            .SetProperty(e => e.QueuedReason, (string?)null)
            .SetProperty(e => e.QueuedAt, (DateTimeOffset?)null)
            .SetProperty(e => e.AppTtl, e => result.AppTtl ?? (result.Failure == null ? null : e.AppTtl))
            .SetProperty(e => e.AppIdle, e => result.AppIdle ?? (result.Failure == null ? null : e.AppIdle))
            .SetProperty(e => e.ReservedMemoryBytes, e => result.Failure == null ? result.ReservedMemoryBytes : e.ReservedMemoryBytes)
            .SetProperty(e => e.PublicService, result.PublicService)
            .SetProperty(e => e.ServicesJson, servicesJson)
            .SetProperty(e => e.TimingsJson, timingsJson)
            .SetProperty(e => e.ErrorJson, errorJson)
            .SetProperty(e => e.WarningsJson, warningsJson), cancellationToken);
    }

    /// <summary>
    /// Records a reconcile that failed for a reason outside the deploy itself (engine unreachable,
    /// store error): the environment shows Failed with the reason, its unfinished deploy rows are
    /// closed, and the attempt counts as observed so waiting clients stop waiting.
    /// </summary>
    public Task RecordFailureAsync(string name, string message, CancellationToken cancellationToken) =>
        FailAsync(name, message, held: null, cancellationToken);

    /// <summary>
    /// Records a reconcile of <paramref name="generation"/> that cannot succeed as it is: Failed with
    /// the reason, its unfinished deploy rows closed, and held (not reconciled again) until a
    /// trigger moves the generation on.
    /// </summary>
    public Task HoldAsync(string name, long generation, string message, CancellationToken cancellationToken) =>
        FailAsync(name, message, generation, cancellationToken);

    /// <param name="held">The generation to hold; null to record the current one as failed without holding it.</param>
    private async Task FailAsync(string name, string message, long? held, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errorJson = JsonSerializer.Serialize(new ErrorDto(null, message, []), SkiffJson.Options);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Deployments.Where(d => d.EnvironmentName == name && d.Outcome == DeploymentOutcome.Running).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Outcome, DeploymentOutcome.Failed)
            .SetProperty(d => d.FinishedAt, now)
            .SetProperty(d => d.ErrorJson, errorJson), cancellationToken);
        await db.Environments.Where(e => e.Name == name).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Phase, e => held == null || e.Generation == held ? EnvironmentPhase.Failed : e.Phase)
            .SetProperty(e => e.ObservedGeneration, e => held ?? e.Generation)
            .SetProperty(e => e.HeldGeneration, e => held ?? e.HeldGeneration)
            .SetProperty(e => e.ErrorJson, errorJson)
            .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    /// <summary>At start-up: deploy rows left running by a previous process are marked interrupted.</summary>
    public async Task CloseInterruptedDeploymentsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Deployments.Where(d => d.Outcome == DeploymentOutcome.Running).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.Outcome, DeploymentOutcome.Interrupted)
            .SetProperty(d => d.FinishedAt, now), cancellationToken);
    }

    /// <param name="actor">Who asked, for a change of desired state; null for what the server reports itself.</param>
    public async Task AddEventAsync(string environment, string kind, string message, CancellationToken cancellationToken, Core.Environments.Actor? actor = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Events.Add(new EventRecord { EnvironmentName = environment, At = time.GetUtcNow(), Kind = kind, Message = message, Actor = actor?.Name });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EventRecord>> ListEventsAsync(string environment, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Events.AsNoTracking()
            .Where(e => e.EnvironmentName == environment)
            .OrderByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the environment's row and history once its removal is done — only if nothing asked for
    /// it again since <paramref name="generation"/> (a pull request reopened meanwhile). False then.
    /// </summary>
    public async Task<bool> DeleteAsync(string name, long generation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Environments.Where(e => e.Name == name && e.Generation == generation).ExecuteDeleteAsync(cancellationToken) == 0)
            return false;
        await db.Events.Where(e => e.EnvironmentName == name).ExecuteDeleteAsync(cancellationToken);
        await db.Deployments.Where(d => d.EnvironmentName == name).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<DeploymentRecord>> ListDeploymentsAsync(string name, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deployments.AsNoTracking()
            .Where(d => d.EnvironmentName == name)
            .OrderByDescending(d => d.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public static IReadOnlyList<ServiceSnapshot> ReadServices(EnvironmentRecord record) =>
        JsonSerializer.Deserialize<List<ServiceSnapshot>>(record.ServicesJson, SkiffJson.Options) ?? [];

    public static ErrorDto ToDto(DeployFailure failure) => new(failure.Service, failure.Message, failure.LogTail);

    public static TimingsDto ToDto(DeployTimings timings) => new(
        (long)timings.Source.TotalMilliseconds,
        (long)timings.Build.TotalMilliseconds,
        (long)timings.Start.TotalMilliseconds,
        (long)timings.Healthy.TotalMilliseconds,
        (long)timings.Total.TotalMilliseconds);
}

/// <summary>What a finished deploy leaves in the store.</summary>
public sealed record DeployResultRecord
{
    public required string Environment { get; init; }

    public required long Generation { get; init; }

    public required DeployTimings Timings { get; init; }

    public DeployFailure? Failure { get; init; }

    public IReadOnlyList<ServiceSnapshot> Services { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public int ContainersChanged { get; init; }

    public bool Seeded { get; init; }

    public string? PublicService { get; init; }

    /// <summary>The app's skiff.yaml <c>ttl</c> and <c>idle</c> as written, when the deploy read them.</summary>
    public string? AppTtl { get; init; }

    public string? AppIdle { get; init; }

    public long ReservedMemoryBytes { get; init; }
}
