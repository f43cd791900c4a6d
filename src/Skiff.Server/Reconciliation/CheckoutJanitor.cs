using Skiff.Core.Runtime;
using Skiff.Server.Sources;
using Skiff.Server.Store;
using Skiff.Core.Environments;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Deletes a repository's checkouts nobody needs: a checkout stays while an environment wants its
/// commit or a container was created from it (its bind mounts and secret files live there, found
/// through the <c>dev.skiff.source</c> label).
/// </summary>
public sealed class CheckoutJanitor(IGitSource git, EnvironmentStore store, IEnvironmentRuntime runtime, ILogger<CheckoutJanitor> logger)
{
    public async Task PruneAsync(string repository, CancellationToken cancellationToken)
    {
        try
        {
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in (await store.ListAsync(cancellationToken)).Where(r => r.Repository == repository))
            {
                if (record.HeadSha is { } sha)
                    keep.Add(sha);
                var state = await runtime.ObserveAsync(record.Name, cancellationToken);
                foreach (var source in state.Containers.Select(c => c.SourceDirectory).OfType<string>())
                    keep.Add(Path.GetFileName(source.TrimEnd('/')));
            }
            await git.PruneAsync(repository, keep, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or DriverException or GitSourceException)
        {
            logger.LogWarning("Could not prune the checkouts of {Repository}: {Reason}", repository, exception.Message);
        }
    }
}
