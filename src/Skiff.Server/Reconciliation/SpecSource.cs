using Skiff.Core.Specs.Loading;
using Skiff.Server.Sources;
using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Gets a deploy its spec: the recorded source as a folder (a git commit checked out), loaded and
/// validated. A spec with errors fails the deploy at once, recorded; a fetch that failed may pass
/// and is retried with backoff.
/// </summary>
public sealed class SpecSource(SourceResolver sources, DeployHistory history, ILogger<SpecSource> logger)
{
    /// <summary>The loaded spec, or null when it failed (already recorded).</summary>
    public async Task<LoadedSpec?> LoadAsync(EnvironmentRecord record, DeployAttempt attempt, CancellationToken cancellationToken)
    {
        string folder;
        try
        {
            folder = await sources.ResolveAsync(record, cancellationToken);
        }
        catch (GitSourceException exception)
        {
            // A fetch may fail for a passing reason (network, a ref GitHub has not updated yet): record it, retry with backoff.
            await history.FailBeforeDeployAsync(record, attempt, $"source: {exception.Message}", [], [], cancellationToken);
            throw new RetryLaterException($"source: {exception.Message}", exception);
        }

        var loaded = SpecLoader.Load(folder);
        var warnings = loaded.Warnings.Select(w => w.ToString()).ToList();
        if (loaded.Succeeded)
            return new LoadedSpec(loaded.Spec!, warnings);
        var errors = loaded.Errors.Select(e => e.ToString()).ToList();
        var message = errors.Count switch
        {
            0 => "the spec could not be loaded",
            1 => errors[0],
            _ => $"{errors[0]} (and {errors.Count - 1} more)",
        };
        logger.LogWarning("Spec of {Environment} is invalid: {Error}", record.Name, message);
        await history.FailBeforeDeployAsync(record, attempt, message, errors, warnings, cancellationToken);
        return null;
    }
}
